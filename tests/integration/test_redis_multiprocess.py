"""Several processes, one Redis, one strict server: the shared limit holds across processes.

Each worker process runs an asyncio loop whose tasks do "acquire -> GET -> release" against a
loopback server that answers 429 beyond N requests in any sliding window: the sandbox's own
strict limiter for the shared-budget test, and `StrictServer` below where a test needs what
the sandbox does not offer (a 429 forced on the n-th request, arrivals on the clock Redis
`TIME` reads).
"""

from __future__ import annotations

import asyncio
import bisect
import dataclasses
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Iterator
from multiprocessing.synchronize import Barrier
from typing import Any, Literal

import httpx
import pytest
import redis

from jbcrm._core.ratelimit import Limiter, SlidingWindowLimiter
from jbcrm._core.ratelimit.redis import RedisSlidingWindowLimiter
from jbcrm.sandbox import JetbuiltSandbox, ServerRateLimit
from tests.integration.redis_server import (
    RedisServer,
    redis_server_executable,
    running_redis_server,
)

SPAWN = multiprocessing.get_context("spawn")
_PROCESS_TIMEOUT = 60.0


class StrictServer:
    """HTTP/1.1 on 127.0.0.1: 429 beyond ``requests`` in any ``per`` seconds (sliding window).

    ``reject_nth`` answers the n-th request (1-based) with a 429 and ``Retry-After:
    retry_after``, as a co-tenant on the same IP would cause. Arrivals are stamped with
    ``time.time()``, the clock Redis ``TIME`` reads too.
    """

    def __init__(
        self, requests: int, per: float, *, reject_nth: int = 0, retry_after: float = 0.0
    ) -> None:
        self.requests = requests
        self.per = per
        self.reject_nth = reject_nth
        self.retry_after = retry_after
        self.arrivals: list[tuple[float, int]] = []
        self._window: deque[float] = deque()
        self._ready = threading.Event()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self.url = ""

    def __enter__(self) -> StrictServer:
        self._thread.start()
        self._ready.wait(10)
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    @property
    def accepted(self) -> list[float]:
        return sorted(at for at, status in self.arrivals if status == 200)

    @property
    def rate_limited(self) -> int:
        return sum(1 for _, status in self.arrivals if status == 429)

    def max_in_window(self) -> int:
        """The most accepted requests inside any half-open window of ``per`` seconds."""
        times = self.accepted
        return max(
            (i - bisect.bisect_right(times, at - self.per) + 1 for i, at in enumerate(times)),
            default=0,
        )

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        server = self._loop.run_until_complete(
            asyncio.start_server(self._serve, "127.0.0.1", 0, backlog=1024)
        )
        self.url = f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}"
        self._ready.set()
        self._loop.run_forever()
        server.close()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while await reader.readuntil(b"\r\n\r\n"):
                writer.write(self._answer(time.time()))
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    def _answer(self, now: float) -> bytes:
        window = self._window
        while window and window[0] <= now - self.per:
            window.popleft()
        forced = len(self.arrivals) + 1 == self.reject_nth
        status = 429 if forced or len(window) >= self.requests else 200
        self.arrivals.append((now, status))
        if status == 200:
            window.append(now)
            return b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok"
        return (
            b"HTTP/1.1 429 Too Many Requests\r\ncontent-length: 11\r\n"
            + f"retry-after: {self.retry_after}\r\n\r\nRetry later".encode()
        )


@dataclasses.dataclass(frozen=True)
class Workload:
    """What one worker process does."""

    server_url: str
    redis_url: str
    key: str
    requests: int
    per: float
    tasks: int
    limiter: Literal["redis", "local"] = "redis"
    lease: float | None = None
    #: Take this many slots, report them and hold them until killed.
    hold: int = 0
    #: What each task requests (relative to ``server_url``), and with which headers.
    path: str = "/"
    headers: tuple[tuple[str, str], ...] = ()


@dataclasses.dataclass(frozen=True)
class WorkerReport:
    pid: int
    grants: list[float]
    statuses: list[int]
    round_trips: int


def run_worker(workload: Workload, barrier: Barrier | None, reports: Any) -> None:
    """Process entry point: run the workload once everyone is ready; put a WorkerReport."""
    if workload.hold:
        asyncio.run(_hold(workload, reports))
    else:
        assert barrier is not None
        reports.put(asyncio.run(_work(workload, barrier)))


def _limiter(workload: Workload) -> Limiter:
    if workload.limiter == "redis":
        return RedisSlidingWindowLimiter(
            workload.requests,
            workload.per,
            redis_url=workload.redis_url,
            key=workload.key,
            lease=workload.lease,
            on_redis_error="raise",
        )
    return SlidingWindowLimiter(workload.requests, workload.per)


async def _hold(workload: Workload, reports: Any) -> None:
    limiter = _limiter(workload)
    permits = [await limiter.acquire() for _ in range(workload.hold)]
    grants = [permit.granted_at for permit in permits]  # type: ignore[attr-defined]
    reports.put(WorkerReport(os.getpid(), grants, [], 0))
    await asyncio.sleep(_PROCESS_TIMEOUT)


async def _work(workload: Workload, barrier: Barrier) -> WorkerReport:
    limiter = _limiter(workload)
    limits = httpx.Limits(max_connections=workload.tasks, max_keepalive_connections=workload.tasks)
    async with httpx.AsyncClient(base_url=workload.server_url, limits=limits) as http:
        await asyncio.to_thread(barrier.wait, _PROCESS_TIMEOUT)

        async def one() -> tuple[float, int]:
            permit = await limiter.acquire()
            status = 0
            retry_after = None
            try:
                response = await http.get(workload.path, headers=dict(workload.headers))
                status = response.status_code
                if "retry-after" in response.headers:
                    retry_after = float(response.headers["retry-after"])
            finally:
                await permit.release(sent=True, status=status or None, retry_after=retry_after)
            return getattr(permit, "granted_at", 0.0), status

        done = await asyncio.gather(*(one() for _ in range(workload.tasks)))
    round_trips = getattr(limiter, "round_trips", 0)
    if isinstance(limiter, RedisSlidingWindowLimiter):
        await limiter.aclose()
    return WorkerReport(os.getpid(), [g for g, _ in done], [s for _, s in done], round_trips)


def run_processes(workload: Workload, processes: int, during: Any = None) -> list[WorkerReport]:
    """Run ``processes`` workers at once; ``during()`` runs in this process meanwhile."""
    barrier = SPAWN.Barrier(processes + 1)
    reports = SPAWN.Queue()
    workers = [
        SPAWN.Process(target=run_worker, args=(workload, barrier, reports))
        for _ in range(processes)
    ]
    for worker in workers:
        worker.start()
    try:
        barrier.wait(_PROCESS_TIMEOUT)
        if during is not None:
            during()
        results = [reports.get(timeout=_PROCESS_TIMEOUT) for _ in workers]
    finally:
        for worker in workers:
            worker.join(5)
            if worker.is_alive():
                worker.kill()
    return results


def efficiency(arrivals: list[float], requests: int, per: float) -> float:
    """The physical bound ``floor((R-1)/N) * per`` over the time the requests really took."""
    bound = (len(arrivals) - 1) // requests * per
    return bound / (arrivals[-1] - arrivals[0])


@pytest.fixture(scope="module")
def server() -> Iterator[RedisServer]:
    with running_redis_server(redis_server_executable()) as running:
        yield running


@pytest.fixture
def redis_client(server: RedisServer) -> Iterator[redis.Redis]:
    client = redis.Redis.from_url(server.url)
    client.flushall()
    yield client
    client.close()


def test_four_processes_share_one_limit_without_a_429(server, redis_client):
    requests, per = 25, 0.5

    def flush_scripts_twice() -> None:
        for _ in range(2):
            time.sleep(per * 2.5)
            redis_client.script_flush()

    # The sandbox's own strict limiter, on loopback, counting per client IP (all 127.0.0.1).
    sandbox = JetbuiltSandbox(
        scale=0.05, rate_limit=ServerRateLimit(requests=requests, per=per, algorithm="sliding")
    )
    with sandbox.serve_in_thread() as url:
        workload = Workload(
            url + "/",
            server.url,
            "jetbuilt",
            requests,
            per,
            tasks=50,
            path="company",
            headers=(("Authorization", f"Token token={sandbox.api_key}"),),
        )
        results = run_processes(workload, 4, during=flush_scripts_twice)
    assert [status for report in results for status in report.statuses] == [200] * 200
    stats = sandbox.stats
    assert (stats.accepted, stats.rate_limited) == (200, 0)
    # The ceiling is reached (how fast is for benchmarks/redis_limiter.py to say).
    assert stats.max_in_window == requests
    # Releases travel with the next call, and one call serves every waiting task of a process.
    assert sum(report.round_trips for report in results) / 200 <= 3


def test_a_429_in_one_process_pauses_every_process(server, redis_client):
    requests, per, pause = 10, 0.2, 0.5
    with StrictServer(requests, per, reject_nth=25, retry_after=pause) as strict:
        workload = Workload(strict.url, server.url, "paused", requests, per, tasks=15)
        results = run_processes(workload, 4)
    paused_until = int(redis_client.hget("jbcrm:{paused}:state", "paused_until")) / 1e6
    paused_from = paused_until - pause
    grants = [grant for report in results for grant in report.grants]
    assert strict.rate_limited == 1
    assert not [grant for grant in grants if paused_from <= grant < paused_until]
    resumed = [report for report in results if max(report.grants) >= paused_until]
    assert len(resumed) >= 2


async def test_slots_of_a_killed_process_are_freed_within_the_lease(server, redis_client):
    requests, per, lease = 5, 0.3, 0.8
    workload = Workload("", server.url, "killed", requests, per, tasks=0, lease=lease, hold=5)
    held = SPAWN.Queue()
    victim = SPAWN.Process(target=run_worker, args=(workload, None, held))
    victim.start()
    try:
        report: WorkerReport = await asyncio.to_thread(held.get, True, _PROCESS_TIMEOUT)
        os.kill(report.pid, signal.SIGKILL)
    finally:
        victim.join(5)
    assert victim.exitcode == -signal.SIGKILL
    survivor = RedisSlidingWindowLimiter(
        requests, per, redis_url=server.url, key="killed", lease=lease
    )
    permits = [await survivor.acquire() for _ in range(requests)]
    grants = [permit.granted_at for permit in permits]  # type: ignore[attr-defined]
    await survivor.aclose()
    assert min(grants) >= min(report.grants) + lease
    assert max(grants) <= max(report.grants) + lease + per
