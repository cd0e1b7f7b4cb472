"""The adaptive concurrency limiter: grows while latency stays at its floor, shrinks when the
server queues our requests or says it is overloaded, and learns a site that became slower.
Driven by a clock the tests move by hand: every request of a batch takes the same time."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from itertools import pairwise

import pytest

from jbcrm._core.ratelimit import AdaptiveConcurrencyLimiter, Permit
from jbcrm._core.ratelimit.adaptive import MIN_SAMPLES, PROBE_EVERY
from tests._core.ratelimit.helpers import FakeClock

GUARD = 10.0
FLOOR = 0.020


Latency = Callable[[int], float]


def workers(count: int, service: float = FLOOR) -> Latency:
    """A server of ``count`` workers: beyond them, requests queue."""
    return lambda in_flight: service * max(1.0, in_flight / count)


class Driver:
    """Sends batches as wide as the limit allows and answers them after ``latency(width)``."""

    def __init__(self, limiter: AdaptiveConcurrencyLimiter, clock: FakeClock) -> None:
        self.limiter = limiter
        self.clock = clock
        self.limits: list[int] = []

    async def batch(
        self, latency: Latency, *, width: int | None = None, status: int | None = 200
    ) -> None:
        width = width or self.limiter.limit
        permits: list[Permit] = [
            await asyncio.wait_for(self.limiter.acquire(), GUARD) for _ in range(width)
        ]
        self.clock.now += latency(width)
        for permit in permits:
            await permit.release(status=status)
        self.limits.append(self.limiter.limit)

    async def rounds(self, latency: Latency, count: int) -> None:
        """``count`` rounds: each needs max(MIN_SAMPLES, limit) answers."""
        for _ in range(count):
            limit = self.limiter.limit
            for _ in range(-(-max(MIN_SAMPLES, limit) // limit)):
                await self.batch(latency)


@pytest.fixture
def driver() -> Driver:
    clock = FakeClock()
    return Driver(AdaptiveConcurrencyLimiter(16, clock=clock), clock)


async def test_starts_at_one_and_doubles_while_latency_stays_at_its_floor(
    driver: Driver,
) -> None:
    assert driver.limiter.limit == 1
    await driver.rounds(workers(64), 5)
    assert sorted(set(driver.limits)) == [1, 2, 4, 8, 16]
    assert driver.limiter.limit == 16  # never above the maximum
    assert driver.limiter.latency_floor == pytest.approx(FLOOR)


async def test_does_not_grow_while_the_limit_is_not_used(driver: Driver) -> None:
    await driver.rounds(workers(64), 2)
    assert driver.limiter.limit == 4
    for _ in range(5 * MIN_SAMPLES):
        await driver.batch(workers(64), width=1)
    assert driver.limiter.limit == 4


async def test_never_more_in_flight_than_the_limit(driver: Driver) -> None:
    held = await driver.limiter.acquire()
    with pytest.raises(asyncio.TimeoutError):
        await asyncio.wait_for(driver.limiter.acquire(), 0.05)
    await held.release(status=200)
    assert driver.limiter.stats.in_flight == 0


async def test_holds_near_the_knee_of_a_saturated_server(driver: Driver) -> None:
    await driver.rounds(workers(4), 3 * PROBE_EVERY)
    # Four workers: four in flight keep them busy; a fifth queues a little (25% above floor).
    settled = driver.limits[-2 * PROBE_EVERY :]
    assert max(settled) <= 5
    assert sum(limit >= 4 for limit in settled) >= len(settled) * 0.8
    assert driver.limiter.latency_floor == pytest.approx(FLOOR)


async def test_latency_far_above_the_floor_two_rounds_running_shrinks_the_limit_in_proportion(
    driver: Driver,
) -> None:
    await driver.rounds(workers(64), 4)
    assert driver.limiter.limit == 16
    await driver.batch(lambda _: FLOOR * 2)  # one round of 16, twice the floor
    assert driver.limiter.limit == 16  # one slow round may be a pause of our own process
    await driver.batch(lambda _: FLOOR * 2)
    # Cut toward the latency allowed (1.2x the floor): 16 x 1.2 / 2.
    assert driver.limiter.limit == 9


async def test_latency_a_little_above_the_floor_holds_and_ends_the_fast_start(
    driver: Driver,
) -> None:
    await driver.rounds(workers(64), 3)
    assert driver.limiter.limit == 8
    await driver.batch(lambda _: FLOOR * 1.35)
    assert driver.limiter.limit == 8
    await driver.batch(workers(64))
    assert driver.limiter.limit == 9  # one more, not twice as many


@pytest.mark.parametrize("status", [429, 502, 503, 504])
async def test_overload_answers_halve_the_limit_once_per_round(driver: Driver, status: int) -> None:
    await driver.rounds(workers(64), 3)
    assert driver.limiter.limit == 8
    permits = [await driver.limiter.acquire() for _ in range(3)]
    for permit in permits:
        await permit.release(status=status, retry_after=0.0)
    assert driver.limiter.limit == 4


async def test_a_slow_failure_halves_the_limit_and_a_quick_cancellation_does_not(
    driver: Driver,
) -> None:
    await driver.rounds(workers(64), 3)
    quick = await driver.limiter.acquire()
    driver.clock.now += FLOOR / 2
    await quick.release(status=None)  # cancelled, or refused at once: says nothing of load
    assert driver.limiter.limit == 8
    slow = await driver.limiter.acquire()
    driver.clock.now += FLOOR * 50
    await slow.release(status=None)  # timed out after a long wait
    assert driver.limiter.limit == 4
    unsent = await driver.limiter.acquire()
    driver.clock.now += FLOOR * 50
    await unsent.release(sent=False)
    assert driver.limiter.limit == 4


async def test_a_site_that_slowed_down_for_good_is_backed_off_then_learnt_again(
    driver: Driver,
) -> None:
    await driver.rounds(workers(4), 6)
    slower = workers(4, service=FLOOR * 4)
    await driver.rounds(slower, 2)
    assert driver.limiter.limit <= 2  # backed off at once
    await driver.rounds(slower, 12)
    # At one in flight the new floor is measured; then it grows back to the workers' knee.
    assert driver.limiter.latency_floor == pytest.approx(FLOOR * 4)
    assert 4 <= driver.limiter.limit <= 5


async def test_the_floor_is_measured_again_at_half_the_limit(driver: Driver) -> None:
    await driver.rounds(workers(64), 4)
    assert driver.limiter.limit == 16
    await driver.rounds(workers(64), 3 * PROBE_EVERY)  # at 16 or 8, one batch is one round
    # Every PROBE_EVERY rounds one round runs at half the limit, the others at the limit.
    limits = driver.limits[-3 * PROBE_EVERY :]
    probes = [at for at, limit in enumerate(limits) if limit == 8]
    assert len(probes) >= 2
    assert all(later - earlier == PROBE_EVERY for earlier, later in pairwise(probes))
    assert set(limits) == {8, 16}


async def test_a_request_without_an_answer_cuts_the_limit_only_when_already_slower_than_queueing(
    driver: Driver,
) -> None:
    await driver.rounds(workers(100), 4)  # floor 20 ms, limit grown
    limiter, clock = driver.limiter, driver.clock
    grown = limiter.limit
    assert grown > 2
    permit = await limiter.acquire()
    clock.now += FLOOR * 1.25  # a timeout after 25 ms says nothing: within 40% of the floor
    await permit.release(status=None)
    assert limiter.limit == grown
    permit = await limiter.acquire()
    clock.now += FLOOR * 2.25  # no answer after 45 ms: the server is queueing already
    await permit.release(status=None)
    assert limiter.limit == grown // 2


async def test_a_limit_of_four_still_measures_its_floor_at_half_every_so_often() -> None:
    clock = FakeClock()
    driver = Driver(AdaptiveConcurrencyLimiter(4, clock=clock), clock)
    await driver.rounds(workers(100), PROBE_EVERY + 4)
    reached = driver.limits.index(4)
    assert 2 in driver.limits[reached:]  # a probe round at half the limit


async def test_a_limit_not_filled_in_a_round_holds_and_ends_the_fast_start(
    driver: Driver,
) -> None:
    await driver.rounds(workers(64), 1)
    assert driver.limiter.limit == 2
    for _ in range(MIN_SAMPLES):  # a round of requests one at a time: the limit of 2 not used
        await driver.batch(workers(64), width=1)
    assert driver.limiter.limit == 2
    await driver.rounds(workers(64), 1)  # two at a time, at the floor
    assert driver.limiter.limit == 3  # one more, not twice as many


async def test_at_a_limit_of_one_each_round_measures_the_floor_afresh(driver: Driver) -> None:
    await driver.rounds(workers(64), 1)  # the floor is 20 ms; the limit 2
    await (await driver.limiter.acquire()).release(status=503)
    assert driver.limiter.limit == 1
    await driver.rounds(lambda _: FLOOR * 3, 1)  # alone, a request takes 60 ms now
    assert driver.limiter.latency_floor == pytest.approx(FLOOR * 3)


async def test_an_overload_during_a_probe_round_halves_what_that_round_allows() -> None:
    clock = FakeClock()
    driver = Driver(AdaptiveConcurrencyLimiter(4, clock=clock), clock)
    await driver.rounds(workers(100), 2)
    assert driver.limiter.limit == 4
    for _ in range(PROBE_EVERY):
        if driver.limiter.limit != 4:
            break
        await driver.rounds(workers(100), 1)
    assert driver.limiter.limit == 2  # a probe round, at half the limit
    await (await driver.limiter.acquire()).release(status=503)
    assert driver.limiter.limit == 1  # half of the limit, now 2


async def test_one_slow_round_alone_cuts_nothing_but_ends_the_fast_start(driver: Driver) -> None:
    await driver.rounds(workers(64), 3)
    assert driver.limiter.limit == 8
    await driver.batch(lambda _: FLOOR * 2)  # one round of 8 at twice the floor
    assert driver.limiter.limit == 8
    await driver.batch(workers(64))
    assert driver.limiter.limit == 9  # one more, not twice as many
