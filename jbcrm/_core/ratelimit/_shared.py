"""What every limiter shares: the 429 pause, the deadline rule and the statistics.

None of these lock anything: each limiter calls them under its own lock.
"""

from __future__ import annotations

import logging

from jbcrm._core.ratelimit._protocol import LimiterTimeout
from jbcrm._core.ratelimit._values import LimiterStats

logger = logging.getLogger("jbcrm.ratelimit")

#: A pause longer than this is logged as a warning: every request of the client waits for it.
LONG_PAUSE = 60.0


def pause_after_429(retry_after: float | None, per: float, *, probe: bool) -> float:
    """How long a 429 holds every task: the server's ``Retry-After``, else one full window.

    Without ``Retry-After``, a refused probe (one request beyond the budget measured at the last
    429, sent to ask whether the server takes one more) holds no one: it is an answer, not an
    overload, and the limit in force already keeps to the budget that was accepted.
    """
    if retry_after is not None:
        return max(retry_after, 0.0)
    return 0.0 if probe else per


class Pause:
    """The one pause every task of a limiter waits out after a 429 (or an explicit ``pause``)."""

    __slots__ = ("until",)

    def __init__(self) -> None:
        self.until = float("-inf")

    def left(self, now: float) -> float:
        return max(0.0, self.until - now)

    def hold(self, now: float, seconds: float) -> bool:
        """Hold everyone until ``now + seconds`` at least; whether that moved the end."""
        until = now + max(seconds, 0.0)
        if until <= self.until:
            return False
        self.until = until
        if seconds > LONG_PAUSE:
            logger.warning(
                "the server asked for a pause of %.0f s: every request through this limiter "
                "waits for it, and one whose deadline ends sooner fails at once",
                seconds,
            )
        return True

    def after_429(self, now: float, retry_after: float | None, per: float, *, probe: bool) -> bool:
        return self.hold(now, pause_after_429(retry_after, per, probe=probe))


def check_deadline(
    now: float, deadline: float | None, pause: Pause, wait_at_least: float | None
) -> None:
    """Raise :class:`LimiterTimeout` when a slot certainly cannot be had by ``deadline``.

    ``wait_at_least`` is the least the caller must still wait for a slot once the pause is over
    (``None``: unknown, only a release can tell).
    """
    if deadline is None:
        return
    if pause.until > deadline:
        raise LimiterTimeout(paused=True, wait=pause.until - now)
    start = max(now, pause.until)
    if wait_at_least is not None and start + wait_at_least > deadline:
        raise LimiterTimeout(wait=start + wait_at_least - now)
    if now >= deadline:
        raise LimiterTimeout(wait=wait_at_least)


class Counters:
    """The statistics path of every limiter: grants, waits, wait time and 429s."""

    __slots__ = ("rate_limited", "requests", "wait_time", "waits")

    def __init__(self) -> None:
        self.requests = 0
        self.waits = 0
        self.wait_time = 0.0
        self.rate_limited = 0

    def granted(self, waited: float | None) -> None:
        """One slot granted, after waiting ``waited`` seconds (``None``: without waiting)."""
        self.requests += 1
        if waited is not None:
            self.waits += 1
            self.wait_time += waited

    def snapshot(self, *, limit: int, in_flight: int, learned: int | None) -> LimiterStats:
        return LimiterStats(
            requests=self.requests,
            waits=self.waits,
            wait_time=self.wait_time,
            rate_limited=self.rate_limited,
            limit=limit,
            in_flight=in_flight,
            learned_limit=learned,
        )
