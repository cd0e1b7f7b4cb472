"""RateLimitMiddleware: sliding and fixed windows per IP, Retry-After, and exact statistics."""

from __future__ import annotations

import httpx
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from jbcrm.sandbox import RateLimitStats, SandboxTransport, ServerRateLimit
from jbcrm.sandbox._ratelimit import RateLimitMiddleware


async def _ok(_: object) -> PlainTextResponse:
    return PlainTextResponse("ok")


API = Starlette(routes=[Route("/", _ok)])


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class Harness:
    """A limited app, its clock, and a way to send one request at a given time and IP."""

    def __init__(self, rule: ServerRateLimit | None, **kwargs: float) -> None:
        self.clock = FakeClock()
        self.middleware = RateLimitMiddleware(API, rule, clock=self.clock, **kwargs)

    async def at(self, when: float, ip: str = "127.0.0.1") -> httpx.Response:
        self.clock.now = when
        transport = SandboxTransport(self.middleware, client_ip=ip)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            return await client.get("/")


async def test_sliding_window_rejects_beyond_the_limit_with_plain_text_429() -> None:
    h = Harness(ServerRateLimit(requests=3, per=10.0))
    assert [(await h.at(t)).status_code for t in (0.0, 1.0, 2.0)] == [200, 200, 200]
    rejected = await h.at(3.0)
    assert rejected.status_code == 429
    assert rejected.text == "Retry later"
    assert rejected.headers["content-type"] == "text/plain"
    assert rejected.headers["retry-after"] == "7"


async def test_sliding_window_admits_again_once_the_oldest_arrival_expires() -> None:
    h = Harness(ServerRateLimit(requests=2, per=10.0))
    await h.at(0.0)
    await h.at(4.0)
    assert (await h.at(9.99)).status_code == 429
    assert (await h.at(10.0)).status_code == 200
    assert (await h.at(10.5)).status_code == 429
    assert (await h.at(14.0)).status_code == 200


async def test_fixed_window_resets_at_the_boundary_allowing_a_double_burst() -> None:
    h = Harness(ServerRateLimit(requests=2, per=10.0, algorithm="fixed"))
    assert [(await h.at(t)).status_code for t in (9.0, 9.1)] == [200, 200]
    rejected = await h.at(9.5)
    assert rejected.status_code == 429
    assert rejected.headers["retry-after"] == "1"
    assert [(await h.at(t)).status_code for t in (10.0, 10.1)] == [200, 200]
    assert (await h.at(10.2)).status_code == 429
    # Four accepted within 1.1 s: the stats expose what a fixed window lets through.
    assert h.middleware.stats.max_in_window == 4


async def test_each_client_ip_has_its_own_budget() -> None:
    h = Harness(ServerRateLimit(requests=1, per=10.0))
    assert (await h.at(0.0, "10.0.0.1")).status_code == 200
    assert (await h.at(0.1, "10.0.0.1")).status_code == 429
    assert (await h.at(0.2, "10.0.0.2")).status_code == 200
    assert h.middleware.stats.max_in_window == 1


async def test_retry_after_can_be_left_out() -> None:
    h = Harness(ServerRateLimit(requests=1, per=10.0, retry_after=False))
    await h.at(0.0)
    rejected = await h.at(1.0)
    assert rejected.status_code == 429
    assert "retry-after" not in rejected.headers


async def test_rejected_requests_extend_the_lockout_only_when_counted() -> None:
    lenient = Harness(ServerRateLimit(requests=2, per=10.0))
    strict = Harness(ServerRateLimit(requests=2, per=10.0, count_rejected=True))
    for h in (lenient, strict):
        await h.at(0.0)
        await h.at(1.0)
        assert (await h.at(5.0)).status_code == 429
    assert (await lenient.at(10.5)).status_code == 200
    rejected = await strict.at(10.5)
    assert rejected.status_code == 429
    assert rejected.headers["retry-after"] == "5"


async def test_max_in_window_counts_accepted_arrivals_in_any_half_open_window() -> None:
    h = Harness(None, stats_window=10.0)
    for t in (0.0, 0.5, 9.9, 10.0, 10.4, 25.0):
        assert (await h.at(t)).status_code == 200
    # (0.4, 10.4] holds 0.5, 9.9, 10.0 and 10.4; 0.0 and 10.0 never share a window.
    assert h.middleware.stats == RateLimitStats(
        requests=6,
        accepted=6,
        rate_limited=0,
        max_in_window=4,
        first_accepted_at=0.0,
        last_accepted_at=25.0,
    )


async def test_stats_count_requests_and_reset_without_forgetting_the_window() -> None:
    h = Harness(ServerRateLimit(requests=2, per=10.0))
    for t in (0.0, 0.1, 0.2, 0.3):
        await h.at(t)
    assert h.middleware.stats == RateLimitStats(
        requests=4,
        accepted=2,
        rate_limited=2,
        max_in_window=2,
        first_accepted_at=0.0,
        last_accepted_at=0.1,
    )
    h.middleware.reset_stats()
    assert (await h.at(0.4)).status_code == 429
    assert h.middleware.stats == RateLimitStats(
        requests=1, accepted=0, rate_limited=1, max_in_window=0
    )
    h.middleware.reset()
    assert (await h.at(0.5)).status_code == 200
