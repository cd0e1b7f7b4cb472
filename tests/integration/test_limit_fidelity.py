"""Bulk jobs over loopback stay inside the server's rate limit, or recover when it is tighter."""

from __future__ import annotations

import jbcrm
from jbcrm.sandbox import Faults, JetbuiltSandbox, ServerRateLimit
from tests.leak_guard import SANDBOX_TOKEN

REQUESTS = 120


async def _bulk_get_clients(sandbox: JetbuiltSandbox, client_limit: jbcrm.RateLimit) -> int:
    """Fetch REQUESTS client records through loopback; return how many succeeded."""
    ids = [list(sandbox.store.clients)[i % len(sandbox.store.clients)] for i in range(REQUESTS)]
    async with sandbox.serve() as url:
        jb = jbcrm.Jetbuilt(sandbox.api_key, base_url=url, rate_limit=client_limit, max_retries=6)
        async with jb:
            outcomes = await jbcrm.fetch_each(jb.clients.get, ids, concurrency=40)
    assert [o.result.id for o in outcomes if o.result is not None] == ids
    return len(outcomes)


async def test_matching_client_limit_never_trips_a_429() -> None:
    sandbox = JetbuiltSandbox(
        api_key=SANDBOX_TOKEN,
        seed=5,
        scale=0.05,
        rate_limit=ServerRateLimit(requests=20, per=0.5),
        faults=Faults(latency=(0.005, 0.03), seed=1),
    )
    assert await _bulk_get_clients(sandbox, jbcrm.RateLimit(20, per=0.5)) == REQUESTS
    assert sandbox.stats.rate_limited == 0
    assert sandbox.stats.max_in_window <= 20


async def test_hidden_co_tenant_costs_a_few_429s_and_no_failures() -> None:
    sandbox = JetbuiltSandbox(
        api_key=SANDBOX_TOKEN,
        seed=5,
        scale=0.05,
        rate_limit=ServerRateLimit(requests=15, per=0.5, retry_after=True),
        faults=Faults(latency=(0.005, 0.03), seed=2),
    )
    assert await _bulk_get_clients(sandbox, jbcrm.RateLimit(20, per=0.5)) == REQUESTS
    print(f"429 answers with a hidden co-tenant: {sandbox.stats.rate_limited}")
    assert sandbox.stats.accepted == REQUESTS
    # The first burst of 20 costs 5; after that the learned limit (15) holds, and each probe
    # for more (one per window at most, one request at a time) costs one.
    windows = REQUESTS // 15
    assert sandbox.stats.rate_limited <= 5 + windows
