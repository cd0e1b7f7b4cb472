"""Client-side rate limiting: the limiter protocol, the ``RateLimit`` value, and the
in-process limiters.

The default, :class:`SlidingWindowLimiter`, guarantees that the server never sees more than
``requests`` in any window of ``per`` seconds: a slot is taken when a request is sent and is
counted until its response has arrived plus ``per`` (the server saw the request somewhere in
between). A 429 pauses every task of the client (one pause, not one retry clock per task) and
cuts the limit once per window, so a co-tenant on the same IP does not cause a 429 storm; the
limit recovers step by step while requests succeed.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
import weakref
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any, Literal, Protocol, runtime_checkable

import attrs
from aiolimiter import AsyncLimiter

from jbcrm._core.deadline import timeout_at
from jbcrm._core.errors import ConfigurationError

Clock = Callable[[], float]
#: Share of the limit kept after a 429, and share of the full limit regained per calm window.
CUT_FACTOR = 0.8
RECOVERY_STEP = 0.1


def pause_after_429(retry_after: float | None, per: float) -> float:
    """How long a 429 holds every task: the server's ``Retry-After``, else one full window."""
    return per if retry_after is None else max(retry_after, 0.0)


@attrs.frozen
class RateLimit:
    """A rate limit as a value: at most ``requests`` in any ``per`` seconds.

    With ``redis_url``, every process using the same ``key`` shares the one budget
    (``pip install jbcrm[redis]``; ``on_redis_error`` and ``lease`` apply there).
    ``algorithm="leaky"`` selects aiolimiter's leaky bucket,
    which paces requests evenly instead (it admits a burst of ``requests`` and then
    ``requests/per`` a second, so it does not bound every sliding window).
    """

    requests: int
    per: float = 1.0
    redis_url: str | None = attrs.field(default=None, kw_only=True, repr=False)
    key: str | None = attrs.field(default=None, kw_only=True)
    algorithm: Literal["sliding", "leaky"] = attrs.field(default="sliding", kw_only=True)
    on_redis_error: Literal["local", "raise"] = attrs.field(default="local", kw_only=True)
    #: With Redis: how long a slot of a process that died mid-request stays taken (default:
    #: the window plus 60 s, longer than any request should take).
    lease: float | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        if self.requests < 1 or self.per <= 0:
            raise ConfigurationError(
                f"RateLimit needs requests >= 1 and per > 0, got {self.requests} per {self.per}"
            )
        if self.algorithm not in ("sliding", "leaky"):
            raise ConfigurationError(f"unknown rate limit algorithm {self.algorithm!r}")


@attrs.define
class LimiterStats:
    """What a limiter has done so far."""

    requests: int = 0
    waits: int = 0
    wait_time: float = 0.0
    rate_limited: int = 0
    limit: int = 0
    in_flight: int = 0


@runtime_checkable
class Permit(Protocol):
    """One request's slot. ``release`` must be called exactly once, whatever happens."""

    async def release(
        self, *, sent: bool = True, status: int | None = None, retry_after: float | None = None
    ) -> None: ...


class LimiterTimeout(Exception):
    """No slot could be had before the caller's deadline (internal: the transport turns it into
    an :class:`~jbcrm.APITimeoutError` or :class:`~jbcrm.RateLimitError` with the request's
    context).

    ``paused`` is true when the limiter is holding every task after a 429 and the pause ends
    after the deadline; ``wait`` is how long the caller would have had to wait, when known.
    """

    def __init__(self, *, paused: bool = False, wait: float | None = None) -> None:
        self.paused = paused
        self.wait = wait
        super().__init__("paused after a 429" if paused else "every slot is taken")


@runtime_checkable
class Limiter(Protocol):
    """What the transport needs from a rate limiter."""

    @property
    def stats(self) -> LimiterStats: ...

    async def acquire(self, *, deadline: float | None = None) -> Permit:
        """Wait until a request may be sent; return the permit for it.

        ``deadline`` is a ``time.monotonic()`` instant: when no slot can be had by then, raise
        :class:`LimiterTimeout` (early, when the limiter already knows the wait ends later, as
        during a 429 pause). Cancelling the wait leaves the limiter consistent.
        """
        ...


async def _by_deadline(acquire: Awaitable[Permit], deadline: float | None) -> Permit:
    """``await acquire``, raising :class:`LimiterTimeout` once ``deadline`` has passed."""
    if deadline is None:
        return await acquire
    # In this task, not in one wait_for would create: a slot granted at the instant the wait is
    # cancelled is then returned to the caller (who releases it), never lost with that task.
    loop = asyncio.get_running_loop()
    try:
        async with timeout_at(loop.time() + (deadline - time.monotonic())):
            return await acquire
    except asyncio.TimeoutError:
        raise LimiterTimeout() from None


class _SlidingPermit:
    __slots__ = ("_limiter", "_released")

    def __init__(self, limiter: SlidingWindowLimiter) -> None:
        self._limiter = limiter
        self._released = False

    async def release(
        self, *, sent: bool = True, status: int | None = None, retry_after: float | None = None
    ) -> None:
        if not self._released:
            self._released = True
            self._limiter._release(sent, status, retry_after)


class SlidingWindowLimiter:
    """Never more than ``requests`` in any window of ``per`` seconds, as the server sees them."""

    def __init__(self, requests: int, per: float, *, clock: Clock = time.monotonic) -> None:
        self._max = requests
        self._per = per
        self._clock = clock
        self._in_flight = 0
        self._expiries: deque[float] = deque()
        self._paused_until = 0.0
        self._last_cut = float("-inf")
        self._last_step = float("-inf")
        self._loop: asyncio.AbstractEventLoop | None = None
        self._lock = asyncio.Lock()
        self._changed = asyncio.Event()
        self._stats = LimiterStats(limit=requests)

    @property
    def stats(self) -> LimiterStats:
        self._stats.in_flight = self._in_flight
        return self._stats

    @property
    def limit(self) -> int:
        """The limit in force now (lower than configured for a while after a 429)."""
        return self._stats.limit

    def __repr__(self) -> str:
        return f"SlidingWindowLimiter({self._max} per {self._per}s, limit now {self.limit})"

    async def acquire(self, *, deadline: float | None = None) -> Permit:
        return await _by_deadline(self._acquire(), deadline)

    async def _acquire(self) -> Permit:
        started = self._clock()
        waited = False
        loop = asyncio.get_running_loop()
        if loop is not self._loop:
            # The counts are plain numbers; only the waiting primitives belong to a loop.
            self._loop, self._lock, self._changed = loop, asyncio.Lock(), asyncio.Event()
        async with self._lock:
            while True:
                now = self._clock()
                delay = self._delay(now)
                if delay == 0.0:
                    break
                waited = True
                self._changed.clear()
                with contextlib.suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(self._changed.wait(), delay)
            self._in_flight += 1
        stats = self._stats
        stats.requests += 1
        if waited:
            stats.waits += 1
            stats.wait_time += self._clock() - started
        return _SlidingPermit(self)

    def _delay(self, now: float) -> float | None:
        """0 when a slot is free now; else how long to wait (None: until a release)."""
        expiries = self._expiries
        while expiries and expiries[0] <= now:
            expiries.popleft()
        if now < self._paused_until:
            return self._paused_until - now
        if self._in_flight + len(expiries) < self._stats.limit:
            return 0.0
        # Full: the oldest finished slot frees a place first; with all slots still in flight,
        # only a release can.
        return expiries[0] - now if expiries else None

    def _release(self, sent: bool, status: int | None, retry_after: float | None) -> None:
        now = self._clock()
        self._in_flight -= 1
        if sent:
            self._expiries.append(now + self._per)
        if status == 429:
            self._on_rate_limited(now, retry_after)
        elif sent and status is not None and status < 400:
            self._recover(now)
        self._changed.set()

    def _on_rate_limited(self, now: float, retry_after: float | None) -> None:
        stats = self._stats
        stats.rate_limited += 1
        pause = pause_after_429(retry_after, self._per)
        self._paused_until = max(self._paused_until, now + pause)
        if now - self._last_cut >= self._per:
            stats.limit = max(1, int(stats.limit * CUT_FACTOR))
            self._last_cut = now

    def _recover(self, now: float) -> None:
        # One step per calm window: a whole window of traffic since the last pause ended (and
        # since the last step) without a 429. Counting the pause itself as calm would restore
        # the limit before the lower one was ever tried.
        stats = self._stats
        calm_since = max(self._paused_until, self._last_cut, self._last_step)
        if stats.limit < self._max and now - calm_since >= self._per:
            stats.limit = min(self._max, stats.limit + max(1, int(self._max * RECOVERY_STEP)))
            self._last_step = now

    def pause(self, seconds: float) -> None:
        """Hold every request for ``seconds`` (what a 429 does)."""
        self._paused_until = max(self._paused_until, self._clock() + seconds)
        self._changed.set()


class _LeakyPermit:
    __slots__ = ("_limiter",)

    def __init__(self, limiter: LeakyBucketLimiter) -> None:
        self._limiter = limiter

    async def release(
        self, *, sent: bool = True, status: int | None = None, retry_after: float | None = None
    ) -> None:
        limiter = self._limiter
        limiter._stats.in_flight -= 1
        if status == 429:
            limiter._stats.rate_limited += 1
            pause = pause_after_429(retry_after, limiter._per)
            limiter._paused_until = max(limiter._paused_until, time.monotonic() + pause)


class LeakyBucketLimiter:
    """aiolimiter's leaky bucket: evenly paced requests, ``requests/per`` a second on average.

    The right model for politeness toward a server that has no limit of its own (a
    self-hosted WordPress). A 429 still pauses every task.
    """

    def __init__(self, requests: int, per: float) -> None:
        self._bucket = AsyncLimiter(requests, per)
        self._per = per
        self._paused_until = 0.0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stats = LimiterStats(limit=requests)

    @property
    def stats(self) -> LimiterStats:
        return self._stats

    def __repr__(self) -> str:
        return f"LeakyBucketLimiter({self._bucket.max_rate} per {self._bucket.time_period}s)"

    async def acquire(self, *, deadline: float | None = None) -> Permit:
        return await _by_deadline(self._acquire(), deadline)

    async def _acquire(self) -> Permit:
        started = time.monotonic()
        loop = asyncio.get_running_loop()
        if loop is not self._loop:
            if self._loop is not None:
                # aiolimiter's waiters belong to one loop: a new loop gets a fresh bucket.
                self._bucket = AsyncLimiter(self._bucket.max_rate, self._bucket.time_period)
            self._loop = loop
        # A pause may be extended while we sleep, hence the loop.
        while (pause := self._paused_until - time.monotonic()) > 0:  # noqa: ASYNC110
            await asyncio.sleep(pause)
        waited = not self._bucket.has_capacity()
        await self._bucket.acquire()
        stats = self._stats
        stats.requests += 1
        stats.in_flight += 1
        if waited or time.monotonic() - started > 0.001:
            stats.waits += 1
            stats.wait_time += time.monotonic() - started
        return _LeakyPermit(self)


_SHARED: weakref.WeakValueDictionary[RateLimit, Any] = weakref.WeakValueDictionary()


def build_limiter(spec: RateLimit | Limiter | None) -> Limiter | None:
    """The limiter for a client's ``rate_limit`` option.

    Clients of one process given equal ``RateLimit`` values (same numbers and ``key``) share
    one limiter, since the server counts them together (Jetbuilt counts per IP address).
    """
    if spec is None or not isinstance(spec, RateLimit):
        return spec
    if owns_limiter(spec):
        return _new_limiter(spec)
    shared: Limiter | None = _SHARED.get(spec)
    if shared is None:
        shared = _new_limiter(spec)
        _SHARED[spec] = shared
    return shared


def owns_limiter(spec: RateLimit | Limiter | None) -> bool:
    """Whether the client gets a limiter of its own, to close with it: the Redis limiter holds
    a connection pool, and needs no sharing inside the process (Redis shares the budget)."""
    return isinstance(spec, RateLimit) and spec.redis_url is not None


def _new_limiter(spec: RateLimit) -> Limiter:
    if spec.redis_url is not None:
        from jbcrm._core.redis_limiter import RedisSlidingWindowLimiter

        redis_limiter: Limiter = RedisSlidingWindowLimiter.from_rate_limit(spec)
        return redis_limiter
    if spec.algorithm == "leaky":
        return LeakyBucketLimiter(spec.requests, spec.per)
    return SlidingWindowLimiter(spec.requests, spec.per)
