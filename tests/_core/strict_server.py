"""An in-process server with a strict sliding-window rate limit, as an httpx transport.

It records when each request arrives, answers after a random 5-30 ms, and answers 429 to any
request that makes more than ``limit`` arrivals (rejected ones included, as real servers count
them) in the last ``per`` seconds.
"""

from __future__ import annotations

import asyncio
import bisect
import random
import time

import httpx


class StrictWindowServer(httpx.AsyncBaseTransport):
    """At most ``limit`` requests in any window of ``per`` seconds, or 429."""

    def __init__(
        self,
        limit: int,
        per: float,
        *,
        latency: tuple[float, float] = (0.005, 0.030),
        retry_after: str | None = None,
        seed: int = 0,
    ) -> None:
        self.limit = limit
        self.per = per
        self.latency = latency
        self.retry_after = retry_after
        self.arrivals: list[float] = []
        self.rejected = 0
        self.cancelled = 0
        self.in_flight = 0
        self.max_in_flight = 0
        #: The task that sent each request (an in-process transport runs in the caller's task).
        self.tasks: list[asyncio.Task[object] | None] = []
        #: Cancel the sending task on every n-th arrival, while its request is in flight.
        self.cancel_every: int | None = None
        self._random = random.Random(seed)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        now = time.monotonic()
        self.arrivals.append(now)
        self.tasks.append(asyncio.current_task())
        recent = len(self.arrivals) - bisect.bisect_right(self.arrivals, now - self.per)
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        if self.cancel_every and len(self.arrivals) % self.cancel_every == 0:
            task = asyncio.current_task()
            assert task is not None
            task.cancel()
        try:
            await asyncio.sleep(self._random.uniform(*self.latency))
        except asyncio.CancelledError:
            self.cancelled += 1
            raise
        finally:
            self.in_flight -= 1
        if recent > self.limit:
            self.rejected += 1
            headers = {} if self.retry_after is None else {"Retry-After": self.retry_after}
            return httpx.Response(429, text="Retry later", headers=headers)
        return httpx.Response(200, json={"ok": True, "n": len(self.arrivals)})

    def max_in_window(self) -> int:
        """The most arrivals seen in any window ``(t - per, t]``."""
        return max(
            (i + 1 - bisect.bisect_right(self.arrivals, t - self.per))
            for i, t in enumerate(self.arrivals)
        )

    def physical_bound(self) -> float:
        """The least time ``len(arrivals)`` requests need under the limit: the first ``limit``
        go at once, then one more window for each further ``limit``."""
        return ((len(self.arrivals) - 1) // self.limit) * self.per
