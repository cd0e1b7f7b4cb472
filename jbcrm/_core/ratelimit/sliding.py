"""The sliding-window limiter: never more than N in any window, as the server sees them, and the
real budget learned from the first 429.

A slot is taken when a request is sent and counts until its response has arrived plus ``per``
(the server saw the request somewhere in between), so no window of the server's can hold more
than the limit, whatever its algorithm (sliding or fixed).

Another program on the same IP address may use part of the budget without our knowing. At a
429, the requests the server accepted from us in the trailing window measure what is left for
us: that becomes the limit (requests still in flight then count as they are accepted). One
window after the pause, the limiter probes upward: when the learned limit is used up, one
request more goes out, and each one the server accepts raises the limit by one, so the full
limit is back within about a window once the other program stops. A probe answered 429 costs
that one 429, measures again and waits another window.
"""

from __future__ import annotations

import time
from collections import deque

from jbcrm._core.ratelimit._local import Clock, LocalLimiter, LocalPermit
from jbcrm._core.ratelimit._values import RateLimit, seconds, whole_number


class SlidingWindowLimiter(LocalLimiter):
    """Never more than ``requests`` in any window of ``per`` seconds, as the server sees them;
    one budget for every thread and event loop of the process."""

    def __init__(self, requests: int, per: float, *, clock: Clock = time.monotonic) -> None:
        super().__init__(whole_number("requests", requests), seconds("per", per), clock=clock)
        #: When each finished slot stops counting, oldest first.
        self._expiries: deque[float] = deque()
        #: (answered at, granted at) of the requests the server accepted in the last window.
        self._accepted: deque[tuple[float, float]] = deque()
        self._learned: int | None = None
        #: When the last 429 arrived: requests granted in the window before it measure the budget
        #: (``_taken`` of them accepted so far).
        self._measured_at = float("-inf")
        self._taken = 0
        self._probe_after = float("-inf")
        self._probing = False

    @classmethod
    def from_rate_limit(cls, spec: RateLimit) -> SlidingWindowLimiter:
        return cls(spec.requests, spec.per)

    def __repr__(self) -> str:
        return f"SlidingWindowLimiter({self._max} per {self._per}s, limit now {self.limit})"

    def _limit_now(self) -> int:
        return self._max if self._learned is None else self._learned

    def _learned_now(self) -> int | None:
        return self._learned

    def _used(self, now: float) -> int:
        expiries = self._expiries
        while expiries and expiries[0] <= now:
            expiries.popleft()
        return self._in_flight + len(expiries)

    def _may_probe(self, used: int) -> bool:
        return self._learned is not None and not self._probing and used < self._max

    def _delay(self, now: float) -> float | None:
        used = self._used(now)
        if used < self._limit_now():
            return 0.0
        waits = [self._expiries[0] - now] if self._expiries else []
        if self._may_probe(used):
            if now >= self._probe_after:
                return 0.0
            waits.append(self._probe_after - now)
        # With every slot in flight and no probe due, only a release frees one.
        return min(waits) if waits else None

    def _wait_at_least(self, now: float, position: int) -> float | None:
        used = self._used(now)
        if self._learned is not None:
            return self._delay(now)
        # The slot for this waiter is the (position+1)-th to free. A slot in flight may free
        # at once (a request that was never sent); a finished one frees at its expiry.
        needed = used - self._max + 1 + position - self._in_flight
        if needed <= 0:
            return 0.0
        if needed > len(self._expiries):
            return self._per
        return max(0.0, self._expiries[needed - 1] - now)

    def _take(self, now: float) -> LocalPermit:
        probe = self._in_flight + len(self._expiries) >= self._limit_now()
        self._probing = self._probing or probe
        return LocalPermit(self, now, probe=probe)

    def _settle(self, permit: LocalPermit, now: float, sent: bool, status: int | None) -> None:
        if sent:
            self._expiries.append(now + self._per)
        if permit.probe:
            self._probing = False
        if status == 429:
            self._measure(now)
        elif sent and status is not None:
            self._accept(permit, now)

    def _accept(self, permit: LocalPermit, now: float) -> None:
        accepted = self._accepted
        accepted.append((now, permit.granted_at))
        while accepted[0][0] <= now - self._per:
            accepted.popleft()
        if self._learned is None:
            return
        if self._measured_at - self._per < permit.granted_at <= self._measured_at:
            self._taken += 1
            self._learned = max(self._learned, self._measured())
        elif permit.probe:
            self._learned += 1
        if self._learned >= self._max:
            self._learned = None

    def _measured(self) -> int:
        # Below the full limit even when the server took all of it: then it counts more than
        # we can see (a stricter window), and one less is the next thing to try.
        return max(1, min(self._taken, self._max - 1))

    def _measure(self, now: float) -> None:
        """A 429: what the server accepted from us in the window before it is our budget."""
        since = now - self._per
        self._taken = sum(1 for _, granted in self._accepted if granted > since)
        learned = self._measured()
        self._learned = learned if learned < self._max else None
        self._measured_at = now
        self._probe_after = self._pause.until + self._per
