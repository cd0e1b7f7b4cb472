"""What every simulated server offers: faults, a rate limit, in-process and loopback use."""

from __future__ import annotations

import abc
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from urllib.parse import urlsplit

from starlette.types import ASGIApp

from jbcrm.sandbox._faults import FaultMiddleware, Faults
from jbcrm.sandbox._ratelimit import RateLimitMiddleware, RateLimitStats, ServerRateLimit
from jbcrm.sandbox._server import serve, serve_in_thread
from jbcrm.sandbox._transport import SandboxTransport

__all__ = ["Sandbox"]


class Sandbox(abc.ABC):
    """A simulated API server: the API app wrapped as `FaultMiddleware(RateLimitMiddleware(app))`.

    Faults sit outermost so that latency delays 429 answers too and a reset or 5xx happens
    before the rate limiter counts the request, like a network or proxy failure in front of
    the real server.
    """

    def __init__(
        self,
        api_app: ASGIApp,
        *,
        faults: Faults | None = None,
        rate_limit: ServerRateLimit | None = None,
    ) -> None:
        self._limiter = RateLimitMiddleware(api_app, rate_limit)
        self._fault_layer = FaultMiddleware(self._limiter, faults or Faults())
        self.app: ASGIApp = self._fault_layer

    @property
    @abc.abstractmethod
    def base_url(self) -> str:
        """The base URL to give a client using :meth:`transport` (any host; path prefix kept)."""

    @property
    def faults(self) -> Faults:
        """The live fault settings; change them at any time."""
        return self._fault_layer.faults

    @faults.setter
    def faults(self, faults: Faults) -> None:
        self._fault_layer.faults = faults

    @property
    def rate_limit(self) -> ServerRateLimit | None:
        """The server's rate-limit rule, or None when it has none."""
        return self._limiter.rule

    @property
    def stats(self) -> RateLimitStats:
        """Requests seen, accepted and rejected with 429, and the busiest window."""
        return self._limiter.stats

    def reset_stats(self) -> None:
        """Zero the request counters (the rate limiter keeps its windows)."""
        self._limiter.reset_stats()

    def transport(self, client_ip: str = "127.0.0.1") -> SandboxTransport:
        """An httpx transport reaching this sandbox in-process, seen as coming from `client_ip`."""
        return SandboxTransport(self.app, client_ip=client_ip)

    @asynccontextmanager
    async def serve(self, port: int = 0) -> AsyncIterator[str]:
        """Serve on 127.0.0.1 in the running loop; yield the base URL (API prefix included)."""
        async with serve(self.app, port=port) as url:
            yield url + self._prefix

    @contextmanager
    def serve_in_thread(self, port: int = 0) -> Iterator[str]:
        """Serve on 127.0.0.1 from a background thread; yield the base URL (prefix included)."""
        with serve_in_thread(self.app, port=port) as url:
            yield url + self._prefix

    @property
    def _prefix(self) -> str:
        return urlsplit(self.base_url).path.rstrip("/")
