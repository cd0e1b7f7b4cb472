"""`JetbuiltSandbox`: a simulated Jetbuilt API with a seeded company, usable in-process or on
loopback, with the real server's rate limit and optional faults."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager

import attrs
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from jbcrm.sandbox._base import Sandbox
from jbcrm.sandbox._faults import Faults
from jbcrm.sandbox._ratelimit import ServerRateLimit
from jbcrm.sandbox._server import serve, serve_in_thread
from jbcrm.sandbox.jetbuilt._app import API_PREFIX, build_app
from jbcrm.sandbox.jetbuilt._edits import Edits, edit
from jbcrm.sandbox.jetbuilt._seed import build_store
from jbcrm.sandbox.jetbuilt._store import Store

JETBUILT_RATE_LIMIT = ServerRateLimit(requests=50, per=10.0)
"""Jetbuilt's documented limit: 50 requests in a 10 second window, per IP address."""


class JetbuiltSandbox(Sandbox):
    """A simulated Jetbuilt server serving every endpoint of the API document.

    `seed` and `scale` pick the generated company (about 300 clients and 1,200 projects at
    scale 1); `api_key` is the token it accepts; with `write_access=False` every write is
    refused with 403, as for a key whose company has not enabled API write access.
    The state is `store`: inspect it to see what writes did; :meth:`edit` changes a few
    records the way other users of the account would.
    """

    def __init__(
        self,
        *,
        seed: int = 1,
        scale: float = 1.0,
        api_key: str = "sandbox-token",
        write_access: bool = True,
        rate_limit: ServerRateLimit | None = JETBUILT_RATE_LIMIT,
        faults: Faults | None = None,
    ) -> None:
        self.seed = seed
        self.api_key = api_key
        self.store: Store = build_store(seed, scale)
        api = build_app(self.store, api_key=api_key, write_access=write_access)
        rule = None if rate_limit is None else attrs.evolve(rate_limit)
        super().__init__(api, faults=faults, rate_limit=rule)

    def __repr__(self) -> str:
        return f"JetbuiltSandbox(seed={self.seed}, base_url={self.base_url!r})"

    def edit(
        self,
        *,
        projects: int = 0,
        clients: int = 0,
        products: int = 0,
        remove_projects: int = 0,
        seed: int = 0,
    ) -> Edits:
        """Change a few records as the account's users would: rename ``projects`` projects
        and change one line item of each, move ``clients`` clients and retitle their primary
        contact, reprice ``products`` products, delete ``remove_projects`` projects. Each
        changed record gets a new ``updated_at`` (so ``min_updated_at`` lists it); deleted
        projects are no longer listed and answer 404."""
        return edit(self.store, projects, clients, products, remove_projects, seed)

    @property
    def base_url(self) -> str:
        """The base URL for in-process use with :meth:`transport`."""
        return f"http://jetbuilt.localhost{API_PREFIX}"

    @asynccontextmanager
    async def serve(self, port: int = 0) -> AsyncIterator[str]:
        """Serve on 127.0.0.1 in the running loop; yield the base URL (ending in `/api`)."""
        async with serve(_UnfoldHeaders(self.app), port=port) as url:
            yield url + API_PREFIX

    @contextmanager
    def serve_in_thread(self, port: int = 0) -> Iterator[str]:
        """Serve on 127.0.0.1 from a background thread; yield the base URL (ending in `/api`)."""
        with serve_in_thread(_UnfoldHeaders(self.app), port=port) as url:
            yield url + API_PREFIX


class _UnfoldHeaders:
    """Send a multi-line header value as one header line per line, as Rack servers do.

    The app writes the `Link` header one entry per line; on the wire that becomes several
    `Link` lines (HTTP forbids line breaks inside a value).
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def unfolding_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": _unfold(message.get("headers", []))}
            await send(message)

        await self.app(scope, receive, unfolding_send)


def _unfold(headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    result = []
    for name, value in headers:
        for line in value.split(b"\n"):
            if line.strip():
                result.append((name, line.strip()))
    return result
