"""What the limiter tests share: a clock moved by hand, "would a request wait now?", and the
shared limiter's limiters, made to be closed after the test."""

from __future__ import annotations

import asyncio

from jbcrm._core.ratelimit import Limiter
from jbcrm._core.ratelimit.redis import RedisSlidingWindowLimiter


class FakeClock:
    """A monotonic clock the test moves by hand (``clock.now += 1.0``)."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


async def waits(limiter: Limiter, seconds: float = 0.05) -> bool:
    """Whether a request is still waiting for a slot after ``seconds`` (it then gives up; a slot
    it got is handed back unused)."""
    try:
        permit = await asyncio.wait_for(limiter.acquire(), seconds)
    except asyncio.TimeoutError:
        return True
    await permit.release(sent=False)
    return False


def make(
    made: list[RedisSlidingWindowLimiter],
    url: str,
    requests: int,
    per: float,
    **options: object,
) -> RedisSlidingWindowLimiter:
    limiter = RedisSlidingWindowLimiter(requests, per, redis_url=url, **options)  # type: ignore[arg-type]
    made.append(limiter)
    return limiter


async def blocks(limiter: RedisSlidingWindowLimiter) -> bool:
    """Whether an acquire is still waiting after a moment (then it gives up)."""
    return await waits(limiter, 0.2)
