"""serve / serve_in_thread: real HTTP on 127.0.0.1, real broken connections."""

from __future__ import annotations

import socket

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from jbcrm.sandbox import Faults, ServerRateLimit
from jbcrm.sandbox._base import Sandbox
from jbcrm.sandbox._faults import FaultMiddleware
from jbcrm.sandbox._server import _build, serve, serve_in_thread


async def _hello(request: Request) -> JSONResponse:
    return JSONResponse({"path": request.url.path, "payload": "x" * 2000})


API = Starlette(routes=[Route("/{rest:path}", _hello)])


class _PrefixedSandbox(Sandbox):
    """A minimal sandbox whose API lives under /api."""

    @property
    def base_url(self) -> str:
        return "http://prefixed.sandbox/api"


async def test_serve_answers_real_http_on_loopback() -> None:
    async with serve(API) as url, httpx.AsyncClient(base_url=url) as client:
        assert url.startswith("http://127.0.0.1:")
        response = await client.get("/hello")
    assert response.status_code == 200
    assert response.json()["path"] == "/hello"


async def test_reset_breaks_the_connection_instead_of_answering_500() -> None:
    faults = Faults(reset_rate=1.0)
    async with serve(FaultMiddleware(API, faults)) as url:
        async with httpx.AsyncClient(base_url=url) as client:
            with pytest.raises(httpx.TransportError):
                await client.get("/hello")
        faults.reset_rate = 0.0
        async with httpx.AsyncClient(base_url=url) as client:
            assert (await client.get("/hello")).status_code == 200


async def test_truncation_closes_the_connection_mid_body() -> None:
    app = FaultMiddleware(API, Faults(truncate_rate=1.0))
    async with serve(app) as url, httpx.AsyncClient(base_url=url) as client:
        with pytest.raises(httpx.RemoteProtocolError):
            await client.get("/hello")


async def test_stalled_request_times_out_and_the_server_still_stops() -> None:
    faults = Faults(stall_rate=1.0, stall_seconds=30.0)
    app = FaultMiddleware(API, faults)
    async with serve(app) as url, httpx.AsyncClient(base_url=url, timeout=0.1) as client:
        with pytest.raises(httpx.ReadTimeout):
            await client.get("/hello")


async def test_html_5xx_travels_over_real_http() -> None:
    faults = Faults(error_rate=1.0, error_statuses=(502,), html_errors=True)
    async with serve(FaultMiddleware(API, faults)) as url, httpx.AsyncClient() as client:
        response = await client.get(url + "/hello")
    assert response.status_code == 502
    assert "<title>502 Bad Gateway</title>" in response.text


def test_serve_in_thread_answers_synchronous_clients() -> None:
    with serve_in_thread(API) as url:
        response = httpx.get(url + "/from-thread")
    assert response.json()["path"] == "/from-thread"


async def test_sandbox_serve_yields_the_url_with_its_api_prefix() -> None:
    sandbox = _PrefixedSandbox(API)
    async with sandbox.serve() as url, httpx.AsyncClient() as client:
        assert url.endswith("/api")
        response = await client.get(url + "/things")
    assert response.json()["path"] == "/api/things"


def test_sandbox_serve_in_thread_counts_requests_per_ip() -> None:
    sandbox = _PrefixedSandbox(API, rate_limit=ServerRateLimit(requests=2, per=60.0))
    with sandbox.serve_in_thread() as url, httpx.Client() as client:
        statuses = [client.get(url + "/x").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert sandbox.stats.accepted == 2
    assert sandbox.stats.rate_limited == 1


async def test_sandbox_latency_also_delays_rate_limited_answers() -> None:
    sandbox = _PrefixedSandbox(API, rate_limit=ServerRateLimit(requests=1, per=60.0))
    delays: list[float] = []

    async def record(delay: float) -> None:
        delays.append(delay)

    sandbox._fault_layer._sleep = record
    sandbox.faults.latency = (0.5, 0.5)
    async with httpx.AsyncClient(transport=sandbox.transport(), base_url=sandbox.base_url) as c:
        assert (await c.get("/api/a")).status_code == 200
        assert (await c.get("/api/b")).status_code == 429
    assert delays == [0.5, 0.5]


def test_listening_socket_is_tcp_so_accepted_sockets_get_nodelay() -> None:
    # asyncio only sets TCP_NODELAY when the socket's proto is TCP; without it every
    # loopback response waits for a delayed ACK.
    server, _ = _build(API, "127.0.0.1", 0)
    sock = server.listen_sockets[0]
    try:
        assert sock.proto == socket.IPPROTO_TCP
    finally:
        sock.close()
