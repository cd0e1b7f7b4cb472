"""The adaptive limiter's first rounds and defaults: the floor from the first round, a cut in
the second, the first probe after PROBE_EVERY rounds, and what an argument error names."""

from __future__ import annotations

import pytest

from jbcrm._core.errors import ConfigurationError
from jbcrm._core.ratelimit import AdaptiveConcurrencyLimiter, LimiterTimeout, RateLimit
from jbcrm._core.ratelimit.adaptive import PROBE_EVERY
from tests._core.ratelimit.helpers import FakeClock
from tests._core.ratelimit.test_adaptive import FLOOR, Driver, workers


@pytest.fixture
def driver() -> Driver:
    clock = FakeClock()
    return Driver(AdaptiveConcurrencyLimiter(16, clock=clock), clock)


async def test_the_first_round_measures_the_floor_as_its_mean_latency(driver: Driver) -> None:
    await driver.rounds(workers(64), 1)
    assert driver.limiter.latency_floor == pytest.approx(FLOOR)
    assert driver.limiter.limit == 2


async def test_an_overload_in_the_second_round_halves_the_limit(driver: Driver) -> None:
    await driver.rounds(workers(64), 1)
    assert driver.limiter.limit == 2
    permit = await driver.limiter.acquire()
    await permit.release(status=429, retry_after=0.0)
    assert driver.limiter.limit == 1


async def test_the_first_probe_at_half_the_limit_is_the_round_after_probe_every_rounds(
    driver: Driver,
) -> None:
    limits = []
    for _ in range(PROBE_EVERY):
        await driver.rounds(workers(64), 1)
        limits.append(driver.limiter.limit)
    assert limits[-2:] == [16, 8]
    assert 8 not in limits[4:-1]


async def test_the_defaults_are_eight_in_flight_and_a_pause_of_one_second_after_a_429() -> None:
    waits = []
    for arguments in ({}, {"max_concurrency": 8, "per": 1.0}):
        clock = FakeClock()
        limiter = AdaptiveConcurrencyLimiter(**arguments, clock=clock)  # type: ignore[arg-type]
        await (await limiter.acquire()).release(status=429)
        with pytest.raises(LimiterTimeout) as caught:
            await limiter.acquire(deadline=clock.now + 0.01)
        waits.append((repr(limiter), caught.value.paused, caught.value.wait))
    assert waits[0] == waits[1]
    assert waits[0][0].startswith("AdaptiveConcurrencyLimiter(max 8 in flight")


@pytest.mark.parametrize(
    ("arguments", "named"), [({"max_concurrency": 0}, "max_concurrency"), ({"per": 0}, "per")]
)
def test_a_bad_argument_is_refused_naming_it(arguments: dict[str, int], named: str) -> None:
    with pytest.raises(ConfigurationError, match=rf"^{named} must be"):
        AdaptiveConcurrencyLimiter(**arguments)  # type: ignore[arg-type]


@pytest.mark.parametrize("field", ["key", "redis_url"])
def test_a_rate_limit_text_option_that_is_not_a_string_is_refused_naming_its_type(
    field: str,
) -> None:
    with pytest.raises(ConfigurationError, match=rf"^RateLimit {field} must be .* got int$"):
        RateLimit(5, **{field: 5})  # type: ignore[arg-type]
