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
limit is back within about a window once the other program stops. Beyond the measured budget
requests go one at a time, so a probe answered 429 (the other program is still there, or took
its share back) costs that one 429; it measures again and waits another window.
"""

from __future__ import annotations

import time
from collections import deque

from jbcrm._core.ratelimit._local import Clock, LocalLimiter, LocalPermit
from jbcrm._core.ratelimit._values import RateLimit, seconds, whole_number


class _SlidingPermit(LocalPermit):
    __slots__ = ("probe", "raises")

    def __init__(self, limiter: SlidingWindowLimiter, granted_at: float, used: int) -> None:
        super().__init__(limiter, granted_at)
        learned = limiter._learned
        #: Beyond the measured budget: such requests go one at a time.
        self.probe = learned is not None and used >= limiter._measured_limit
        #: Beyond the learned limit too: accepted, it raises the limit by one.
        self.raises = learned is not None and used >= learned


class SlidingWindowLimiter(LocalLimiter):
    """Never more than ``requests`` in any window of ``per`` seconds, as the server sees them;
    one budget for every thread and event loop of the process."""

    def __init__(self, requests: int, per: float, *, clock: Clock = time.monotonic) -> None:
        super().__init__(whole_number("requests", requests), seconds("per", per), clock=clock)
        #: When each finished slot stops counting, oldest first.
        self._expiries: deque[float] = deque()
        #: (answered at, arrived at) of the requests the server accepted in the last windows.
        self._accepted: deque[tuple[float, float]] = deque()
        #: The limit in force after a 429 (None: the configured one), and the part of it that was
        #: measured rather than probed.
        self._learned: int | None = None
        self._measured_limit = 0
        #: When the last 429 arrived: requests that arrived in the window before it measure the
        #: budget (``_taken`` of them accepted so far).
        self._measured_at = float("-inf")
        self._taken = 0
        self._probe_after = float("-inf")
        #: A probe (a request beyond the measured budget) is in flight.
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

    def _delay(self, now: float) -> float | None:
        used = self._used(now)
        learned = self._learned
        if used < (self._max if learned is None else self._measured_limit):
            return 0.0
        waits = [self._expiries[0] - now] if self._expiries else []
        if learned is not None and not self._probing and used < self._max:
            if used < learned or now >= self._probe_after:
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
        permit = _SlidingPermit(self, now, self._in_flight + len(self._expiries))
        self._probing = self._probing or permit.probe
        return permit

    def _is_probe(self, permit: LocalPermit) -> bool:
        return isinstance(permit, _SlidingPermit) and permit.probe

    def _settle(self, permit: LocalPermit, now: float, sent: bool, status: int | None) -> None:
        assert isinstance(permit, _SlidingPermit)
        if sent:
            self._expiries.append(now + self._per)
        if permit.probe:
            self._probing = False
        # The server saw the request somewhere between grant and answer: the middle is the best
        # guess, and wrong by half the latency at most.
        arrived = (permit.granted_at + now) / 2
        if status == 429:
            self._measure(now, arrived)
        elif sent and status is not None:
            self._accept(permit, now, arrived)

    def _accept(self, permit: _SlidingPermit, now: float, arrived: float) -> None:
        accepted = self._accepted
        accepted.append((now, arrived))
        while accepted[0][0] <= now - 2 * self._per:
            accepted.popleft()
        if self._learned is None:
            return
        if self._measured_at - self._per < arrived <= self._measured_at:
            self._taken += 1
            self._measured_limit = max(self._measured_limit, self._measured())
            self._learned = max(self._learned, self._measured_limit)
        elif permit.raises:
            self._learned += 1
        if self._learned >= self._max:
            self._learned = None

    def _measured(self) -> int:
        # Below the full limit even when the server took all of it: then it counts more than
        # we can see (a stricter window), and one less is the next thing to try.
        return max(1, min(self._taken, self._max - 1))

    def _measure(self, now: float, arrived: float) -> None:
        """A 429: what the server accepted from us in the window before it is our budget."""
        since = arrived - self._per
        self._taken = sum(1 for _, other in self._accepted if since < other <= arrived)
        self._measured_limit = self._measured()
        self._learned = self._measured_limit if self._measured_limit < self._max else None
        self._measured_at = arrived
        # A calm window after the pause, which lasts a window at least (a refused probe makes
        # none): then a probe may go.
        self._probe_after = max(self._pause.until, now + self._per) + self._per
