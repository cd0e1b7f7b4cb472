"""``acquire(deadline=...)``: a wait that certainly ends after the deadline fails at once
(``paused=True`` during a 429 pause), a wait that might not is given up at the deadline, and a
huge ``Retry-After`` is said out loud instead of silently holding every task.

Waits that must fail early are guarded by a timeout far shorter than the deadline: waiting until
the deadline would fail the test."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable

import pytest

from jbcrm._core.ratelimit import (
    AdaptiveConcurrencyLimiter,
    LeakyBucketLimiter,
    LimiterTimeout,
    SlidingWindowLimiter,
)
from jbcrm._core.ratelimit._local import LocalLimiter
from tests._core.ratelimit.helpers import FakeClock

EARLY = 2.0  # a wait that should fail early is over long before this
LATER = 20.0  # a deadline this far ahead is never waited out by these tests

LIMITERS: list[Callable[[], LocalLimiter]] = [
    lambda: SlidingWindowLimiter(2, 30.0),
    lambda: LeakyBucketLimiter(2, 30.0),
    lambda: AdaptiveConcurrencyLimiter(2, per=30.0),
]
IDS = ["sliding", "leaky", "adaptive"]


async def fails_early(limiter: LocalLimiter, *, deadline: float) -> LimiterTimeout:
    with pytest.raises(LimiterTimeout) as caught:
        await asyncio.wait_for(limiter.acquire(deadline=deadline), EARLY)
    return caught.value


@pytest.mark.parametrize("make", LIMITERS, ids=IDS)
async def test_a_pause_ending_after_the_deadline_fails_at_once(
    make: Callable[[], LocalLimiter],
) -> None:
    limiter = make()
    await limiter.pause(LATER * 2)
    timeout = await fails_early(limiter, deadline=time.monotonic() + LATER)
    assert timeout.paused
    assert timeout.wait is not None
    assert timeout.wait > LATER
    assert limiter.stats.in_flight == 0
    assert limiter.stats.requests == 0


@pytest.mark.parametrize("make", LIMITERS, ids=IDS)
async def test_a_pause_ending_before_the_deadline_is_waited_out(
    make: Callable[[], LocalLimiter],
) -> None:
    limiter = make()
    await limiter.pause(0.1)
    permit = await limiter.acquire(deadline=time.monotonic() + LATER)
    await permit.release(status=200)
    assert limiter.stats.waits == 1
    assert limiter.stats.wait_time >= 0.1


@pytest.mark.parametrize("make", LIMITERS, ids=IDS)
async def test_a_429_pause_beyond_their_deadline_fails_the_waiting_tasks_at_once(
    make: Callable[[], LocalLimiter],
) -> None:
    limiter = make()
    held = [await limiter.acquire() for _ in range(limiter.stats.limit)]
    waiting = asyncio.ensure_future(limiter.acquire(deadline=time.monotonic() + LATER))
    without_deadline = asyncio.ensure_future(limiter.acquire())
    await asyncio.sleep(0.01)
    assert not waiting.done()
    await held[0].release(status=429, retry_after=LATER * 2)
    with pytest.raises(LimiterTimeout) as caught:
        await asyncio.wait_for(waiting, EARLY)
    assert caught.value.paused
    # A task without a deadline waits the pause out, as asked.
    assert not without_deadline.done()
    without_deadline.cancel()
    for permit in held[1:]:
        await permit.release(status=200)
    assert limiter.stats.in_flight == 0


async def test_sliding_slots_freeing_after_the_deadline_fail_at_once() -> None:
    limiter = SlidingWindowLimiter(2, 30.0)
    for _ in range(2):
        await (await limiter.acquire()).release(status=200)
    timeout = await fails_early(limiter, deadline=time.monotonic() + 1.0)
    assert not timeout.paused
    assert timeout.wait is not None
    assert timeout.wait > 29.0


async def test_sliding_slots_in_flight_may_free_at_any_time_so_the_deadline_is_waited_for() -> None:
    limiter = SlidingWindowLimiter(1, 30.0)
    held = await limiter.acquire()
    with pytest.raises(LimiterTimeout) as caught:
        await limiter.acquire(deadline=time.monotonic() + 0.1)
    assert not caught.value.paused
    await held.release(sent=False)
    # Never sent: the slot is free again at once.
    await (await limiter.acquire(deadline=time.monotonic() + 0.1)).release(status=200)


async def test_leaky_bucket_knows_when_each_waiter_fits() -> None:
    limiter = LeakyBucketLimiter(2, 2.0)  # one a second after a burst of two
    await limiter.acquire()
    await limiter.acquire()
    first = asyncio.ensure_future(limiter.acquire(deadline=time.monotonic() + LATER))
    await asyncio.sleep(0)
    # Second in the queue: fits in about two seconds, not within one.
    timeout = await fails_early(limiter, deadline=time.monotonic() + 1.0)
    assert not timeout.paused
    assert timeout.wait is not None
    assert 1.0 < timeout.wait <= 2.0
    first.cancel()


async def test_a_huge_retry_after_is_logged_as_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    limiter = SlidingWindowLimiter(5, 1.0)
    permit = await limiter.acquire()
    with caplog.at_level(logging.WARNING, logger="jbcrm.ratelimit"):
        await permit.release(status=429, retry_after=1e9)
    assert "pause of 1000000000 s" in caplog.text
    timeout = await fails_early(limiter, deadline=time.monotonic() + LATER)
    assert timeout.paused


async def window_of_three(clock: FakeClock) -> SlidingWindowLimiter:
    """3 per 10 s on a hand-moved clock: slots answered at 100, 101 and 102 free at 110, 111
    and 112; the clock then reads 103."""
    limiter = SlidingWindowLimiter(3, 10.0, clock=clock)
    permits = [await limiter.acquire() for _ in range(3)]
    for permit in permits:
        await permit.release(status=200)
        clock.now += 1.0
    return limiter


async def test_each_waiter_is_told_when_its_own_slot_frees_behind_those_ahead() -> None:
    clock = FakeClock()
    limiter = await window_of_three(clock)
    first = asyncio.ensure_future(limiter.acquire())  # no deadline: waits for the slot at 110
    await asyncio.sleep(0)
    # One ahead: the slot at 111; two ahead: the slot at 112. Both end after 108.5.
    second = await fails_early(limiter, deadline=108.5)
    assert second.wait == 8.0
    assert not second.paused
    ahead = asyncio.ensure_future(limiter.acquire())
    await asyncio.sleep(0)
    third = await fails_early(limiter, deadline=108.5)
    assert third.wait == 9.0
    first.cancel()
    ahead.cancel()
    await asyncio.gather(first, ahead, return_exceptions=True)
    head = await fails_early(limiter, deadline=105.0)
    assert head.wait == 7.0


async def test_a_slot_freeing_exactly_at_the_deadline_is_waited_for() -> None:
    clock = FakeClock()
    limiter = await window_of_three(clock)
    assert await limiter_waits(limiter, deadline=110.0)


async def test_a_wait_shorter_than_a_second_is_told_and_waited_for_as_it_is() -> None:
    clock = FakeClock()
    limiter = await window_of_three(clock)
    clock.now = 109.75  # the first slot frees in a quarter of a second
    too_late = await fails_early(limiter, deadline=109.8)
    assert too_late.wait == 0.25
    assert await limiter_waits(limiter, deadline=110.1)


async def test_slots_in_flight_may_free_at_once_so_a_waiter_behind_them_is_not_failed_early() -> (
    None
):
    clock = FakeClock()
    limiter = SlidingWindowLimiter(3, 10.0, clock=clock)
    held = [await limiter.acquire() for _ in range(3)]
    assert await limiter_waits(limiter, deadline=clock.now + 0.5)
    at_once = await fails_early(limiter, deadline=clock.now)  # a deadline that is now: over
    assert at_once.wait == 0.0
    for permit in held:
        await permit.release(sent=False)


async def test_a_waiter_whose_slot_may_free_at_any_time_gives_up_at_its_deadline() -> None:
    limiter = SlidingWindowLimiter(2, LATER)
    await (await limiter.acquire()).release(status=200)  # frees a window from now
    held = await limiter.acquire()  # in flight: may free at any time
    with pytest.raises(LimiterTimeout):
        await asyncio.wait_for(limiter.acquire(deadline=time.monotonic() + 0.1), EARLY)
    await held.release(sent=False)


async def limiter_waits(limiter: LocalLimiter, *, deadline: float) -> bool:
    """Whether an acquire with ``deadline`` is still waiting after a moment (not failed)."""
    try:
        await asyncio.wait_for(limiter.acquire(deadline=deadline), 0.2)
    except asyncio.TimeoutError:
        return True
    return False


async def test_every_wait_is_counted_with_its_length() -> None:
    limiter = SlidingWindowLimiter(1, 0.05)
    await (await limiter.acquire()).release(status=200)
    for _ in range(2):  # each waits for the window of the one before
        await (await asyncio.wait_for(limiter.acquire(), EARLY)).release(status=200)
    stats = limiter.stats
    assert (stats.requests, stats.waits) == (3, 2)
    assert 0.09 < stats.wait_time < EARLY


async def test_a_request_at_the_very_end_of_a_pause_or_a_window_does_not_wait() -> None:
    clock = FakeClock()
    limiter = SlidingWindowLimiter(1, 10.0, clock=clock)
    await limiter.pause(5.0)
    clock.now += 5.0  # the pause ends now
    permit = await asyncio.wait_for(limiter.acquire(), EARLY)
    await permit.release(status=200)
    clock.now += 10.0  # the slot's window ends now
    await (await asyncio.wait_for(limiter.acquire(), EARLY)).release(sent=False)
    assert limiter.stats.waits == 0
