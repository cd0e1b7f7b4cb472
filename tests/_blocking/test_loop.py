"""Who runs the process's one event loop: the calling thread when nobody else does, another
thread's call inside it when one does, the background thread for what a call leaves behind."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator

import httpx
import pytest
import redis

import jbcrm
from jbcrm._blocking._loop import process_loop
from jbcrm._core.ratelimit.redis import RedisSlidingWindowLimiter
from jbcrm.sandbox import JetbuiltSandbox
from tests._blocking.helpers import PATIENCE, eventually, one_slot_client
from tests.integration.redis_server import redis_server_executable, running_redis_server


class ThreadNoting(httpx.AsyncBaseTransport):
    """Passes requests on, noting the thread each one ran in; holds the pages after the
    second until :meth:`open`, and can raise KeyboardInterrupt in the request's own step."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.gate = asyncio.Event()
        self.threads: list[str] = []
        self.finished: list[tuple[str, str]] = []
        self.interrupt = False

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.threads.append(threading.current_thread().name)
        if self.interrupt:
            self.interrupt = False
            raise KeyboardInterrupt
        page = request.url.params.get("page", "1")
        if int(page) > 2:
            await self.gate.wait()
        response = await self.inner.handle_async_request(request)
        self.finished.append((page, threading.current_thread().name))
        return response

    def open(self) -> None:
        """Let the held pages go, waking the loop from outside as a socket would: whoever runs
        the loop sees it, nobody else does."""
        loop = process_loop()._loop
        assert loop is not None
        loop.call_soon_threadsafe(self.gate.set)


@pytest.fixture
def noted() -> Iterator[tuple[jbcrm.SyncJetbuilt, ThreadNoting, jbcrm.Limiter]]:
    sandbox = JetbuiltSandbox(scale=0.3, rate_limit=None)
    transport = ThreadNoting(sandbox.transport())
    jb, limiter = one_slot_client(sandbox, transport)
    with jb:
        yield jb, transport, limiter
        transport.open()  # nothing is left held, whatever the test did


def test_a_call_while_nobody_runs_the_loop_runs_in_the_calling_thread(
    noted: tuple[jbcrm.SyncJetbuilt, ThreadNoting, jbcrm.Limiter],
) -> None:
    jb, transport, _ = noted
    jb.company.get()
    jb.projects.get(jb.projects.list().first_page().items[0].id)
    assert transport.threads == [threading.current_thread().name] * 3


def test_pages_prefetched_during_a_call_complete_on_the_background_thread_after_it_returns(
    noted: tuple[jbcrm.SyncJetbuilt, ThreadNoting, jbcrm.Limiter],
) -> None:
    jb, transport, _ = noted
    pages = iter(jb.projects.list().pages())
    next(pages)
    next(pages)  # pages 3 and on are being prefetched, held at the gate
    assert eventually(lambda: len(transport.threads) > 2)
    transport.open()  # no call is running now: the background thread must finish them
    assert eventually(lambda: len(transport.finished) == len(transport.threads))
    assert {thread for page, thread in transport.finished if int(page) > 2} == {"jbcrm-event-loop"}
    count = 2 + len(list(pages))
    assert len(transport.threads) == count  # the prefetched pages were not fetched again


def test_a_task_left_waiting_by_a_call_is_run_by_the_background_thread_when_woken() -> None:
    gate = asyncio.Event()
    finished = threading.Event()
    where: list[str] = []

    async def leave_a_waiter() -> None:
        started = asyncio.Event()

        async def waiter() -> None:
            started.set()
            await gate.wait()  # no timer: only a wake-up from outside, as a socket's
            where.append(threading.current_thread().name)
            finished.set()

        asyncio.get_running_loop().create_task(waiter())
        await started.wait()

    loop = process_loop()
    loop.call(leave_a_waiter)
    assert loop._loop is not None
    loop._loop.call_soon_threadsafe(gate.set)
    assert finished.wait(PATIENCE)
    assert where == ["jbcrm-event-loop"]


def _a_timer_left_behind_fires_on_the_background_thread() -> None:
    fired = threading.Event()
    where: list[str] = []

    async def leave_a_timer() -> None:
        def ring() -> None:
            where.append(threading.current_thread().name)
            fired.set()

        asyncio.get_running_loop().call_later(0.05, ring)

    process_loop().call(leave_a_timer)
    assert fired.wait(PATIENCE)
    assert where == ["jbcrm-event-loop"]


def test_a_timer_left_on_the_loop_fires_with_no_call_running() -> None:
    _a_timer_left_behind_fires_on_the_background_thread()


def test_a_call_made_while_another_thread_runs_the_loop_runs_inside_that_threads_call() -> None:
    loop = process_loop()
    release = threading.Event()
    running = threading.Event()

    async def hold() -> str:
        running.set()
        while not release.is_set():  # noqa: ASYNC110
            await asyncio.sleep(0.005)
        return threading.current_thread().name

    async def where() -> str:
        return threading.current_thread().name

    holder: list[str] = []
    thread = threading.Thread(target=lambda: holder.append(loop.call(hold)), name="holder")
    thread.start()
    try:
        assert running.wait(PATIENCE)
        assert loop.call(where) == "holder"  # this thread waited; the holder's run ran it
    finally:
        release.set()
        thread.join(PATIENCE)
    assert holder == ["holder"]
    assert loop.call(where) == threading.current_thread().name  # nobody runs it now


def test_a_keyboard_interrupt_inside_a_request_run_by_the_caller_frees_the_limiter_slot(
    noted: tuple[jbcrm.SyncJetbuilt, ThreadNoting, jbcrm.Limiter],
) -> None:
    jb, transport, limiter = noted
    transport.interrupt = True
    with pytest.raises(KeyboardInterrupt):
        jb.company.get()
    assert transport.threads == [threading.current_thread().name]
    assert limiter.stats.in_flight == 0
    assert jb.with_options(deadline=2).company.get().name  # the one slot is free


def test_a_call_from_inside_another_running_event_loop_waits_for_jbcrms_loop(
    noted: tuple[jbcrm.SyncJetbuilt, ThreadNoting, jbcrm.Limiter],
) -> None:
    jb, transport, _ = noted

    async def view() -> tuple[str | None, asyncio.AbstractEventLoop]:
        return jb.company.get().name, asyncio.get_running_loop()

    name, callers_loop = asyncio.run(view())
    assert name
    assert transport.threads == ["jbcrm-event-loop"]  # the caller's loop cannot run jbcrm's
    assert callers_loop is not process_loop()._loop


def test_a_sync_call_from_a_task_on_jbcrms_own_loop_raises_instead_of_deadlocking(
    noted: tuple[jbcrm.SyncJetbuilt, ThreadNoting, jbcrm.Limiter],
) -> None:
    jb, transport, _ = noted

    async def nested() -> None:
        jb.company.get()

    with pytest.raises(jbcrm.EventLoopMismatchError, match="own event loop"):
        process_loop().call(nested)
    assert transport.threads == []


def test_a_redis_limiter_release_left_behind_reaches_redis_with_no_call_running() -> None:
    with running_redis_server(redis_server_executable()) as server:
        limiter = RedisSlidingWindowLimiter(10, 1.0, redis_url=server.url, key="sync-left")
        answer = httpx.Response(200, json={"id": 1, "name": "Acme"})
        with jbcrm.SyncJetbuilt(
            "key",
            base_url="https://x.test/api",
            http_client=httpx.AsyncClient(transport=httpx.MockTransport(lambda _: answer)),
            rate_limit=limiter,
        ) as jb:
            jb.company.get()  # returns before its slot's release is written to Redis
            done = redis.Redis.from_url(server.url)
            try:
                assert eventually(lambda: done.zcard("jbcrm:{sync-left}:done") == 1)
            finally:
                done.close()
            process_loop().call(limiter.aclose)


def test_a_task_ending_in_system_exit_on_the_background_thread_leaves_it_serving() -> None:
    loop = process_loop()
    ended: list[asyncio.Task[None]] = []

    async def leave_a_task_that_exits() -> None:
        async def exits() -> None:
            await asyncio.sleep(0.01)  # on the background thread, after the call returned
            raise SystemExit(3)

        ended.append(asyncio.get_running_loop().create_task(exits()))

    loop.call(leave_a_task_that_exits)
    assert eventually(lambda: ended[0].done())
    assert isinstance(ended[0].exception(), SystemExit)
    _a_timer_left_behind_fires_on_the_background_thread()  # the thread still serves
