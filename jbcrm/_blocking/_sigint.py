"""Ctrl-C while the main thread runs jbcrm's loop, and with it other threads' calls.

Python raises ``KeyboardInterrupt`` in whatever the main thread is running when SIGINT
arrives; while it runs the shared loop that may be another thread's request, which would then
fail in that thread. So while the main thread runs the loop, the first Ctrl-C cancels the main
thread's own call instead (raised as ``KeyboardInterrupt`` once that call has unwound), and a
second one is raised at once, as Python's own handler would: what ``asyncio.Runner`` does for
``asyncio.run``. A handler of the application's own is left alone.
"""

from __future__ import annotations

import asyncio
import importlib
import signal
import threading
from types import FrameType, TracebackType
from typing import Any

#: The C module under ``signal`` (no type stubs): ``signal.signal`` converts handlers to and
#: from enums (a ValueError raised and caught for a function), about 8 us a call against
#: 0.4 us here, paid twice per sync call.
_signal: Any = importlib.import_module("_signal")


class CtrlC:
    """While entered, in the main thread with Python's default handler: SIGINT cancels ``task``."""

    __slots__ = ("_active", "_loop", "_task", "interrupted")

    def __init__(self, loop: asyncio.AbstractEventLoop, task: asyncio.Task[Any]) -> None:
        self._loop = loop
        self._task = task
        self.interrupted = False
        self._active = (
            threading.get_ident() == threading.main_thread().ident
            and _signal.getsignal(signal.SIGINT) is signal.default_int_handler
        )

    def __enter__(self) -> CtrlC:
        if self._active:
            _signal.signal(signal.SIGINT, self._on_sigint)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._active:
            _signal.signal(signal.SIGINT, signal.default_int_handler)

    def _on_sigint(self, signum: int, frame: FrameType | None) -> None:
        if self.interrupted or self._task.done():
            raise KeyboardInterrupt
        self.interrupted = True
        self._task.cancel()
        # The handler may run while the loop waits in its selector: wake it.
        self._loop.call_soon_threadsafe(_nothing)


def _nothing() -> None:
    pass
