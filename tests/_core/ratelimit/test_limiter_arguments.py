"""What each limiter is built with: the clock it is given, arguments refused by name, and the
Redis connection's short timeouts and names in messages."""

from __future__ import annotations

import asyncio
import os

import pytest
import redis.asyncio as aioredis

from jbcrm._core.errors import ConfigurationError
from jbcrm._core.ratelimit import (
    LeakyBucketLimiter,
    LimiterTimeout,
    RateLimit,
    SlidingWindowLimiter,
    _factory,
    build_limiter,
)
from jbcrm._core.ratelimit._redis_link import client_for, describe
from tests._core.ratelimit.helpers import FakeClock

LIMITERS = [LeakyBucketLimiter, SlidingWindowLimiter]


@pytest.mark.parametrize("kind", LIMITERS)
async def test_a_limiter_keeps_time_by_the_clock_it_is_given(kind: type) -> None:
    clock = FakeClock()
    limiter = kind(2, 1.0, clock=clock)
    for _ in range(2):
        await (await limiter.acquire()).release(status=200)
    with pytest.raises(LimiterTimeout):
        await limiter.acquire(deadline=clock.now + 0.01)
    clock.now += 5.0  # no real time passes: only this clock says the window is over
    permit = await asyncio.wait_for(limiter.acquire(deadline=clock.now + 0.01), 1.0)
    await permit.release(status=200)


@pytest.mark.parametrize("kind", LIMITERS)
@pytest.mark.parametrize(
    ("arguments", "named"), [((0, 1.0), "requests"), ((1, 0.0), "per")], ids=["requests", "per"]
)
def test_a_bad_limiter_argument_is_refused_naming_it(
    kind: type, arguments: tuple[int, float], named: str
) -> None:
    with pytest.raises(ConfigurationError, match=rf"^{named} must be"):
        kind(*arguments)


async def test_the_redis_connection_gives_up_fast_and_retries_once_at_once() -> None:
    client = client_for("redis://127.0.0.1:1/0")
    options = client.connection_pool.connection_kwargs
    assert (options["socket_connect_timeout"], options["socket_timeout"]) == (1.0, 2.0)
    retry = options["retry"]
    assert retry._retries == 1
    assert retry._backoff.compute(1) == 0
    await client.aclose()


async def test_a_redis_connection_is_described_by_host_port_and_db_or_its_socket() -> None:
    plain = aioredis.Redis(connection_pool=aioredis.ConnectionPool())
    assert describe(plain) == "localhost:6379/0"
    given = aioredis.Redis.from_url("redis://:hunter2@cache.test:6380/3")
    assert describe(given) == "cache.test:6380/3"
    unix = aioredis.Redis(unix_socket_path="/run/redis.sock")
    assert describe(unix) == "unix:/run/redis.sock"
    for client in (plain, given, unix):
        await client.aclose()


def test_a_forked_child_starts_with_no_shared_limiters_and_a_lock_of_its_own() -> None:
    parent = build_limiter(RateLimit(3, per=1.0, key="before the fork"))
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child process
        try:
            fresh = not _factory._SHARED
            again = build_limiter(RateLimit(3, per=1.0, key="before the fork"))
            os._exit(0 if fresh and again is not parent else 1)
        except BaseException:
            os._exit(2)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert build_limiter(RateLimit(3, per=1.0, key="before the fork")) is parent
