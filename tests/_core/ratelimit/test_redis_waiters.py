"""The shared limiter's bookkeeping in one process, against a real redis-server: a slot is given
back once, an unused grant goes back unsent, the first waiter asks Redis at once, and a 429
seen on a fallback slot holds for its own Retry-After."""

from __future__ import annotations

import asyncio
import time

import pytest
import redis.asyncio as aioredis

from jbcrm._core.ratelimit import LimiterTimeout
from jbcrm._core.ratelimit.redis import RedisSlidingWindowLimiter
from tests._core.ratelimit.helpers import blocks, make, waits
from tests.integration.redis_server import _free_port

LONG = 30.0


async def test_a_shared_slot_released_twice_is_given_back_once(server, client, limiters):
    limiter = make(limiters, server.url, 2, LONG, key="twice")
    permit = await limiter.acquire()
    await permit.release(status=200)
    await permit.release(status=200)
    await limiter.flush()
    assert limiter.stats.in_flight == 0
    assert await client.zcard("jbcrm:{twice}:done") == 1


async def test_every_429_is_counted(server, client, limiters):
    limiter = make(limiters, server.url, 3, 0.05, key="counted")
    first, second = await limiter.acquire(), await limiter.acquire()
    await first.release(status=429, retry_after=0.0)
    await second.release(status=429, retry_after=0.0)
    assert limiter.stats.rate_limited == 2


async def test_a_429_without_retry_after_pauses_every_process_one_window(server, client, limiters):
    limiter = make(limiters, server.url, 3, LONG, key="window-pause")
    await (await limiter.acquire()).release(status=429)
    await limiter.flush()
    paused_until = int(await client.hget("jbcrm:{window-pause}:state", "paused_until")) / 1e6
    seconds, micros = await client.time()
    assert LONG - 5 < paused_until - (seconds + micros / 1e6) <= LONG


async def test_only_a_slot_released_with_an_answer_counts_as_accepted(server, client, limiters):
    limiter = make(limiters, server.url, 3, LONG, key="answered")
    await (await limiter.acquire()).release()  # sent, but no answer came (a lost connection)
    await limiter.flush()
    assert await client.zcard("jbcrm:{answered}:done") == 1  # it still fills the window
    assert await client.zcard("jbcrm:{answered}:accepted") == 0
    await (await limiter.acquire()).release(status=200)
    await limiter.flush()
    assert await client.zcard("jbcrm:{answered}:accepted") == 1


async def test_a_slot_granted_after_its_task_was_cancelled_goes_back_unsent(
    server, client, limiters
):
    limiter = make(limiters, server.url, 1, LONG, key="late-grant")
    attempt = asyncio.create_task(limiter.acquire())
    while limiter.round_trips == 0:  # noqa: ASYNC110 - the call to Redis has left
        await asyncio.sleep(0)
    attempt.cancel()
    with pytest.raises(asyncio.CancelledError):
        await attempt
    # Redis grants the slot to no one now: it is handed back with the next call.
    while limiter.round_trips < 2:  # noqa: ASYNC110
        await asyncio.sleep(0.01)
    await limiter.flush()
    assert await client.zcard("jbcrm:{late-grant}:inflight") == 0
    assert await client.zcard("jbcrm:{late-grant}:done") == 0
    permit = await asyncio.wait_for(limiter.acquire(), 1.0)
    assert limiter.shared
    await permit.release(sent=False)


async def test_a_task_cancelled_just_as_its_wait_failed_ends_cancelled(server, client, limiters):
    limiter = RedisSlidingWindowLimiter(1, LONG, redis_url=server.url, key="closed-cancelled")
    held = await limiter.acquire()
    waiting = asyncio.create_task(limiter.acquire())
    await asyncio.sleep(0.05)
    closing = asyncio.ensure_future(limiter.aclose())
    await asyncio.sleep(0)  # the waiter's ticket has failed with ClientClosedError ...
    waiting.cancel()  # ... and its task is cancelled before it could run
    with pytest.raises(asyncio.CancelledError):
        await waiting
    await closing
    await held.release(sent=False)


async def test_the_first_waiter_asks_redis_at_once_whatever_the_last_poll_said(
    server, client, limiters
):
    holder = make(limiters, server.url, 1, LONG, key="first-waiter")
    limiter = make(limiters, server.url, 1, LONG, key="first-waiter")
    held = await holder.acquire()
    # Refused: the last answer said a slot frees a window from now at the earliest.
    assert await waits(limiter, 0.1)
    await held.release(sent=False)
    await holder.flush()
    permit = await asyncio.wait_for(limiter.acquire(), 1.0)
    await permit.release(sent=False)


async def test_a_fallback_slot_refused_with_a_long_retry_after_holds_past_one_window() -> None:
    url = f"redis://127.0.0.1:{_free_port()}/0"
    limiter = RedisSlidingWindowLimiter(5, 0.05, redis_url=url, key="down")
    try:
        await (await limiter.acquire()).release(status=429, retry_after=LONG)
        assert not limiter.shared
        await asyncio.sleep(0.15)  # three windows: a pause of one would be over
        assert await blocks(limiter)
        with pytest.raises(LimiterTimeout) as caught:  # a deadline inside the pause: at once
            await asyncio.wait_for(limiter.acquire(deadline=time.monotonic() + 1.0), 0.5)
        assert caught.value.paused
    finally:
        await limiter.aclose()


async def test_a_limiter_without_a_key_shares_the_default_budget(server, client, limiters):
    limiter = make(limiters, server.url, 2, LONG)
    assert limiter.key == "default"
    await (await limiter.acquire()).release(status=200)
    await limiter.flush()
    assert await client.zcard("jbcrm:{default}:done") == 1


class _ClosingSpy(aioredis.Redis):
    closed = False

    async def aclose(self, close_connection_pool: bool | None = None) -> None:
        self.closed = True
        await super().aclose(close_connection_pool)


async def test_a_redis_client_passed_in_is_not_closed_with_the_limiter(server, client):
    connection = _ClosingSpy.from_url(server.url)
    limiter = RedisSlidingWindowLimiter(2, LONG, redis=connection, key="passed-in")
    await (await limiter.acquire()).release(status=200)
    await limiter.aclose()
    assert not connection.closed
    await connection.aclose()


async def test_a_redis_client_that_decodes_answers_to_text_works_too(server, client):
    connection = aioredis.Redis.from_url(server.url, decode_responses=True)
    limiter = RedisSlidingWindowLimiter(1, LONG, redis=connection, key="text")
    try:
        permit = await asyncio.wait_for(limiter.acquire(), 1.0)
        assert limiter.shared
        await permit.release(sent=False)
        await asyncio.wait_for(limiter.acquire(), 1.0)
    finally:
        await limiter.aclose()
        await connection.aclose()


async def test_a_refused_waiter_asks_again_only_when_a_slot_can_have_freed(
    server, client, limiters
):
    limiter = make(limiters, server.url, 1, LONG, key="polls")
    held = await limiter.acquire()
    before = limiter.round_trips
    assert await waits(limiter, 0.3)
    assert limiter.round_trips - before == 1  # one "not yet, in a window": no busy polling
    await held.release(sent=False)


async def test_a_429_with_a_short_retry_after_holds_this_process_that_long_only(
    server, client, limiters
):
    limiter = make(limiters, server.url, 5, LONG, key="short-pause")
    await (await limiter.acquire()).release(status=429, retry_after=0.05)
    await asyncio.sleep(0.1)
    # The budget learned at the 429 is used up, but the pause is over: not "paused".
    with pytest.raises(LimiterTimeout) as caught:
        await limiter.acquire(deadline=time.monotonic() + 0.1)
    assert not caught.value.paused


async def test_fallback_slots_count_in_flight_waits_and_deadlines() -> None:
    url = f"redis://127.0.0.1:{_free_port()}/0"
    limiter = RedisSlidingWindowLimiter(2, 0.2, redis_url=url, key="down")
    try:
        first, second = await limiter.acquire(), await limiter.acquire()
        assert not limiter.shared
        assert limiter.stats.in_flight == 2
        assert limiter.stats.waits == 0
        with pytest.raises(LimiterTimeout):  # the fallback keeps the deadline
            await asyncio.wait_for(limiter.acquire(deadline=time.monotonic() + 0.05), 1.0)
        await first.release(status=200)
        await second.release(status=200)
        third = await asyncio.wait_for(limiter.acquire(), 2.0)  # after the window
        assert limiter.stats.requests == 3
        assert limiter.stats.waits == 1
        assert 0.05 < limiter.stats.wait_time < 2.0
        await third.release(sent=False)
    finally:
        await limiter.aclose()
