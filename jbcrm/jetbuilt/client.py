"""The Jetbuilt API client."""

from __future__ import annotations

import os
from functools import cached_property
from typing import TYPE_CHECKING

import httpx

from jbcrm._core import constants
from jbcrm._core.client import BaseClient, Timeout, make_options
from jbcrm._core.errors import ConfigurationError
from jbcrm._core.ratelimit import Limiter, RateLimit, build_limiter
from jbcrm._core.redact import Redactor
from jbcrm._core.transport import Transport
from jbcrm.jetbuilt._rules import JetbuiltRules

if TYPE_CHECKING:
    from jbcrm.jetbuilt.resources import (
        Clients,
        CompanyResource,
        MarketSegments,
        Phases,
        Products,
        Projects,
        PurchaseOrders,
        Purchasing,
        Stock,
        Tasks,
        TimeSessions,
        Users,
        Vendors,
    )

JETBUILT_PRODUCTION_URL = "https://app.jetbuilt.com/api"
#: The test host; the document also names ``https://staging.jetbuilt.com/api`` elsewhere.
JETBUILT_SANDBOX_URL = "https://sandbox.jetbuilt.com/api"
#: Jetbuilt allows 50 requests in any 10 seconds per IP address.
JETBUILT_RATE_LIMIT = RateLimit(50, per=10.0, key="jetbuilt")


class Jetbuilt(BaseClient):
    """Async client for the Jetbuilt API.

    ``api_key`` falls back to the ``JETBUILT_API_KEY`` environment variable. By default every
    Jetbuilt client of the process shares one limiter that never lets more than 50 requests
    into any 10-second window (the server's per-IP limit); pass ``rate_limit`` to change it
    (a :class:`~jbcrm.RateLimit`, a limiter object, or ``None`` to disable).

    Use it as ``async with jbcrm.Jetbuilt() as jb: ...`` or call :meth:`aclose`.
    """

    def __init__(
        self,
        api_key: str | None = None,
        *,
        base_url: str = JETBUILT_PRODUCTION_URL,
        api_version: str = "v1",
        timeout: Timeout = None,
        max_retries: int | None = None,
        rate_limit: RateLimit | Limiter | None = JETBUILT_RATE_LIMIT,
        http_client: httpx.AsyncClient | None = None,
        concurrency: int = constants.DEFAULT_CONCURRENCY,
        user_agent: str | None = None,
    ) -> None:
        key = api_key if api_key is not None else os.environ.get("JETBUILT_API_KEY")
        if not key:
            raise ConfigurationError(
                "no Jetbuilt API key: pass api_key=... or set JETBUILT_API_KEY",
                hint="the key is in Jetbuilt's Company Settings (API section)",
            )
        if not api_version.startswith("v") or not api_version[1:].isdigit():
            raise ConfigurationError(f"api_version must look like 'v1', got {api_version!r}")
        if concurrency < 1:
            raise ConfigurationError(f"concurrency must be at least 1, got {concurrency}")
        self.base_url = base_url
        self.api_version = api_version
        transport = Transport(
            base_url=base_url,
            rules=JetbuiltRules(),
            redactor=Redactor([key]),
            limiter=build_limiter(rate_limit),
            headers={
                "Authorization": f"Token token={key}",
                "Accept": f"application/vnd.jetbuilt.{api_version}",
            },
            http_client=http_client,
            concurrency=concurrency,
            user_agent=user_agent,
        )
        super().__init__(transport, make_options(timeout, max_retries))

    def __repr__(self) -> str:
        return f"Jetbuilt(base_url={self.base_url!r}, api_version={self.api_version!r})"
