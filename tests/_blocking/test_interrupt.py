"""Ctrl-C in the calling thread abandons the request: its task is cancelled and its limiter
slot freed before the KeyboardInterrupt goes on."""

from __future__ import annotations

import asyncio
import signal
import threading
import time
from collections.abc import Callable, Iterator

import httpx
import pytest

import jbcrm
from jbcrm.sandbox import JetbuiltSandbox
from tests._blocking.helpers import eventually, one_slot_client, sync_client


class GatedTransport(httpx.AsyncBaseTransport):
    """Holds every request until ``gate`` is set; counts those that arrived and ended."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.gate = threading.Event()
        self.arrived = 0
        self.cancelled = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.arrived += 1
        try:
            # Polled: the gate is opened from the test's thread, not from this loop.
            while not self.gate.is_set():  # noqa: ASYNC110
                await asyncio.sleep(0.005)
        except asyncio.CancelledError:
            self.cancelled += 1
            raise
        return await self.inner.handle_async_request(request)


def _interrupt_main_once(condition: Callable[[], bool]) -> threading.Thread:
    """Send SIGINT to the main thread (where pytest runs the test) once ``condition`` holds."""

    def run() -> None:
        eventually(condition)
        main = threading.main_thread().ident
        assert main is not None
        signal.pthread_kill(main, signal.SIGINT)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


@pytest.fixture
def gated() -> Iterator[tuple[jbcrm.SyncJetbuilt, GatedTransport, jbcrm.Limiter]]:
    sandbox = JetbuiltSandbox(scale=0.05, rate_limit=None)
    transport = GatedTransport(sandbox.transport())
    jb, limiter = one_slot_client(sandbox, transport)
    with jb:
        yield jb, transport, limiter
        transport.gate.set()


def test_ctrl_c_during_a_request_cancels_it_and_frees_its_limiter_slot(
    gated: tuple[jbcrm.SyncJetbuilt, GatedTransport, jbcrm.Limiter],
) -> None:
    jb, transport, limiter = gated
    _interrupt_main_once(lambda: transport.arrived == 1)
    with pytest.raises(KeyboardInterrupt):
        jb.company.get()
    assert transport.cancelled == 1
    assert limiter.stats.in_flight == 0
    transport.gate.set()
    assert jb.with_options(deadline=2).company.get().name  # the one slot is free


def test_ctrl_c_while_waiting_for_the_limiter_leaves_its_queue(
    gated: tuple[jbcrm.SyncJetbuilt, GatedTransport, jbcrm.Limiter],
) -> None:
    jb, transport, limiter = gated
    holder = threading.Thread(target=jb.company.get)
    holder.start()  # takes the one slot, held at the gate
    _interrupt_main_once(lambda: limiter._queue)  # type: ignore[attr-defined]
    with pytest.raises(KeyboardInterrupt):
        jb.company.get()
    assert transport.arrived == 1
    transport.gate.set()
    holder.join(5)
    assert jb.with_options(deadline=2).company.get().name
    assert transport.arrived == 2  # the holder's and this one: the interrupted call never went


def test_ctrl_c_while_iterating_abandons_the_page_and_frees_the_slot(
    gated: tuple[jbcrm.SyncJetbuilt, GatedTransport, jbcrm.Limiter],
) -> None:
    jb, transport, limiter = gated
    _interrupt_main_once(lambda: transport.arrived == 1)
    with pytest.raises(KeyboardInterrupt):
        for _ in jb.projects.list():
            pass
    assert transport.cancelled == 1
    assert limiter.stats.in_flight == 0


class OtherThreadsStep(GatedTransport):
    """The first request waits at ``gate`` (awaiting); the second one blocks the thread that
    runs the loop, without awaiting, until ``release`` is set: a Ctrl-C sent meanwhile lands in
    that second request's step."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        super().__init__(inner)
        self.release = threading.Event()
        self.second_ran_on: int | None = None

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if self.arrived != 1:
            return await super().handle_async_request(request)
        self.arrived += 1
        self.second_ran_on = threading.get_ident()
        while not self.release.is_set():
            time.sleep(0.001)  # noqa: ASYNC251 - blocking on purpose: no await to land on
        return await self.inner.handle_async_request(request)


def test_ctrl_c_while_the_main_thread_runs_another_threads_request_cancels_only_its_own_call() -> (
    None
):
    sandbox = JetbuiltSandbox(scale=0.05, rate_limit=None)
    transport = OtherThreadsStep(sandbox.transport())
    jb = sync_client(sandbox, transport)
    other: dict[str, object] = {}

    def other_thread() -> None:
        try:
            other["name"] = jb.company.get().name
        except BaseException as exc:  # what reaches the other thread is the test's subject
            other["error"] = exc

    def when_first_arrives() -> None:
        eventually(lambda: transport.arrived == 1)
        caller = threading.Thread(target=other_thread)
        caller.start()
        eventually(lambda: transport.arrived == 2)
        main = threading.main_thread().ident
        assert main is not None
        signal.pthread_kill(main, signal.SIGINT)
        time.sleep(0.1)  # the signal is handled inside the other thread's step
        transport.release.set()
        caller.join(10)

    helper = threading.Thread(target=when_first_arrives, daemon=True)
    with jb:
        helper.start()
        with pytest.raises(KeyboardInterrupt):
            jb.company.get()
        helper.join(10)
        assert transport.second_ran_on == threading.main_thread().ident
        assert transport.cancelled == 1
        assert "error" not in other, other
        assert other["name"]
