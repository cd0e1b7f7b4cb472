"""SandboxTransport: in-process requests that fail the way sockets do."""

from __future__ import annotations

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from jbcrm.sandbox import Faults, SandboxTransport
from jbcrm.sandbox._faults import FaultMiddleware


async def _whoami(request: Request) -> JSONResponse:
    client = request.client
    return JSONResponse({"ip": client.host if client else None, "path": request.url.path})


API = Starlette(routes=[Route("/whoami", _whoami)])


def _client(faults: Faults, *, timeout: float | None = 5.0) -> httpx.AsyncClient:
    transport = SandboxTransport(FaultMiddleware(API, faults))
    return httpx.AsyncClient(transport=transport, base_url="http://test", timeout=timeout)


async def test_requests_reach_the_app_from_the_given_client_ip() -> None:
    transport = SandboxTransport(API, client_ip="203.0.113.9")
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        response = await client.get("/whoami")
    assert response.json() == {"ip": "203.0.113.9", "path": "/whoami"}


async def test_default_client_ip_is_loopback() -> None:
    async with httpx.AsyncClient(transport=SandboxTransport(API), base_url="http://t") as client:
        assert (await client.get("/whoami")).json()["ip"] == "127.0.0.1"


async def test_reset_becomes_an_httpx_read_error() -> None:
    async with _client(Faults(reset_rate=1.0)) as client:
        with pytest.raises(httpx.ReadError, match="reset"):
            await client.get("/whoami")


async def test_truncated_body_becomes_a_remote_protocol_error() -> None:
    async with _client(Faults(truncate_rate=1.0)) as client:
        with pytest.raises(httpx.RemoteProtocolError):
            await client.get("/whoami")


async def test_stall_beyond_the_read_timeout_raises_read_timeout() -> None:
    async with _client(Faults(stall_rate=1.0, stall_seconds=30.0), timeout=0.05) as client:
        with pytest.raises(httpx.ReadTimeout):
            await client.get("/whoami")


async def test_per_request_timeout_overrides_the_client_default() -> None:
    async with _client(Faults(stall_rate=1.0, stall_seconds=30.0), timeout=None) as client:
        with pytest.raises(httpx.ReadTimeout):
            await client.get("/whoami", timeout=0.05)


async def test_without_a_timeout_a_short_stall_still_answers() -> None:
    async with _client(Faults(stall_rate=1.0, stall_seconds=0.01), timeout=None) as client:
        assert (await client.get("/whoami")).status_code == 200
