"""The leaky bucket: evenly paced requests, ``requests/per`` a second after a first burst.

The same model as aiolimiter's ``AsyncLimiter`` (a bucket of ``requests`` that drains at
``requests/per`` a second; a request fits when the bucket has room for it), kept on the shared
in-process machinery so that one bucket serves every thread and event loop: aiolimiter's
waiters belong to a single loop.
"""

from __future__ import annotations

import time

from jbcrm._core.ratelimit._local import Clock, LocalLimiter, LocalPermit
from jbcrm._core.ratelimit._values import RateLimit, seconds, whole_number


class LeakyBucketLimiter(LocalLimiter):
    """Evenly paced requests, ``requests/per`` a second on average, after a burst of
    ``requests``. A 429 still pauses every task."""

    def __init__(self, requests: int, per: float, *, clock: Clock = time.monotonic) -> None:
        super().__init__(whole_number("requests", requests), seconds("per", per), clock=clock)
        self._rate = self._max / self._per
        self._level = 0.0
        self._leaked_at = clock()

    @classmethod
    def from_rate_limit(cls, spec: RateLimit) -> LeakyBucketLimiter:
        return cls(spec.requests, spec.per)

    def __repr__(self) -> str:
        return f"LeakyBucketLimiter({self._max} per {self._per}s)"

    def _limit_now(self) -> int:
        return self._max

    def _leak(self, now: float) -> None:
        self._level = max(0.0, self._level - (now - self._leaked_at) * self._rate)
        self._leaked_at = now

    def _delay(self, now: float) -> float:
        return self._wait_at_least(now, 0)

    def _wait_at_least(self, now: float, position: int) -> float:
        # The bucket drains at a known rate: the waiter at `position` fits once `position + 1`
        # more have drained.
        self._leak(now)
        return max(0.0, (self._level + 1 + position - self._max) / self._rate)

    def _take(self, now: float) -> LocalPermit:
        self._level += 1
        return LocalPermit(self, now)

    def _settle(self, permit: LocalPermit, now: float, sent: bool, status: int | None) -> None:
        """Nothing to book: the bucket drains by time alone."""
