"""Serve a simulated server on loopback with uvicorn, in the current loop or in a thread."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import struct
import threading
import time
from collections.abc import AsyncIterator, Generator, Iterator
from typing import Any, cast

import uvicorn
from starlette.types import ASGIApp, Receive, Scope, Send
from uvicorn.protocols.http.h11_impl import H11Protocol

from jbcrm.sandbox._faults import SimulatedConnectionFault, SimulatedConnectionReset

__all__ = ["serve", "serve_in_thread"]

# Long enough for in-flight responses, short enough that a stalled request cannot hang a test.
_GRACEFUL_SHUTDOWN_SECONDS = 1


@contextlib.asynccontextmanager
async def serve(app: ASGIApp, *, host: str = "127.0.0.1", port: int = 0) -> AsyncIterator[str]:
    """Run `app` on `host:port` (0 picks a free port) in this loop; yield its base URL."""
    server, url = _build(app, host, port)
    task = asyncio.create_task(server.serve(sockets=server.listen_sockets))
    try:
        while not server.started:
            if task.done():
                task.result()
                raise RuntimeError("the sandbox server stopped during startup")
            await asyncio.sleep(0.01)
        yield url
    finally:
        server.should_exit = True
        await task


@contextlib.contextmanager
def serve_in_thread(app: ASGIApp, *, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Run `app` in a background thread with its own event loop; yield its base URL.

    Handy for synchronous fixtures and for clients living in other processes.
    """
    server, url = _build(app, host, port)
    thread = threading.Thread(
        target=lambda: asyncio.run(server.serve(sockets=server.listen_sockets)),
        name=f"jbcrm-sandbox-{url}",
        daemon=True,
    )
    thread.start()
    try:
        while not server.started:
            if not thread.is_alive():
                raise RuntimeError("the sandbox server stopped during startup")
            time.sleep(0.01)
        yield url
    finally:
        server.should_exit = True
        thread.join()


class _LoopbackServer(uvicorn.Server):
    """A uvicorn server that leaves signal handling to the host process."""

    def __init__(self, config: uvicorn.Config, listen_socket: socket.socket) -> None:
        super().__init__(config)
        self.listen_sockets = [listen_socket]

    @contextlib.contextmanager
    def capture_signals(self) -> Generator[None, None, None]:
        yield


def _build(app: ASGIApp, host: str, port: int) -> tuple[_LoopbackServer, str]:
    """Bind the socket up front so that port 0 is resolved before the server starts."""
    # proto must be IPPROTO_TCP: asyncio sets TCP_NODELAY on accepted sockets only then, and
    # without it every response waits ~40 ms for a delayed ACK.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    config = uvicorn.Config(
        cast(Any, app),
        http=_FaultAwareH11Protocol,
        ws="none",
        lifespan="off",
        log_config=None,
        log_level="warning",
        access_log=False,
        proxy_headers=False,
        timeout_graceful_shutdown=_GRACEFUL_SHUTDOWN_SECONDS,
    )
    return _LoopbackServer(config, sock), f"http://{host}:{sock.getsockname()[1]}"


class _FaultAwareH11Protocol(H11Protocol):
    """uvicorn's h11 protocol, able to really break a connection when a fault asks for it."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self.app = cast(Any, _BreakConnectionOnFault(cast(ASGIApp, self.app), transport))


class _BreakConnectionOnFault:
    """Turn a simulated connection fault into a TCP reset or an early close.

    Without this, uvicorn would answer a 500 for an exception raised before the response.
    """

    def __init__(self, app: ASGIApp, transport: asyncio.Transport) -> None:
        self.app = app
        self.transport = transport

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await self.app(scope, receive, send)
        except SimulatedConnectionFault as fault:
            if isinstance(fault, SimulatedConnectionReset):
                sock = self.transport.get_extra_info("socket")
                if sock is not None:
                    # Linger 0: closing sends RST instead of FIN, as a crashed peer would.
                    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                self.transport.abort()
            else:
                self.transport.close()
            # Wait until uvicorn has seen the disconnect, so it does not try to answer.
            while (await receive())["type"] != "http.disconnect":
                pass
