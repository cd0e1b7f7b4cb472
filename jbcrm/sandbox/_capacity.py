"""A server's capacity: a few PHP workers, CPU time per request, and a queue beyond them.

A self-hosted WordPress serves each request in one PHP worker (PHP-FPM's ``pm.max_children``,
Apache's ``MaxRequestWorkers``): with every worker busy, further requests wait in the listen
queue, so the latency of all of them grows with the queue, and one that waits too long gets a
503 from the proxy in front. :class:`CapacityMiddleware` models exactly that; the settings on
:class:`ServerCapacity` may be changed while it runs (a site that slows down mid-run).
"""

from __future__ import annotations

import asyncio
import random
import time
from collections import deque
from collections.abc import Awaitable, Callable

import attrs
from starlette.types import ASGIApp, Receive, Scope, Send

__all__ = ["CapacityMiddleware", "CapacityStats", "ServerCapacity"]


@attrs.define(kw_only=True)
class ServerCapacity:
    """How much work a simulated site can do at once.

    ``workers`` requests are served at a time, each for ``cpu_time`` seconds (give or take
    ``jitter`` of it, drawn per request with ``seed``); the rest wait their turn in arrival order.
    A request still waiting after ``queue_timeout`` seconds is answered 503 (``None``: never).
    """

    workers: int = 4
    cpu_time: float = 0.020
    jitter: float = 0.2
    queue_timeout: float | None = 30.0
    seed: int | None = None


@attrs.frozen
class CapacityStats:
    """What the workers did: requests seen, served, given up with 503, and the queue."""

    requests: int
    served: int
    timed_out: int
    max_queued: int
    #: Mean and longest time a served request waited for a worker, in seconds.
    mean_wait: float
    max_wait: float


class CapacityMiddleware:
    """ASGI middleware running the wrapped app on a limited number of workers."""

    def __init__(
        self,
        app: ASGIApp,
        capacity: ServerCapacity,
        *,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.app = app
        self.capacity = capacity
        self._sleep = sleep
        self._clock = clock
        self._rng = random.Random(capacity.seed)
        self._busy = 0
        self._queue: deque[asyncio.Future[None]] = deque()
        self.reset_stats()

    @property
    def stats(self) -> CapacityStats:
        """A snapshot of the counters since the last reset."""
        return CapacityStats(
            requests=self._requests,
            served=self._served,
            timed_out=self._timed_out,
            max_queued=self._max_queued,
            mean_wait=self._wait_total / self._served if self._served else 0.0,
            max_wait=self._max_wait,
        )

    @property
    def busy(self) -> int:
        """Workers serving a request right now."""
        return self._busy

    def reset_stats(self) -> None:
        """Zero the counters (requests being served or queued are not touched)."""
        self._requests = 0
        self._served = 0
        self._timed_out = 0
        self._max_queued = 0
        self._wait_total = 0.0
        self._max_wait = 0.0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        self._requests += 1
        arrived = self._clock()
        if not await self._worker():
            self._timed_out += 1
            await _send_unavailable(send)
            return
        waited = self._clock() - arrived
        self._served += 1
        self._wait_total += waited
        self._max_wait = max(self._max_wait, waited)
        try:
            capacity = self.capacity
            spread = capacity.jitter * capacity.cpu_time
            await self._sleep(max(0.0, capacity.cpu_time + self._rng.uniform(-spread, spread)))
            await self.app(scope, receive, send)
        finally:
            self._busy -= 1
            self._start_next()

    async def _worker(self) -> bool:
        """Wait for a free worker (in arrival order); False when the queue timeout ran out."""
        if self._busy < self.capacity.workers and not self._queue:
            self._busy += 1
            return True
        turn = asyncio.get_running_loop().create_future()
        self._queue.append(turn)
        self._max_queued = max(self._max_queued, len(self._queue))
        try:
            await asyncio.wait_for(asyncio.shield(turn), self.capacity.queue_timeout)
        except asyncio.TimeoutError:
            return self._leave(turn)
        except BaseException:
            if self._leave(turn):
                self._busy -= 1
                self._start_next()
            raise
        return True

    def _leave(self, turn: asyncio.Future[None]) -> bool:
        """Take ``turn`` out of the queue; True when a worker was handed to it meanwhile."""
        if turn.done() and not turn.cancelled():
            return True
        turn.cancel()
        self._queue.remove(turn)
        return False

    def _start_next(self) -> None:
        while self._queue and self._busy < self.capacity.workers:
            turn = self._queue.popleft()
            if not turn.done():
                self._busy += 1
                turn.set_result(None)


async def _send_unavailable(send: Send) -> None:
    body = b"<html><body><h1>503 Service Unavailable</h1></body></html>"
    headers = [(b"content-type", b"text/html"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": 503, "headers": headers})
    await send({"type": "http.response.body", "body": body, "more_body": False})
