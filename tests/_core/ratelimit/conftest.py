"""The limiter tests' real redis-server on loopback (one per test module) and its limiters."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest
import redis.asyncio as aioredis

from jbcrm._core.ratelimit.redis import RedisSlidingWindowLimiter
from tests.integration.redis_server import (
    RedisServer,
    redis_server_executable,
    running_redis_server,
)


@pytest.fixture(scope="module")
def server() -> Iterator[RedisServer]:
    with running_redis_server(redis_server_executable()) as running:
        yield running


@pytest.fixture
async def client(server: RedisServer) -> AsyncIterator[aioredis.Redis]:
    connection = aioredis.Redis.from_url(server.url)
    await connection.flushall()
    yield connection
    await connection.aclose()


@pytest.fixture
async def limiters(server: RedisServer) -> AsyncIterator[list[RedisSlidingWindowLimiter]]:
    """Limiters to close after the test, each with its own connection to Redis."""
    made: list[RedisSlidingWindowLimiter] = []
    yield made
    for limiter in made:
        await limiter.aclose()
