"""Many threads, one sync client: one event loop, one connection pool, one budget."""

from __future__ import annotations

import asyncio
import concurrent.futures

import httpx

import jbcrm
from jbcrm._blocking._loop import process_loop
from jbcrm.sandbox import JetbuiltSandbox, ServerRateLimit

#: A strict server window, scaled down from 50 per 10 s.
LIMIT, PER = 20, 0.25
THREADS, CALLS = 16, 10


class RecordingTransport(httpx.AsyncBaseTransport):
    """Passes requests on, noting the event loops they run on."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.loops: set[asyncio.AbstractEventLoop] = set()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.loops.add(asyncio.get_running_loop())
        return await self.inner.handle_async_request(request)


def _strict_sandbox() -> JetbuiltSandbox:
    limit = ServerRateLimit(requests=LIMIT, per=PER, algorithm="sliding", retry_after=False)
    return JetbuiltSandbox(scale=0.05, rate_limit=limit)


def _client(sandbox: JetbuiltSandbox, transport: httpx.AsyncBaseTransport) -> jbcrm.SyncJetbuilt:
    return jbcrm.SyncJetbuilt(
        sandbox.api_key,
        base_url=sandbox.base_url,
        http_client=httpx.AsyncClient(transport=transport),
        rate_limit=jbcrm.RateLimit(LIMIT, per=PER, key=f"threads-{id(sandbox)}"),
        concurrency=8,
    )


def _hammer(clients: list[jbcrm.SyncJetbuilt], ids: list[int]) -> list[str]:
    """THREADS threads, each making CALLS gets through the clients in turn; the names."""

    def worker(n: int) -> list[str]:
        jb = clients[n % len(clients)]
        return [jb.projects.get(ids[(n + i) % len(ids)]).name for i in range(CALLS)]

    with concurrent.futures.ThreadPoolExecutor(THREADS) as pool:
        return [name for names in pool.map(worker, range(THREADS)) for name in names]


def test_sixteen_threads_share_one_event_loop_one_http_client_and_the_window_bound() -> None:
    sandbox = _strict_sandbox()
    transport = RecordingTransport(sandbox.transport())
    ids = [p["id"] for p in sandbox.store.listed_projects()]
    with _client(sandbox, transport) as jb:
        names = _hammer([jb], ids)
        stats = jb.rate_limit_stats
    assert len(names) == THREADS * CALLS
    assert sandbox.stats.rate_limited == 0
    assert sandbox.stats.max_in_window <= LIMIT
    assert transport.loops == {process_loop()._loop}  # every request, whichever thread ran it
    assert stats is not None
    assert stats.requests == THREADS * CALLS


def test_two_clients_with_equal_rate_limits_share_one_budget_across_threads() -> None:
    sandbox = _strict_sandbox()
    transport = RecordingTransport(sandbox.transport())
    ids = [p["id"] for p in sandbox.store.listed_projects()]
    with _client(sandbox, transport) as one, _client(sandbox, transport) as two:
        names = _hammer([one, two], ids)
        assert one.rate_limit_stats == two.rate_limit_stats
    assert len(names) == THREADS * CALLS
    assert sandbox.stats.rate_limited == 0
    assert sandbox.stats.max_in_window <= LIMIT
