"""The Jetpack CRM default against a site with few PHP workers: it settles near what the workers
can serve without queueing, and uses its whole ceiling on a site with room to spare.

Asserted on the limit in force (a count), sampled after every request: the median of the second
half of the run, so that a stall of the machine during one round cannot decide the outcome."""

from __future__ import annotations

import statistics

import httpx

import jbcrm
from jbcrm.sandbox import JetpackSandbox, ServerCapacity

REQUESTS = 120
#: What a WordPress request costs at least (in-process overhead stays small beside it).
CPU_TIME = 0.080


async def settled_limit(workers: int, key: str) -> tuple[int, int]:
    """(median adaptive limit over the second half, requests that succeeded)."""
    sandbox = JetpackSandbox(
        scale=0.05, capacity=ServerCapacity(workers=workers, cpu_time=CPU_TIME, seed=1)
    )
    limits: list[int] = []
    http = httpx.AsyncClient(transport=sandbox.transport())
    default = jbcrm.JETPACKCRM_RATE_LIMIT
    async with jbcrm.JetpackCRM(
        sandbox.base_url,
        api_key=sandbox.api_key,
        api_secret=sandbox.api_secret,
        rate_limit=jbcrm.RateLimit(default.requests, algorithm=default.algorithm, key=key),
        http_client=http,
    ) as crm:

        async def upsert(n: int) -> None:
            await crm.customers.upsert(email=f"polite{n}@example.com", fname="Polite")
            stats = crm.rate_limit_stats
            assert stats is not None
            limits.append(stats.limit)

        outcomes = await jbcrm.fetch_each(upsert, range(REQUESTS), concurrency=10)
    await http.aclose()
    return int(statistics.median(limits[REQUESTS // 2 :])), sum(o.ok for o in outcomes)


async def test_on_four_busy_workers_the_default_settles_near_four_in_flight() -> None:
    limit, succeeded = await settled_limit(4, "four-workers")
    assert succeeded == REQUESTS
    # Ten at once would queue six; the adaptive limit keeps to the workers (a fifth waits a
    # little: 25% above the latency floor is within its tolerance).
    assert 3 <= limit <= 6


async def test_on_a_site_with_room_to_spare_the_default_uses_its_whole_ceiling() -> None:
    limit, succeeded = await settled_limit(32, "many-workers")
    assert succeeded == REQUESTS
    assert limit == jbcrm.JETPACKCRM_RATE_LIMIT.requests
