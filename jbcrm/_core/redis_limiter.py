"""The sliding-window limiter shared by many processes through one Redis server.

Same semantics as :class:`~jbcrm._core.ratelimit.SlidingWindowLimiter`, for every process that
uses the same key: never more than ``requests`` in any window of ``per`` seconds as the server
sees them (a slot counts from send until response + ``per``), the initial burst allowed, one
pause for everyone on a 429, and the limit cut and recovered for everyone. Each operation is one
atomic Lua script timed by Redis ``TIME``, so a request costs one round trip to acquire (more
only while waiting) and one to release. A slot held by a process that dies is freed when its
lease ends. When Redis cannot be reached, the limiter falls back to an in-process limiter (with
one warning) and tries Redis again a little later, or raises if asked to.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import itertools
import logging
import os
import random
import re
import time
from typing import Any, Literal

from jbcrm._core import _redis_scripts
from jbcrm._core.errors import ConfigurationError, RedisLimiterError
from jbcrm._core.ratelimit import (
    CUT_FACTOR,
    RECOVERY_STEP,
    LimiterStats,
    Permit,
    RateLimit,
    SlidingWindowLimiter,
    _by_deadline,
    pause_after_429,
)

try:
    import redis.asyncio as aioredis
    from redis.asyncio.retry import Retry
    from redis.backoff import NoBackoff
    from redis.exceptions import RedisError
except ImportError as exc:  # pragma: no cover - depends on the installed extras
    raise ConfigurationError(
        "a RateLimit with redis_url needs the redis package",
        hint="pip install 'jbcrm[redis]'",
    ) from exc

__all__ = ["RedisLimiterError", "RedisSlidingWindowLimiter"]

logger = logging.getLogger("jbcrm.ratelimit")

#: How long a slot may stay in flight beyond ``per`` before it is presumed lost with its process.
DEFAULT_LEASE_EXTRA = 60.0
#: After Redis failed, how long the in-process fallback serves before Redis is tried again.
REDIS_RETRY_INTERVAL = 1.0
#: Upper bound of the random delay added to each wait, so waiting processes do not stampede.
MAX_JITTER = 0.002
_CONNECT_TIMEOUT = 1.0
_COMMAND_TIMEOUT = 2.0
_SAFE_KEY = re.compile(r"[A-Za-z0-9_.:-]{1,64}")
_US = 1_000_000


class _SharedPermit:
    """A slot recorded in Redis."""

    __slots__ = ("_limiter", "_released", "granted_at", "slot")

    def __init__(self, limiter: RedisSlidingWindowLimiter, slot: str, granted_at: float) -> None:
        self._limiter = limiter
        self._released = False
        self.slot = slot
        #: When Redis granted the slot, in seconds on the Redis clock.
        self.granted_at = granted_at

    async def release(
        self, *, sent: bool = True, status: int | None = None, retry_after: float | None = None
    ) -> None:
        if not self._released:
            self._released = True
            await self._limiter._release_shared(self.slot, sent, status, retry_after)


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
            self._limiter._settle(status, retry_after)
            await self._inner.release(sent=sent, status=status, retry_after=retry_after)


class RedisSlidingWindowLimiter:
    """Never more than ``requests`` in any ``per`` seconds, across every process sharing ``key``.

    Pass ``redis_url`` or an existing ``redis.asyncio.Redis`` as ``redis`` (that one is left open
    by :meth:`aclose`). ``key`` names the shared budget (say, the API); it is used as is when it
    is short and plain, hashed otherwise. ``lease`` bounds how long a slot of a dead process
    keeps counting: make it longer than the slowest request plus ``per``.
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
        on_redis_error: Literal["local", "raise"] = "local",
    ) -> None:
        if requests < 1 or per <= 0:
            raise ConfigurationError(
                f"a rate limit needs requests >= 1 and per > 0, got {requests} per {per}"
            )
        if (redis_url is None) == (redis is None):
            raise ConfigurationError("pass exactly one of redis_url and redis")
        if on_redis_error not in ("local", "raise"):
            raise ConfigurationError(
                f"on_redis_error must be 'local' or 'raise', not {on_redis_error!r}"
            )
        lease = per + DEFAULT_LEASE_EXTRA if lease is None else lease
        if lease <= 0:
            raise ConfigurationError(f"lease must be > 0, got {lease}")
        self._max = requests
        self._per = per
        self._lease = lease
        self._on_redis_error = on_redis_error
        self._owns_client = redis is None
        self._redis = redis if redis is not None else _client_for(redis_url or "")
        self._endpoint = _describe(self._redis)
        self.key = key or "default"
        tag = self.key if _SAFE_KEY.fullmatch(self.key) else _digest(self.key)
        self._keys = [f"jbcrm:{{{tag}}}:{part}" for part in ("inflight", "done", "state")]
        self._acquire_script = self._redis.register_script(_redis_scripts.ACQUIRE)
        self._release_script = self._redis.register_script(_redis_scripts.RELEASE)
        self._pause_script = self._redis.register_script(_redis_scripts.PAUSE)
        self._slot_ids = (f"{os.getpid()}-{os.urandom(6).hex()}-{n}" for n in itertools.count())
        self._fallback = SlidingWindowLimiter(requests, per)
        self._reconnect: asyncio.Task[None] | None = None
        self._paused_until = 0.0
        self._in_flight = 0
        self._round_trips = 0
        self._lock = asyncio.Lock()
        self._changed = asyncio.Event()
        self._background: set[asyncio.Future[Any]] = set()
        self._stats = LimiterStats(limit=requests)

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
        self._stats.in_flight = self._in_flight
        return self._stats

    @property
    def limit(self) -> int:
        """The shared limit as last seen (lower than configured for a while after a 429)."""
        return self._stats.limit

    @property
    def round_trips(self) -> int:
        """Script calls sent to Redis so far (each one is one network round trip)."""
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
        return await _by_deadline(self._acquire(), deadline)

    async def _acquire(self) -> Permit:
        started = time.monotonic()
        waited = False
        async with self._lock:
            while True:
                pause = self._paused_until - time.monotonic()
                if pause > 0:
                    waited = True
                    await self._sleep(pause)
                    continue
                if self._reconnect is not None:
                    waits_before = self._fallback.stats.waits
                    permit: Permit = _LocalPermit(self, await self._fallback.acquire())
                    waited = waited or self._fallback.stats.waits > waits_before
                    break
                slot = next(self._slot_ids)
                try:
                    granted, wait_us, limit, now_us = await self._call_acquire(slot)
                except RedisError as exc:
                    self._redis_failed(exc)
                    continue
                self._stats.limit = limit
                if granted:
                    permit = _SharedPermit(self, slot, now_us / _US)
                    break
                waited = True
                delay = min(wait_us / _US, self._per)
                await self._sleep(delay + random.uniform(0.0, min(MAX_JITTER, self._per / 100)))
            self._in_flight += 1
        stats = self._stats
        stats.requests += 1
        if waited:
            stats.waits += 1
            stats.wait_time += time.monotonic() - started
        return permit

    async def pause(self, seconds: float) -> None:
        """Hold every request of every process sharing the key for ``seconds``."""
        self._paused_until = max(self._paused_until, time.monotonic() + seconds)
        self._fallback.pause(seconds)
        with contextlib.suppress(RedisError):
            self._round_trips += 1
            await self._pause_script(
                keys=self._keys[2:], args=[round(seconds * _US), self._per_us, self._lease_us]
            )
        self._changed.set()

    async def aclose(self) -> None:
        """Wait for pending releases; close the Redis connection if this limiter opened it."""
        if self._reconnect is not None:
            self._reconnect.cancel()
            self._reconnect = None
        if self._background:
            await asyncio.gather(*self._background, return_exceptions=True)
        if self._owns_client:
            await self._redis.aclose()

    @property
    def _per_us(self) -> int:
        return round(self._per * _US)

    @property
    def _lease_us(self) -> int:
        return round(self._lease * _US)

    async def _call_acquire(self, slot: str) -> tuple[int, int, int, int]:
        self._round_trips += 1
        call = asyncio.ensure_future(
            self._acquire_script(
                keys=self._keys, args=[slot, self._max, self._per_us, self._lease_us]
            )
        )
        try:
            # Shielded: a slot granted after the caller gave up must be handed back, not leaked.
            result = await asyncio.shield(call)
        except asyncio.CancelledError:
            call.add_done_callback(lambda done: self._hand_back(done, slot))
            raise
        granted, wait_us, limit, now_us = (int(value) for value in result)
        return granted, wait_us, limit, now_us

    def _hand_back(self, call: asyncio.Future[Any], slot: str) -> None:
        if call.cancelled() or call.exception() is not None or not int(call.result()[0]):
            return
        self._in_flight += 1
        self._run_in_background(self._release_shared(slot, False, None, None))

    def _run_in_background(self, work: Any) -> None:
        task = asyncio.ensure_future(work)
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def _release_shared(
        self, slot: str, sent: bool, status: int | None, retry_after: float | None
    ) -> None:
        self._settle(status, retry_after)
        args: list[str | int | float] = [
            slot,
            int(sent),
            status or 0,
            -1 if retry_after is None else round(max(retry_after, 0.0) * _US),
            self._max,
            self._per_us,
            self._lease_us,
            CUT_FACTOR,
            RECOVERY_STEP,
        ]
        self._round_trips += 1
        call = asyncio.ensure_future(self._release_script(keys=self._keys, args=args))
        self._background.add(call)
        call.add_done_callback(self._background.discard)
        try:
            limit, _pause_left, freed = (int(value) for value in await asyncio.shield(call))
        except RedisError as exc:
            # The slot stays counted in Redis until its lease ends: safe, only slower.
            logger.debug("releasing a shared rate-limit slot failed: %s", type(exc).__name__)
            return
        self._stats.limit = limit
        if freed:
            self._changed.set()

    def _settle(self, status: int | None, retry_after: float | None) -> None:
        """Local bookkeeping of a release, shared by both kinds of permit."""
        self._in_flight -= 1
        if status == 429:
            self._stats.rate_limited += 1
            pause = pause_after_429(retry_after, self._per)
            self._paused_until = max(self._paused_until, time.monotonic() + pause)

    async def _sleep(self, seconds: float) -> None:
        """Sleep, waking early when a local release frees capacity."""
        self._changed.clear()
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(self._changed.wait(), seconds)

    def _redis_failed(self, exc: RedisError) -> None:
        if self._on_redis_error == "raise":
            raise RedisLimiterError(
                f"the shared rate limiter cannot reach Redis at {self._endpoint} "
                f"({type(exc).__name__})",
                hint="check that Redis is running, or use on_redis_error='local'",
            ) from exc
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
            self._reconnect = asyncio.create_task(self._wait_for_redis())

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


def _client_for(url: str) -> aioredis.Redis:
    # One immediate retry renews a pooled connection broken by a Redis restart; more retries
    # with backoff would only stall requests while Redis is down.
    return aioredis.Redis.from_url(
        url,
        socket_connect_timeout=_CONNECT_TIMEOUT,
        socket_timeout=_COMMAND_TIMEOUT,
        retry=Retry(NoBackoff(), 1),
    )


def _describe(client: aioredis.Redis) -> str:
    """host:port/db of a client, for messages: never its credentials."""
    kwargs = client.connection_pool.connection_kwargs
    if "path" in kwargs:
        return f"unix:{kwargs['path']}"
    return f"{kwargs.get('host', 'localhost')}:{kwargs.get('port', 6379)}/{kwargs.get('db', 0)}"


def _digest(key: str) -> str:
    return "sha256-" + hashlib.sha256(key.encode()).hexdigest()[:32]
