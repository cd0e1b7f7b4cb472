"""The sliding window learns the real budget at a 429 (another program on the IP takes the rest)
and probes back up to the configured limit, one request at a time. Driven by a clock the tests
move by hand, so every number is exact."""

from __future__ import annotations

import asyncio

import pytest

from jbcrm._core.ratelimit import LimiterTimeout, Permit, SlidingWindowLimiter
from jbcrm._core.ratelimit._local import LocalPermit
from tests._core.ratelimit.helpers import FakeClock, waits

GUARD = 10.0


async def take(limiter: SlidingWindowLimiter, count: int) -> list[Permit]:
    return [await asyncio.wait_for(limiter.acquire(), GUARD) for _ in range(count)]


async def release(permits: list[Permit], status: int, retry_after: float | None = None) -> None:
    for permit in permits:
        await permit.release(status=status, retry_after=retry_after)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


async def learned_at_three(clock: FakeClock) -> SlidingWindowLimiter:
    """A limiter of 10 per second that met a server taking 3 of ours, then a 429 (pause 0.5 s)."""
    limiter = SlidingWindowLimiter(10, 1.0, clock=clock)
    *accepted, rejected = await take(limiter, 4)
    clock.now += 0.01
    await release(accepted, 200)
    await release([rejected], 429, retry_after=0.5)
    return limiter


async def test_a_429_sets_the_limit_to_what_the_server_accepted_in_the_window(
    clock: FakeClock,
) -> None:
    limiter = await learned_at_three(clock)
    stats = limiter.stats
    assert (stats.limit, stats.learned_limit, stats.rate_limited) == (3, 3, 1)
    assert "limit now 3" in repr(limiter)


async def test_requests_in_flight_at_the_429_count_as_the_server_accepts_them(
    clock: FakeClock,
) -> None:
    limiter = SlidingWindowLimiter(10, 1.0, clock=clock)
    permits = await take(limiter, 8)
    await release(permits[:2], 200)
    await release(permits[2:3], 429)
    assert limiter.stats.learned_limit == 2
    await release(permits[3:6], 200)  # sent before the 429, answered after it
    assert limiter.stats.learned_limit == 5
    await release(permits[6:], 429)  # the same burst: measured again, not cut again
    assert limiter.stats.learned_limit == 5
    assert limiter.stats.rate_limited == 3


async def test_a_429_with_nothing_accepted_leaves_one_request_per_window(
    clock: FakeClock,
) -> None:
    limiter = SlidingWindowLimiter(10, 1.0, clock=clock)
    await release(await take(limiter, 1), 429)
    assert limiter.stats.learned_limit == 1


async def test_requests_accepted_before_the_window_do_not_count(clock: FakeClock) -> None:
    limiter = SlidingWindowLimiter(10, 1.0, clock=clock)
    await release(await take(limiter, 6), 200)
    clock.now += 1.5
    *accepted, rejected = await take(limiter, 3)
    await release(accepted, 200)
    await release([rejected], 429)
    assert limiter.stats.learned_limit == 2


async def test_the_learned_limit_holds_until_probing_starts_two_windows_after_the_429(
    clock: FakeClock,
) -> None:
    limiter = await learned_at_three(clock)  # the 429 came at 100.01
    clock.now = 101.2  # the pause (until 100.51) is over and the old slots have expired
    within = await take(limiter, 3)
    assert await waits(limiter)
    clock.now = 102.02  # a window of calm after a window at least since the 429: a probe
    probe = await take(limiter, 1)
    assert isinstance(probe[0], LocalPermit)
    assert probe[0].probe  # type: ignore[attr-defined]
    assert await waits(limiter)  # one probe at a time
    await release(probe, 200)
    assert limiter.stats.limit == 4
    second_probe = await take(limiter, 1)  # the next probe goes as soon as one succeeds
    await release(second_probe + within, 200)
    assert limiter.stats.limit == 5


async def test_a_refused_probe_keeps_the_measured_limit_holds_no_one_and_waits_two_windows(
    clock: FakeClock,
) -> None:
    limiter = await learned_at_three(clock)
    clock.now = 102.1
    within = await take(limiter, 3)
    probe = await take(limiter, 1)
    clock.now += 0.01
    await release(probe, 429)
    assert limiter.stats.learned_limit == 1  # the other three are still in flight ...
    await release(within, 200)
    assert limiter.stats.learned_limit == 3  # ... and were accepted: the budget is still 3
    assert limiter.stats.rate_limited == 2
    # No pause: a caller out of time is told the slots are taken, not that everyone waits.
    with pytest.raises(LimiterTimeout) as caught:
        await limiter.acquire(deadline=clock.now)
    assert not caught.value.paused
    clock.now += 1.1  # the window of the slots above is over
    again = await take(limiter, 3)
    assert await waits(limiter)  # no probe until two windows after the refused one
    clock.now = 104.12
    await release(await take(limiter, 1), 200)
    await release(again, 200)
    assert limiter.stats.limit == 4


async def test_a_refused_probe_with_retry_after_pauses_everyone(clock: FakeClock) -> None:
    limiter = await learned_at_three(clock)
    clock.now = 102.1
    within = await take(limiter, 3)
    await release(await take(limiter, 1), 429, retry_after=30.0)
    with pytest.raises(LimiterTimeout) as caught:
        await limiter.acquire(deadline=clock.now + 1.0)
    assert caught.value.paused
    await release(within, 200)


async def test_probes_that_reach_the_configured_limit_forget_what_was_learned(
    clock: FakeClock,
) -> None:
    limiter = SlidingWindowLimiter(4, 1.0, clock=clock)
    *accepted, rejected = await take(limiter, 4)
    await release(accepted, 200)
    await release([rejected], 429, retry_after=0.0)
    assert limiter.stats.learned_limit == 3
    clock.now += 2.1
    within = await take(limiter, 3)
    await release(await take(limiter, 1), 200)
    stats = limiter.stats
    assert (stats.limit, stats.learned_limit) == (4, None)
    await release(within, 200)
    assert await waits(limiter)  # four slots in this window: the full limit, no more


async def test_a_limit_of_one_has_nothing_to_learn(clock: FakeClock) -> None:
    limiter = SlidingWindowLimiter(1, 1.0, clock=clock)
    await release(await take(limiter, 1), 429)
    assert (limiter.stats.limit, limiter.stats.learned_limit) == (1, None)


async def test_beyond_the_measured_budget_requests_go_one_at_a_time(clock: FakeClock) -> None:
    limiter = await learned_at_three(clock)
    clock.now = 102.1
    within = await take(limiter, 3)
    for _ in range(2):  # two probes accepted: the limit is 5, of which 3 were measured
        await release(await take(limiter, 1), 200)
    await release(within, 200)
    assert limiter.stats.limit == 5
    clock.now += 1.1
    measured = await take(limiter, 3)  # all at once
    fourth = await take(limiter, 1)
    assert await waits(limiter)  # the fifth waits for the fourth: the other program may be back
    await release(fourth, 200)
    fifth = await take(limiter, 1)
    await release(fifth + measured, 200)
    assert limiter.stats.limit == 5  # within the limit already learnt: nothing raised


async def test_a_request_that_arrived_exactly_one_window_before_a_429_is_outside_its_window(
    clock: FakeClock,
) -> None:
    limiter = SlidingWindowLimiter(10, 1.0, clock=clock)
    await release(await take(limiter, 2), 200)  # granted and answered at 100.0: arrived then
    clock.now += 0.5
    await release(await take(limiter, 1), 200)  # arrived at 100.5
    clock.now += 0.5
    await release(await take(limiter, 1), 429)  # arrived at 101.0: its window is (100.0, 101.0]
    assert limiter.stats.learned_limit == 1


async def test_a_request_answered_after_the_429_counts_only_if_it_arrived_inside_its_window(
    clock: FakeClock,
) -> None:
    limiter = SlidingWindowLimiter(10, 1.0, clock=clock)
    clock.now = 99.0
    edge = await take(limiter, 1)  # answered at 101.0: arrived at 100.0
    clock.now = 99.5
    inside = await take(limiter, 2)  # answered at 101.0: arrived at 100.25
    clock.now = 101.0
    await release(await take(limiter, 1), 429)  # arrived at 101.0: its window is (100.0, 101.0]
    assert limiter.stats.learned_limit == 1
    await release(edge + inside, 200)
    assert limiter.stats.learned_limit == 2


async def test_a_request_is_taken_to_arrive_halfway_between_its_grant_and_its_answer(
    clock: FakeClock,
) -> None:
    limiter = SlidingWindowLimiter(10, 1.0, clock=clock)
    slow = await take(limiter, 2)  # granted at 100.0, answered at 101.0: arrived at 100.5
    early = await take(limiter, 2)  # granted at 100.0, answered at 100.5: arrived at 100.25
    clock.now = 100.2
    quick = await take(limiter, 2)  # granted at 100.2, answered at 100.6: arrived at 100.4
    clock.now = 100.5
    await release(early, 200)
    clock.now = 100.6
    await release(quick, 200)
    clock.now = 101.0
    await release(slow, 200)
    clock.now = 101.3
    await release(await take(limiter, 1), 429)  # arrived at 101.3: its window is (100.3, 101.3]
    # slow and quick arrived inside it; early did not, though all six were answered inside it.
    assert limiter.stats.learned_limit == 4


async def test_a_request_without_an_answer_is_not_counted_as_accepted(clock: FakeClock) -> None:
    limiter = SlidingWindowLimiter(10, 1.0, clock=clock)
    *answered, unanswered, rejected = await take(limiter, 4)
    clock.now += 0.01
    await release(answered, 200)
    await unanswered.release(sent=True)  # sent, then no answer: a timeout, a dropped connection
    await release([rejected], 429)
    assert limiter.stats.learned_limit == 2


async def test_what_the_server_accepted_is_remembered_until_two_windows_after_its_answer(
    clock: FakeClock,
) -> None:
    limiter = SlidingWindowLimiter(10, 2.0, clock=clock)
    rejected = await take(limiter, 1)  # answered 429 at 114: arrived at 107, window (105, 107]
    clock.now = 105.0
    kept = await take(limiter, 1)  # answered at 107: arrived at 106
    clock.now = 106.0
    await release(await take(limiter, 1), 200)  # arrived and answered at 106
    clock.now = 107.0
    await release(kept, 200)
    await release(await take(limiter, 1), 200)  # arrived and answered at 107
    clock.now = 110.0
    # Two windows after 106: the answer of then is forgotten; those of 107 are not, though the
    # one answered at 107 arrived at 106.
    await release(await take(limiter, 1), 200)
    clock.now = 114.0
    await release(rejected, 429)
    assert limiter.stats.learned_limit == 2


async def test_a_probe_never_takes_a_slot_beyond_the_configured_limit(clock: FakeClock) -> None:
    limiter = SlidingWindowLimiter(4, 1.0, clock=clock)
    accepted, rejected, *unanswered = await take(limiter, 4)
    clock.now += 0.01
    await release([accepted], 200)
    await release([rejected], 429, retry_after=0.0)
    assert limiter.stats.learned_limit == 1  # two requests of the burst are still in flight
    clock.now = 102.1  # two windows after the 429: probes may go
    for _ in range(2):
        await release(await take(limiter, 1), 200)  # each accepted probe raises the limit
    assert limiter.stats.limit == 3
    # Two probes answered in this window and two requests in flight: all four slots are used,
    # and a probe is due, but the configured limit holds.
    assert await waits(limiter)
    await release(unanswered, 200)


async def test_a_request_over_the_learned_limit_waits_for_the_probe_and_is_told_how_long(
    clock: FakeClock,
) -> None:
    limiter = await learned_at_three(clock)  # the 429 came at 100.01: a probe is due at 102.01
    clock.now = 101.9
    within = await take(limiter, 3)
    with pytest.raises(LimiterTimeout) as caught:
        await asyncio.wait_for(limiter.acquire(deadline=102.0), GUARD)
    assert caught.value.wait == pytest.approx(0.11)
    waiting = asyncio.ensure_future(limiter.acquire(deadline=103.0))
    await asyncio.sleep(0.01)
    assert not waiting.done()
    clock.now = 102.01
    probe = await asyncio.wait_for(waiting, GUARD)
    assert probe.probe  # type: ignore[attr-defined]
    await release([probe, *within], 200)
