"""One budget for every thread and event loop: several threads, each running ``asyncio.run`` loops
one after the other (as Django, Flask, Celery or scripts do), share one limiter while tasks are
cancelled at random. No window holds more than the limit, every request that was not cancelled
completes, nothing but a cancellation escapes, and no slot leaks."""

from __future__ import annotations

import asyncio
import bisect
import random
import threading
import time
from collections.abc import Callable

import attrs
import pytest

from jbcrm._core.ratelimit import (
    AdaptiveConcurrencyLimiter,
    LeakyBucketLimiter,
    Limiter,
    Permit,
    SlidingWindowLimiter,
)

N, PER = 8, 0.2
THREADS, LOOPS, TASKS = 4, 3, 10
GUARD = 60.0


@attrs.define
class Server:
    """What a server on the other side would see, from every thread at once."""

    lock: threading.Lock = attrs.Factory(threading.Lock)
    arrivals: list[float] = attrs.Factory(list)
    grants: list[float] = attrs.Factory(list)
    in_flight: int = 0
    max_in_flight: int = 0
    completed: int = 0
    cancelled: int = 0
    errors: list[BaseException] = attrs.Factory(list)
    unfinished: int = 0
    #: One in this many answers is a 429 with a short Retry-After (0: never).
    reject_every: int = 0

    def arrive(self, permit: Permit) -> int:
        with self.lock:
            self.arrivals.append(time.monotonic())
            self.grants.append(permit.granted_at)  # type: ignore[attr-defined]
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
            return len(self.arrivals)

    def leave(self) -> None:
        with self.lock:
            self.in_flight -= 1

    def max_in_window(self) -> int:
        times = sorted(self.arrivals)
        return max(i + 1 - bisect.bisect_right(times, t - PER) for i, t in enumerate(times))


async def one_request(limiter: Limiter, server: Server, rng: random.Random) -> None:
    permit = await limiter.acquire()
    status = None
    try:
        number = server.arrive(permit)
        await asyncio.sleep(rng.uniform(0.001, 0.02))
        status = 429 if server.reject_every and number % server.reject_every == 0 else 200
    finally:
        server.leave()
        await permit.release(status=status, retry_after=0.05 if status == 429 else None)


async def one_loop(limiter: Limiter, server: Server, seed: int) -> None:
    rng = random.Random(seed)
    tasks = [asyncio.ensure_future(one_request(limiter, server, rng)) for _ in range(TASKS)]
    for _ in range(TASKS // 4):
        await asyncio.sleep(rng.uniform(0.0, 0.06))
        rng.choice(tasks).cancel()
    _, pending = await asyncio.wait(tasks, timeout=GUARD)
    with server.lock:
        server.unfinished += len(pending)
        for task in tasks:
            if task.cancelled():
                server.cancelled += 1
            elif task.done() and task.exception() is not None:
                server.errors.append(task.exception())  # type: ignore[arg-type]
            elif task.done():
                server.completed += 1


def run_threads(limiter: Limiter, server: Server) -> None:
    start = threading.Barrier(THREADS)

    def thread(index: int) -> None:
        start.wait(GUARD)
        for run in range(LOOPS):
            asyncio.run(one_loop(limiter, server, seed=index * 100 + run))

    threads = [threading.Thread(target=thread, args=(i,), daemon=True) for i in range(THREADS)]
    for each in threads:
        each.start()
    for each in threads:
        each.join(GUARD)
    assert not [each for each in threads if each.is_alive()], "a thread is stuck"


def assert_every_request_accounted_for(limiter: Limiter, server: Server) -> None:
    assert server.errors == []
    assert server.unfinished == 0
    assert server.completed + server.cancelled == THREADS * LOOPS * TASKS
    assert server.cancelled >= 1
    assert limiter.stats.in_flight == 0
    # Cancelled waiters left nothing behind: a new request gets through at once.
    permit = asyncio.run(limiter.acquire(deadline=time.monotonic() + GUARD))
    asyncio.run(permit.release(status=200))


def test_threads_with_their_own_loops_share_one_sliding_window() -> None:
    limiter = SlidingWindowLimiter(N, PER)
    server = Server(reject_every=23)
    run_threads(limiter, server)
    assert_every_request_accounted_for(limiter, server)
    # Never more than N in any window, and the ceiling is reached.
    assert server.max_in_window() == N
    assert limiter.stats.rate_limited >= 1


def test_threads_with_their_own_loops_share_one_leaky_bucket() -> None:
    limiter = LeakyBucketLimiter(N, PER)
    server = Server()
    run_threads(limiter, server)
    assert_every_request_accounted_for(limiter, server)
    # A bucket of N draining at N/PER a second: between two grants, no more than N plus what
    # drained in between (a fresh bucket per loop would let far more through).
    grants, rate = sorted(server.grants), N / PER
    for i, first in enumerate(grants):
        for j in range(i + 1, len(grants)):
            assert j - i + 1 <= N + (grants[j] - first) * rate + 1e-6


def test_threads_with_their_own_loops_share_one_adaptive_limit() -> None:
    limiter = AdaptiveConcurrencyLimiter(4, per=PER)
    server = Server()
    run_threads(limiter, server)
    assert_every_request_accounted_for(limiter, server)
    assert server.max_in_flight <= 4


@pytest.mark.parametrize(
    "make",
    [
        lambda: SlidingWindowLimiter(1, 0.05),
        lambda: LeakyBucketLimiter(1, 0.05),
        lambda: AdaptiveConcurrencyLimiter(1),
    ],
    ids=["sliding", "leaky", "adaptive"],
)
def test_a_release_on_one_loop_wakes_a_waiter_on_another_thread(
    make: Callable[[], Limiter],
) -> None:
    limiter = make()
    held = asyncio.run(limiter.acquire())
    got: list[Permit] = []
    waiter = threading.Thread(
        target=lambda: got.append(asyncio.run(asyncio.wait_for(limiter.acquire(), GUARD)))
    )
    waiter.start()
    time.sleep(0.05)  # the other thread's task is waiting by now (if not, it takes the slot later)
    asyncio.run(held.release(status=200))
    waiter.join(GUARD)
    assert len(got) == 1
    assert limiter.stats.requests == 2
    asyncio.run(got[0].release(status=200))
    assert limiter.stats.in_flight == 0
