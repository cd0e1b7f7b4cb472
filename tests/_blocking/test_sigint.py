"""While the main thread runs the loop, the first Ctrl-C cancels its own call; a second one is
raised at once; an application's own SIGINT handler is left alone."""

from __future__ import annotations

import asyncio
import os
import signal
import threading
from types import FrameType

import pytest

from jbcrm._blocking._sigint import CtrlC


def _task(loop: asyncio.AbstractEventLoop) -> asyncio.Task[None]:
    return loop.create_task(asyncio.sleep(10))


def test_the_first_ctrl_c_cancels_the_call_and_a_second_one_is_raised() -> None:
    loop = asyncio.new_event_loop()
    try:
        task = _task(loop)
        with CtrlC(loop, task) as ctrl_c:
            os.kill(os.getpid(), signal.SIGINT)
            assert ctrl_c.interrupted
            with pytest.raises(KeyboardInterrupt):
                os.kill(os.getpid(), signal.SIGINT)
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
        with pytest.raises(asyncio.CancelledError):
            loop.run_until_complete(task)
    finally:
        loop.close()


def test_an_applications_own_sigint_handler_is_left_in_place() -> None:
    received: list[int] = []

    def handler(signum: int, frame: FrameType | None) -> None:
        received.append(signum)

    previous = signal.signal(signal.SIGINT, handler)
    loop = asyncio.new_event_loop()
    try:
        task = _task(loop)
        with CtrlC(loop, task) as ctrl_c:
            os.kill(os.getpid(), signal.SIGINT)
        assert received == [signal.SIGINT]
        assert not ctrl_c.interrupted
        assert not task.cancelled()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            loop.run_until_complete(task)
    finally:
        loop.close()
        signal.signal(signal.SIGINT, previous)


def test_outside_the_main_thread_nothing_is_installed() -> None:
    loop = asyncio.new_event_loop()
    seen: list[object] = []
    try:
        task = _task(loop)

        def run() -> None:
            with CtrlC(loop, task) as ctrl_c:
                seen.append(signal.getsignal(signal.SIGINT))
                seen.append(ctrl_c.interrupted)

        thread = threading.Thread(target=run)
        thread.start()
        thread.join(5)
        assert seen == [signal.default_int_handler, False]
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            loop.run_until_complete(task)
    finally:
        loop.close()
