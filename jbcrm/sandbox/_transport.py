"""An httpx transport that runs a simulated server in-process, failing like a real socket."""

from __future__ import annotations

import asyncio

import httpx
from starlette.types import ASGIApp

from jbcrm.sandbox._faults import SimulatedConnectionReset, SimulatedTruncation

__all__ = ["SandboxTransport"]


class SandboxTransport(httpx.AsyncBaseTransport):
    """Send requests straight to an ASGI app, no sockets involved.

    Simulated resets become `httpx.ReadError`, truncated bodies `httpx.RemoteProtocolError`,
    and the request's read timeout is enforced so a stall raises `httpx.ReadTimeout`.
    `client_ip` is the address the server sees (rate limits count per IP).
    """

    def __init__(self, app: ASGIApp, *, client_ip: str = "127.0.0.1") -> None:
        self._asgi = httpx.ASGITransport(app=app, client=(client_ip, 50000))

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        timeouts = request.extensions.get("timeout", {})
        read_timeout = timeouts.get("read")
        try:
            return await asyncio.wait_for(self._asgi.handle_async_request(request), read_timeout)
        except asyncio.TimeoutError:
            raise httpx.ReadTimeout("timed out waiting for the response", request=request) from None
        except SimulatedConnectionReset:
            raise httpx.ReadError("connection reset by peer", request=request) from None
        except SimulatedTruncation:
            raise httpx.RemoteProtocolError(
                "peer closed connection without sending complete message body", request=request
            ) from None

    async def aclose(self) -> None:
        await self._asgi.aclose()
