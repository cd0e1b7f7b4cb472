"""CapacityMiddleware: a few workers, a queue in arrival order beyond them, 503 after the queue
timeout, settings that change while it runs, and the Jetpack sandbox wired to it."""

from __future__ import annotations

import asyncio

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from jbcrm.jetpackcrm import JetpackCRM
from jbcrm.sandbox import JetpackSandbox, SandboxTransport, ServerCapacity
from jbcrm.sandbox._capacity import CapacityMiddleware
from tests.waiting import until

GUARD = 10.0


class Gate:
    """Stands in for asyncio.sleep: every worker's "CPU time" lasts until the test opens it."""

    def __init__(self) -> None:
        self.opened = asyncio.Event()
        self.delays: list[float] = []

    async def __call__(self, delay: float) -> None:
        self.delays.append(delay)
        await self.opened.wait()


class Recorder:
    """Records the order in which requests reach the middleware and the app."""

    def __init__(self) -> None:
        self.arrived: list[str] = []
        self.served: list[str] = []

    def outside(self, app: ASGIApp) -> ASGIApp:
        async def record(scope: Scope, receive: Receive, send: Send) -> None:
            self.arrived.append(scope["query_string"].decode())
            await app(scope, receive, send)

        return record

    async def endpoint(self, request: Request) -> PlainTextResponse:
        self.served.append(request.url.query)
        return PlainTextResponse("ok")


def harness(
    capacity: ServerCapacity,
) -> tuple[CapacityMiddleware, Gate, Recorder, httpx.AsyncClient]:
    gate, recorder = Gate(), Recorder()
    app = Starlette(routes=[Route("/", recorder.endpoint)])
    middleware = CapacityMiddleware(app, capacity, sleep=gate)
    transport = SandboxTransport(recorder.outside(middleware))
    return middleware, gate, recorder, httpx.AsyncClient(transport=transport, base_url="http://t")


async def test_requests_beyond_the_workers_wait_their_turn_in_arrival_order() -> None:
    middleware, gate, recorder, client = harness(ServerCapacity(workers=2, jitter=0.0))
    async with client:
        calls = [asyncio.ensure_future(client.get(f"/?{n}")) for n in range(6)]
        await until(lambda: middleware.stats.requests == 6)
        assert middleware.busy == 2
        assert middleware.stats.max_queued == 4
        gate.opened.set()
        responses = await asyncio.wait_for(asyncio.gather(*calls), GUARD)
    assert [response.status_code for response in responses] == [200] * 6
    assert recorder.served == recorder.arrived
    stats = middleware.stats
    assert (stats.requests, stats.served, stats.timed_out) == (6, 6, 0)
    assert stats.max_wait >= stats.mean_wait > 0
    assert gate.delays == [0.020] * 6
    assert middleware.busy == 0


async def test_a_request_queued_past_the_timeout_gets_a_503_page() -> None:
    middleware, gate, _, client = harness(ServerCapacity(workers=1, queue_timeout=0.05))
    async with client:
        first = asyncio.ensure_future(client.get("/?first"))
        await until(lambda: middleware.busy == 1)
        second = await client.get("/?second")
        assert second.status_code == 503
        assert second.headers["content-type"] == "text/html"
        gate.opened.set()
        assert (await first).status_code == 200
    assert middleware.stats.timed_out == 1
    assert middleware.stats.served == 1


async def test_a_client_that_gives_up_while_queued_leaves_the_queue() -> None:
    middleware, gate, recorder, client = harness(ServerCapacity(workers=1))
    async with client:
        first = asyncio.ensure_future(client.get("/?first"))
        await until(lambda: middleware.busy == 1)
        quitter = asyncio.ensure_future(client.get("/?quitter"))
        await until(lambda: middleware.stats.max_queued == 1)
        quitter.cancel()
        third = asyncio.ensure_future(client.get("/?third"))
        await until(lambda: middleware.stats.requests == 3)
        gate.opened.set()
        await asyncio.wait_for(asyncio.gather(first, third), GUARD)
    assert recorder.served == ["first", "third"]
    assert middleware.busy == 0


async def test_settings_changed_while_running_apply_to_the_next_requests() -> None:
    capacity = ServerCapacity(workers=1, cpu_time=0.020, jitter=0.0)
    middleware, gate, _, client = harness(capacity)
    gate.opened.set()
    async with client:
        await client.get("/")
        capacity.cpu_time = 0.080
        capacity.workers = 3
        await asyncio.gather(*(client.get("/") for _ in range(3)))
    assert gate.delays == [0.020, 0.080, 0.080, 0.080]
    assert middleware.stats.max_queued == 0  # three workers now: nobody waited


async def test_the_jetpack_sandbox_runs_its_site_on_the_php_workers() -> None:
    sandbox = JetpackSandbox(scale=0.05, capacity=ServerCapacity(workers=2, cpu_time=0.001))
    assert sandbox.php_workers is not None
    http = httpx.AsyncClient(transport=sandbox.transport())
    async with JetpackCRM(
        sandbox.base_url,
        api_key=sandbox.api_key,
        api_secret=sandbox.api_secret,
        rate_limit=None,
        http_client=http,
    ) as crm:
        status = await crm.status()
        await asyncio.gather(*(crm.customers.list().to_list(limit=5) for _ in range(4)))
    await http.aclose()
    assert status is not None
    stats = sandbox.php_workers.stats
    assert stats.served == stats.requests == 5
    assert stats.max_queued >= 1  # four lists at once on two workers
    assert JetpackSandbox(scale=0.05).php_workers is None
