"""The sliding-window limiter shared by many processes through one Redis server.

Same semantics as :class:`~jbcrm._core.ratelimit.SlidingWindowLimiter`, for every process that
uses the same key: never more than ``requests`` in any window of ``per`` seconds as the server
sees them (a slot counts from send until response + ``per``), the first ``requests`` at once,
one pause for everyone on a 429, and the budget learned at a 429 (and probed back up) for
everyone. All of it happens in one atomic Lua script timed by Redis ``TIME``.

One task per limiter talks to Redis, one call at a time. Each call carries every release made
since the last one (a release waits at most for the call in flight, and its slot counts a little
longer meanwhile, which is safe) and asks for a slot for every task of the process waiting
then (a quarter of the limit at most, so that waiting processes share each window), so a
request costs one or two round trips, plus polls while the budget is used up. A slot
held by a process that dies is freed when its lease ends. When Redis cannot be reached, the
limiter falls back to an in-process limiter (with one warning) and tries Redis again a little
later, or raises if asked to.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import os
import random
import time
from collections import deque
from typing import Any

from jbcrm._core.errors import ClientClosedError, ConfigurationError, RedisLimiterError
from jbcrm._core.ratelimit import _redis_link, _redis_scripts
from jbcrm._core.ratelimit._protocol import LimiterTimeout, Permit
from jbcrm._core.ratelimit._redis_link import RedisError, aioredis, logger
from jbcrm._core.ratelimit._shared import Counters, Pause, check_deadline
from jbcrm._core.ratelimit._values import (
    ON_REDIS_ERROR,
    LimiterStats,
    OnRedisError,
    RateLimit,
    seconds,
    whole_number,
)
from jbcrm._core.ratelimit.sliding import SlidingWindowLimiter

__all__ = ["RedisLimiterError", "RedisSlidingWindowLimiter"]

#: How long a slot may stay in flight beyond ``per`` before it is presumed lost with its process.
DEFAULT_LEASE_EXTRA = 60.0
#: After Redis failed, how long the in-process fallback serves before Redis is tried again.
REDIS_RETRY_INTERVAL = 1.0
#: Upper bound of the random delay added to each wait, so waiting processes do not stampede.
MAX_JITTER = 0.002
#: The most slots asked for in one call: a quarter of the limit (so that processes waiting
#: together share each window rather than the first to ask taking all of it), 64 at most.
MAX_GRANTS = 64
SHARE_PER_CALL = 4
_US = 1_000_000


class _Ticket:
    """A task of this process waiting for a shared slot."""

    __slots__ = ("deadline", "future", "refused", "started")

    def __init__(self, future: asyncio.Future[Permit | None], deadline: float | None) -> None:
        self.future = future
        self.deadline = deadline
        self.started = time.monotonic()
        #: Whether Redis has said "not yet" to it at least once.
        self.refused = False


class _SharedPermit:
    """A slot recorded in Redis."""

    __slots__ = ("_limiter", "_released", "granted_at", "probe", "slot")

    def __init__(
        self, limiter: RedisSlidingWindowLimiter, slot: str, granted_at: float, *, probe: bool
    ) -> None:
        self._limiter = limiter
        self._released = False
        self.slot = slot
        #: When Redis granted the slot, in seconds on the Redis clock.
        self.granted_at = granted_at
        #: Sent beyond the budget measured at the last 429, one at a time across processes.
        self.probe = probe

    async def release(
        self, *, sent: bool = True, status: int | None = None, retry_after: float | None = None
    ) -> None:
        if not self._released:
            self._released = True
            self._limiter._release_shared(self.slot, sent, status, retry_after, self.probe)


class _LocalPermit:
    """A slot from the in-process fallback, taken while Redis was unreachable."""

    __slots__ = ("_inner", "_limiter", "_released")

    def __init__(self, limiter: RedisSlidingWindowLimiter, inner: Permit) -> None:
        self._limiter = limiter
        self._inner = inner
        self._released = False

    async def release(
        self, *, sent: bool = True, status: int | None = None, retry_after: float | None = None
    ) -> None:
        if not self._released:
            self._released = True
            self._limiter._settle(status, retry_after, probe=False)
            await self._inner.release(sent=sent, status=status, retry_after=retry_after)


class RedisSlidingWindowLimiter:
    """Never more than ``requests`` in any ``per`` seconds, across every process sharing ``key``.

    Pass ``redis_url`` or an existing ``redis.asyncio.Redis`` as ``redis`` (that one is left open
    by :meth:`aclose`). ``key`` names the shared budget (say, the API); it is used as is when it
    is short and plain, hashed otherwise. ``lease`` bounds how long a slot of a dead process
    keeps counting: make it longer than the slowest request plus ``per``. Like its Redis
    connection, the limiter belongs to the event loop that first uses it.
    """

    def __init__(
        self,
        requests: int,
        per: float,
        *,
        redis_url: str | None = None,
        redis: aioredis.Redis | None = None,
        key: str | None = None,
        lease: float | None = None,
        on_redis_error: OnRedisError = "local",
    ) -> None:
        self._max = whole_number("requests", requests)
        self._per = seconds("per", per)
        if (redis_url is None) == (redis is None):
            raise ConfigurationError("pass exactly one of redis_url and redis")
        if on_redis_error not in ON_REDIS_ERROR:
            raise ConfigurationError(
                f"on_redis_error must be 'local' or 'raise', got {on_redis_error!r}"
            )
        self._lease = seconds("lease", per + DEFAULT_LEASE_EXTRA if lease is None else lease)
        self._on_redis_error = on_redis_error
        self._owns_client = redis is None
        self._redis = redis if redis is not None else _redis_link.client_for(redis_url or "")
        self._endpoint = _redis_link.describe(self._redis)
        self.key = key or "default"
        self._keys = _redis_link.key_names(self.key, ("inflight", "done", "accepted", "state"))
        self._sync_script = self._redis.register_script(_redis_scripts.SYNC)
        self._pause_script = self._redis.register_script(_redis_scripts.PAUSE)
        self._slot_ids = (f"{os.getpid()}-{os.urandom(6).hex()}-{n}" for n in itertools.count())
        self._fallback = SlidingWindowLimiter(requests, per)
        self._reconnect: asyncio.Task[None] | None = None
        self._pause = Pause()
        self._counters = Counters()
        self._limit = requests
        self._learned: int | None = None
        self._in_flight = 0
        self._round_trips = 0
        self._waiting: deque[_Ticket] = deque()
        #: Releases not yet sent: (slot, sent, status, retry_after in µs or -1).
        self._pending: list[tuple[str, bool, int, int]] = []
        self._urgent = False
        self._poll_at = 0.0
        self._syncer: asyncio.Task[None] | None = None
        self._wake = asyncio.Event()

    @classmethod
    def from_rate_limit(cls, spec: RateLimit) -> RedisSlidingWindowLimiter:
        """The shared limiter described by a :class:`RateLimit` with a ``redis_url``."""
        return cls(
            spec.requests,
            spec.per,
            redis_url=spec.redis_url,
            key=spec.key,
            on_redis_error=spec.on_redis_error,
            lease=spec.lease,
        )

    @property
    def stats(self) -> LimiterStats:
        return self._counters.snapshot(
            limit=self._limit, in_flight=self._in_flight, learned=self._learned
        )

    @property
    def limit(self) -> int:
        """The shared limit as last seen (lower than configured for a while after a 429)."""
        return self._limit

    @property
    def round_trips(self) -> int:
        """Calls sent to Redis so far (each one is one network round trip)."""
        return self._round_trips

    @property
    def shared(self) -> bool:
        """False while the in-process fallback stands in for an unreachable Redis."""
        return self._reconnect is None

    def __repr__(self) -> str:
        return (
            f"RedisSlidingWindowLimiter({self._max} per {self._per}s, key={self.key!r}, "
            f"limit now {self.limit}, {'shared' if self.shared else 'local fallback'})"
        )

    async def acquire(self, *, deadline: float | None = None) -> Permit:
        started = time.monotonic()
        check_deadline(started, deadline, self._pause, None)
        if self._reconnect is None:
            loop = asyncio.get_running_loop()
            ticket = _Ticket(loop.create_future(), deadline)
            # Behind other waiters, it can only be served at their next poll; those that gave
            # up (cancelled, past their deadline) since the last call do not count.
            first = all(waiting.future.done() for waiting in self._waiting)
            self._waiting.append(ticket)
            self._kick(urgent=first)
            timer = None
            if deadline is not None:
                timer = loop.call_later(deadline - started, self._expire, ticket)
            try:
                permit = await ticket.future
            except asyncio.CancelledError:
                self._hand_back(ticket)
                raise
            finally:
                if timer is not None:
                    timer.cancel()
            if permit is not None:
                return permit
        # Redis is unreachable: the in-process fallback serves meanwhile.
        waits_before = self._fallback.stats.waits
        inner = await self._fallback.acquire(deadline=deadline)
        self._in_flight += 1
        waited = self._fallback.stats.waits > waits_before
        self._counters.granted(time.monotonic() - started if waited else None)
        return _LocalPermit(self, inner)

    async def pause(self, seconds: float) -> None:
        """Hold every request of every process sharing the key for ``seconds``."""
        self._pause.hold(time.monotonic(), seconds)
        await self._fallback.pause(seconds)
        with contextlib.suppress(RedisError):
            self._round_trips += 1
            await self._pause_script(
                keys=self._keys[3:], args=[round(seconds * _US), self._per_us, self._lease_us]
            )
        self._fail_paused()

    async def flush(self) -> None:
        """Send the releases gathered so far now, instead of with the next call."""
        if self._pending:
            await self._sync_once(ask=False)

    async def aclose(self) -> None:
        """Send the releases still pending; close the Redis connection if this limiter opened
        it. Tasks still waiting for a slot get :class:`~jbcrm.ClientClosedError`."""
        if self._reconnect is not None:
            self._reconnect.cancel()
            self._reconnect = None
        for ticket in self._live_tickets():
            ticket.future.set_exception(
                ClientClosedError("the rate limiter was closed while this request waited")
            )
        self._kick()
        if self._syncer is not None:
            await asyncio.gather(self._syncer, return_exceptions=True)
        if self._owns_client:
            await self._redis.aclose()

    @property
    def _per_us(self) -> int:
        return round(self._per * _US)

    @property
    def _lease_us(self) -> int:
        return round(self._lease * _US)

    def _release_shared(
        self, slot: str, sent: bool, status: int | None, retry_after: float | None, probe: bool
    ) -> None:
        self._settle(status, retry_after, probe=probe)
        retry_us = -1 if retry_after is None else round(max(retry_after, 0.0) * _US)
        self._pending.append((slot, sent, status or 0, retry_us))
        self._kick()

    def _settle(self, status: int | None, retry_after: float | None, *, probe: bool) -> None:
        """Local bookkeeping of a release, shared by both kinds of permit."""
        self._in_flight -= 1
        if status == 429:
            self._counters.rate_limited += 1
            self._pause.after_429(time.monotonic(), retry_after, self._per, probe=probe)
            self._fail_paused()

    def _hand_back(self, ticket: _Ticket) -> None:
        """A slot granted just as its task was cancelled goes back, unused."""
        future = ticket.future
        if future.cancelled() or future.exception() is not None:
            return
        permit = future.result()
        if isinstance(permit, _SharedPermit):
            self._release_shared(permit.slot, False, None, None, permit.probe)

    def _expire(self, ticket: _Ticket) -> None:
        if not ticket.future.done():
            ticket.future.set_exception(LimiterTimeout(paused=self._pause.until > time.monotonic()))

    def _fail_paused(self) -> None:
        """Waiters whose deadline ends before the pause fail now, not when it is over."""
        now = time.monotonic()
        for ticket in self._live_tickets():
            if ticket.deadline is not None and self._pause.until > ticket.deadline:
                ticket.future.set_exception(
                    LimiterTimeout(paused=True, wait=self._pause.until - now)
                )

    def _live_tickets(self) -> list[_Ticket]:
        self._waiting = deque(ticket for ticket in self._waiting if not ticket.future.done())
        return list(self._waiting)

    def _kick(self, *, urgent: bool = True) -> None:
        """Make sure the syncing task runs; when ``urgent``, it calls Redis as soon as the call
        in flight (if any) is over, else at its next poll."""
        self._urgent = self._urgent or urgent
        if self._syncer is None or self._syncer.done():
            self._syncer = asyncio.ensure_future(self._sync_loop())
        self._wake.set()

    async def _sync_loop(self) -> None:
        while True:
            waiting = bool(self._live_tickets())
            if not waiting and not self._pending:
                return
            now = time.monotonic()
            at = now if self._urgent or not waiting else self._poll_at
            if at > now:
                self._wake.clear()
                with contextlib.suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), at - now)
                continue
            await self._sync_once()

    async def _sync_once(self, *, ask: bool = True) -> None:
        """One call: send the pending releases, ask for a slot per waiting task."""
        releases, self._pending = self._pending, []
        self._urgent = False
        most = min(MAX_GRANTS, -(-self._max // SHARE_PER_CALL))
        tickets = self._live_tickets()[:most] if ask else []
        wanted = [next(self._slot_ids) for _ in tickets]
        args: list[Any] = [self._max, self._per_us, self._lease_us, len(releases)]
        for slot, sent, status, retry_us in releases:
            args += [slot, int(sent), status, retry_us]
        self._round_trips += 1
        try:
            result = await self._sync_script(keys=self._keys, args=[*args, *wanted])
        except Exception as exc:
            # Whatever the client raised, no waiter may hang on it. Releases are lost with
            # Redis: their slots free when their lease ends (safe).
            self._redis_failed(exc)
            return
        granted, wait_us, limit, learned, pause_us, now_us = (int(value) for value in result[:6])
        probe = result[6].decode() if isinstance(result[6], bytes) else str(result[6])
        now = time.monotonic()
        self._limit, self._learned = limit, None if learned < 0 else learned
        if pause_us > 0 and self._pause.hold(now, pause_us / _US):
            self._fail_paused()
        for slot in wanted[:granted]:
            self._hand_out(slot, now_us / _US, now, probe=slot == probe)
        if not ask:
            return
        if granted < len(wanted):
            for ticket in self._live_tickets():
                ticket.refused = True
        jitter = random.uniform(0.0, min(MAX_JITTER, self._per / 100))
        self._poll_at = now + (wait_us / _US + jitter if wait_us else 0.0)

    def _hand_out(self, slot: str, granted_at: float, now: float, *, probe: bool) -> None:
        """Give a granted slot to the first task still waiting, or hand it back unused."""
        waiting = self._waiting
        while waiting and waiting[0].future.done():
            waiting.popleft()
        if not waiting:
            self._pending.append((slot, False, 0, -1))
            self._kick()
            return
        ticket = waiting.popleft()
        self._in_flight += 1
        self._counters.granted(now - ticket.started if ticket.refused else None)
        ticket.future.set_result(_SharedPermit(self, slot, granted_at, probe=probe))

    def _redis_failed(self, exc: Exception) -> None:
        tickets = self._live_tickets()
        if self._on_redis_error == "raise":
            for ticket in tickets:
                ticket.future.set_exception(
                    RedisLimiterError(
                        f"the shared rate limiter cannot reach Redis at {self._endpoint} "
                        f"({type(exc).__name__})",
                        hint="check that Redis is running, or use on_redis_error='local'",
                    )
                )
            return
        if self._reconnect is None:
            logger.warning(
                "Redis at %s is unreachable (%s): rate limiting in this process only, "
                "so several processes together may exceed %d per %gs; retrying Redis every %gs",
                self._endpoint,
                type(exc).__name__,
                self._max,
                self._per,
                REDIS_RETRY_INTERVAL,
            )
            self._reconnect = asyncio.ensure_future(self._wait_for_redis())
        for ticket in tickets:
            ticket.future.set_result(None)

    async def _wait_for_redis(self) -> None:
        """Ping Redis in the background until it answers; requests meanwhile go local."""
        while True:
            await asyncio.sleep(REDIS_RETRY_INTERVAL)
            self._round_trips += 1
            with contextlib.suppress(RedisError):
                await self._redis.ping()
                break
        self._reconnect = None
        logger.info("Redis at %s is back: the rate limit is shared again", self._endpoint)
