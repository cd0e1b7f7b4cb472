"""The shared limiter while Redis is unreachable: the in-process fallback's permits, and the
background pings that find Redis again."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator

import pytest

from jbcrm._core.ratelimit import LimiterTimeout
from jbcrm._core.ratelimit import redis as redis_limiter
from jbcrm._core.ratelimit.redis import RedisSlidingWindowLimiter
from tests._core.ratelimit.helpers import waits
from tests.integration.redis_server import _free_port

LONG = 30.0


@pytest.fixture
def down_url() -> str:
    """A Redis URL where nothing listens."""
    return f"redis://127.0.0.1:{_free_port()}/0"


@pytest.fixture
async def limiters() -> AsyncIterator[list[RedisSlidingWindowLimiter]]:
    made: list[RedisSlidingWindowLimiter] = []
    yield made
    for limiter in made:
        await limiter.aclose()


def make(
    made: list[RedisSlidingWindowLimiter], url: str, requests: int, per: float
) -> RedisSlidingWindowLimiter:
    limiter = RedisSlidingWindowLimiter(requests, per, redis_url=url, key="down")
    made.append(limiter)
    return limiter


async def test_a_fallback_slot_released_without_arguments_counts_as_sent(
    down_url: str, limiters: list[RedisSlidingWindowLimiter]
) -> None:
    limiter = make(limiters, down_url, 1, LONG)
    await (await limiter.acquire()).release()
    assert not limiter.shared
    assert await waits(limiter)  # the one slot of the window was used


async def test_a_fallback_slot_never_sent_is_free_again_at_once(
    down_url: str, limiters: list[RedisSlidingWindowLimiter]
) -> None:
    limiter = make(limiters, down_url, 1, LONG)
    await (await limiter.acquire()).release(sent=False)
    assert not await waits(limiter)


async def test_a_fallback_slot_released_twice_is_settled_once(
    down_url: str, limiters: list[RedisSlidingWindowLimiter]
) -> None:
    limiter = make(limiters, down_url, 2, LONG)
    permit = await limiter.acquire()
    await permit.release(status=429, retry_after=0.01)
    await permit.release(status=429, retry_after=0.01)
    assert limiter.stats.in_flight == 0
    assert limiter.stats.rate_limited == 1


async def test_a_429_on_a_fallback_slot_pauses_for_its_retry_after(
    down_url: str, limiters: list[RedisSlidingWindowLimiter]
) -> None:
    limiter = make(limiters, down_url, 5, 1.0)
    await (await limiter.acquire()).release(status=429, retry_after=LONG)
    with pytest.raises(LimiterTimeout) as caught:
        await limiter.acquire(deadline=time.monotonic() + 0.01)
    assert caught.value.paused
    assert caught.value.wait is not None
    assert LONG - 5 < caught.value.wait <= LONG


async def test_each_ping_for_an_unreachable_redis_is_one_round_trip(
    down_url: str,
    limiters: list[RedisSlidingWindowLimiter],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(redis_limiter, "REDIS_RETRY_INTERVAL", 0.01)
    limiter = make(limiters, down_url, 2, LONG)
    pings: list[float] = []
    ping = limiter._redis.ping

    async def counted() -> object:
        pings.append(time.monotonic())
        return await ping()

    monkeypatch.setattr(limiter._redis, "ping", counted)
    await (await limiter.acquire()).release(sent=False)
    assert not limiter.shared
    before, pinged = limiter.round_trips, len(pings)
    assert before >= 1  # the call that found Redis unreachable
    while len(pings) < pinged + 3:  # noqa: ASYNC110 - the pings run in the background
        await asyncio.sleep(0.01)
    assert limiter.round_trips - before == len(pings) - pinged
