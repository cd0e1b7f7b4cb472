"""The shared limiter's bookkeeping in one process, against a real redis-server: a slot is given
back once, an unused grant goes back unsent, the first waiter asks Redis at once, and a 429
seen on a fallback slot holds for its own Retry-After."""

from __future__ import annotations

import asyncio
import time

import pytest

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
