"""The adaptive concurrency limiter: as many requests in flight as the server serves without
queueing them, for servers that publish no limit (a self-hosted WordPress is as fast as its PHP
workers, and slows down for everyone when they are all busy).

In the spirit of TCP Vegas and of the gradient limiter of Netflix's concurrency-limits, it
compares the mean latency of each round (about one limit's worth of requests) with the floor,
the latency of the server when our requests do not queue:

- near the floor (within ``UP``) while the limit was in use: one more in flight (doubling at
  first, so that a healthy site is reached in a few rounds);
- well above it (beyond ``DOWN``) two rounds running: the server is queueing our requests, and
  the limit shrinks in proportion (by half at most; one slow round alone may be a pause of our
  own process, not of the server); 502/503/504 answers, 429s and requests that failed after an
  already slow wait halve it at once;
- in between: it holds.

The floor is the lowest round mean since it was last measured. It is measured again every
``PROBE_EVERY`` rounds by a round at half the limit, and by any round at a limit of one (our
requests cannot queue behind each other then), so a site that became slower for good is learnt
anew instead of being treated as overloaded forever, and our own queue never creeps into it.
Never fewer than one in flight: at worst this is a sequential loop.
"""

from __future__ import annotations

import time

from jbcrm._core.ratelimit._local import Clock, LocalLimiter, LocalPermit
from jbcrm._core.ratelimit._values import RateLimit, seconds, whole_number

#: Latency within this share above the floor counts as "not queueing".
UP = 0.2
#: Latency more than this share above the floor means the server is queueing our requests.
DOWN = 0.4
#: Responses per round at least (fewer would make the mean too noisy to act on).
MIN_SAMPLES = 8
#: Rounds between two measurements of the floor at half the limit.
PROBE_EVERY = 16
#: Statuses that say the server (or its proxy) is overloaded.
OVERLOADED = frozenset({429, 502, 503, 504})


class _AdaptivePermit(LocalPermit):
    __slots__ = ("round",)

    def __init__(self, limiter: AdaptiveConcurrencyLimiter, granted_at: float, round_: int):
        super().__init__(limiter, granted_at)
        self.round = round_


class AdaptiveConcurrencyLimiter(LocalLimiter):
    """At most ``max_concurrency`` requests in flight, fewer while the server's latency says it
    is queueing them; one budget for every thread and event loop of the process.

    ``per`` only sets how long a 429 without ``Retry-After`` pauses every task.
    """

    def __init__(
        self, max_concurrency: int = 8, *, per: float = 1.0, clock: Clock = time.monotonic
    ) -> None:
        super().__init__(
            whole_number("max_concurrency", max_concurrency), seconds("per", per), clock=clock
        )
        self._limit = 1.0
        self._slow_start = True
        self._floor: float | None = None
        self._round = 0
        self._probe_round = False
        self._rounds_since_probe = 0
        self._cut_in_round = -1
        #: The previous round's latency over the floor.
        self._last_ratio = 1.0
        self._samples = 0
        self._total = 0.0
        self._peak = 0

    @classmethod
    def from_rate_limit(cls, spec: RateLimit) -> AdaptiveConcurrencyLimiter:
        return cls(spec.requests, per=spec.per)

    def __repr__(self) -> str:
        return f"AdaptiveConcurrencyLimiter(max {self._max} in flight, limit now {self.limit})"

    @property
    def latency_floor(self) -> float | None:
        """The server's latency without our queue, in seconds, as last measured."""
        with self._lock:
            return self._floor

    def _limit_now(self) -> int:
        limit = int(self._limit)
        return max(1, limit // 2) if self._probe_round else limit

    def _delay(self, now: float) -> float | None:
        return 0.0 if self._in_flight < self._limit_now() else None

    def _take(self, now: float) -> LocalPermit:
        self._peak = max(self._peak, self._in_flight + 1)
        return _AdaptivePermit(self, now, self._round)

    def _settle(self, permit: LocalPermit, now: float, sent: bool, status: int | None) -> None:
        if not sent:
            return
        latency = now - permit.granted_at
        if status in OVERLOADED:
            self._cut(0.5)
        elif status is None:
            # No response (a timeout, a broken connection, a cancellation): the time it took
            # is only a lower bound of the latency, worth acting on when it already says "slow".
            if self._floor is not None and latency > self._floor * (1 + DOWN):
                self._cut(0.5)
        elif isinstance(permit, _AdaptivePermit) and permit.round == self._round:
            self._samples += 1
            self._total += latency
            if self._samples >= max(MIN_SAMPLES, self._limit_now()):
                self._end_round()

    def _end_round(self) -> None:
        mean = self._total / self._samples
        limit_used = self._peak >= self._limit_now()
        if self._floor is None or self._probe_round or self._limit_now() == 1:
            self._floor = mean
        else:
            self._floor = min(self._floor, mean)
        if not self._probe_round:
            ratio = mean / self._floor
            if ratio > 1 + DOWN:
                self._slow_start = False
                if self._last_ratio > 1 + DOWN:
                    self._cut(max(0.5, (1 + UP) / min(ratio, self._last_ratio)))
            elif ratio <= 1 + UP and limit_used:
                grown = self._limit * 2 if self._slow_start else self._limit + 1
                self._limit = min(float(self._max), grown)
            else:
                self._slow_start = False
            self._last_ratio = ratio
        self._round += 1
        self._rounds_since_probe += 1
        self._probe_round = self._rounds_since_probe >= PROBE_EVERY and self._limit >= 4
        if self._probe_round:
            self._rounds_since_probe = 0
        self._samples, self._total, self._peak = 0, 0.0, self._in_flight

    def _cut(self, factor: float) -> None:
        """Shrink the limit, once per round: one overload shows in several responses."""
        if self._cut_in_round == self._round:
            return
        self._cut_in_round = self._round
        self._slow_start = False
        self._limit = max(1.0, self._limit * factor)
