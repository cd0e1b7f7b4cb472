"""The Jetbuilt API client."""

from __future__ import annotations

import os
import re
from functools import cached_property

import httpx

from jbcrm._core import config, constants
from jbcrm._core.client import BaseClient, connection
from jbcrm._core.errors import ConfigurationError
from jbcrm._core.options import Timeout, make_options
from jbcrm._core.ratelimit import Limiter, RateLimit
from jbcrm._core.redact import Redactor
from jbcrm._core.transport import Transport
from jbcrm.jetbuilt._rules import JetbuiltRules
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

__all__ = ["JETBUILT_PRODUCTION_URL", "JETBUILT_RATE_LIMIT", "JETBUILT_SANDBOX_URL", "Jetbuilt"]

JETBUILT_PRODUCTION_URL = "https://app.jetbuilt.com/api"
#: The test host; the document also names ``https://staging.jetbuilt.com/api`` elsewhere.
JETBUILT_SANDBOX_URL = "https://sandbox.jetbuilt.com/api"
#: What Jetbuilt counts requests by: the IP address, whatever the key (one budget for all).
_BUDGET = "jetbuilt"
#: Jetbuilt allows 50 requests in any 10 seconds per IP address.
JETBUILT_RATE_LIMIT = RateLimit(50, per=10.0, key=_BUDGET)
_API_VERSION = re.compile(r"v[0-9]+")


class Jetbuilt(BaseClient):
    """Async client for the Jetbuilt API.

    ``api_key`` and ``base_url`` fall back to the ``JETBUILT_API_KEY`` and
    ``JETBUILT_BASE_URL`` environment variables (the base URL then to production). Plain
    ``http://`` is refused for anything but this machine (the key would travel in clear) unless
    ``allow_insecure_http=True``. By default every Jetbuilt client of the process shares one
    limiter that never lets more than 50 requests into any 10-second window (the server's
    per-IP limit); pass ``rate_limit`` to change it (a :class:`~jbcrm.RateLimit`, a limiter
    object, or ``None`` to disable).

    Use it as ``async with jbcrm.Jetbuilt() as jb: ...`` or call :meth:`aclose`.

    Operations live in namespaces that mirror the API paths (``jb.projects.items``,
    ``jb.stock.locations``, ``jb.purchasing.sources``). The ids a path needs come first,
    positionally, in path order, and the product database scoping follows the same rule:
    ``jb.projects.items.list(project_id)``, ``jb.clients.contacts.get(client_id, contact_id)``,
    ``jb.products.list(db_id)``, ``jb.vendors.products.get(db_id, vendor_id, product_id)``.
    Everything else is a keyword argument: ``None`` means "not sent", :data:`jbcrm.NULL`
    sends an explicit null. Lists return a lazy :class:`~jbcrm.AsyncPaginator`; updates are
    sent as PATCH (the document names PUT too; PATCH changes only the fields sent).
    """

    def __init__(
        self,
        api_key: str | None = None,
        *,
        base_url: str | None = None,
        api_version: str = "v1",
        allow_insecure_http: bool = False,
        timeout: Timeout = None,
        deadline: float | None = None,
        max_retries: int | None = None,
        max_response_size: int | None = constants.DEFAULT_MAX_RESPONSE_SIZE,
        rate_limit: RateLimit | Limiter | None = JETBUILT_RATE_LIMIT,
        http_client: httpx.AsyncClient | None = None,
        concurrency: int = constants.DEFAULT_CONCURRENCY,
        user_agent: str | None = None,
    ) -> None:
        key = config.credential("api_key", api_key, "JETBUILT_API_KEY")
        if not key:
            raise ConfigurationError(
                "no Jetbuilt API key: pass api_key=... or set JETBUILT_API_KEY",
                hint="the key is in Jetbuilt's Company Settings (API section)",
            )
        if base_url is None:
            base_url = os.environ.get("JETBUILT_BASE_URL") or JETBUILT_PRODUCTION_URL
        config.base_url(
            "base_url",
            base_url,
            allow_insecure_http=allow_insecure_http,
            exposes="the API key travels in the Authorization header",
        )
        if not isinstance(api_version, str) or not _API_VERSION.fullmatch(api_version):
            raise ConfigurationError(f"api_version must look like 'v1', got {api_version!r}")
        connected = connection(rate_limit, _BUDGET, http_client, concurrency, user_agent)
        self.base_url = base_url.strip()
        self.api_version = api_version
        transport = Transport(
            base_url=self.base_url,
            rules=JetbuiltRules(),
            redactor=Redactor([key]),
            headers={
                "Authorization": f"Token token={key}",
                "Accept": f"application/vnd.jetbuilt.{api_version}",
            },
            **connected,
        )
        options = make_options(
            timeout, max_retries, deadline=deadline, max_response_size=max_response_size
        )
        super().__init__(transport, options)

    def __repr__(self) -> str:
        return f"Jetbuilt(base_url={self.base_url!r}, api_version={self.api_version!r})"

    @cached_property
    def company(self) -> CompanyResource:
        """``/company``: your company and its office locations."""
        return CompanyResource(self)

    @cached_property
    def clients(self) -> Clients:
        """``/clients`` and ``/clients/<CLIENT_ID>/contacts``."""
        return Clients(self)

    @cached_property
    def market_segments(self) -> MarketSegments:
        """``/market_segments``."""
        return MarketSegments(self)

    @cached_property
    def phases(self) -> Phases:
        """``/phases``."""
        return Phases(self)

    @cached_property
    def products(self) -> Products:
        """``/product_databases/<DB_ID>/products``: the database id comes first."""
        return Products(self)

    @cached_property
    def projects(self) -> Projects:
        """``/projects`` and everything under a project (items, options, rooms, ...)."""
        return Projects(self)

    @cached_property
    def purchasing(self) -> Purchasing:
        """``/purchasing/sources``."""
        return Purchasing(self)

    @cached_property
    def purchase_orders(self) -> PurchaseOrders:
        """``/purchase_orders``."""
        return PurchaseOrders(self)

    @cached_property
    def tasks(self) -> Tasks:
        """``/tasks``."""
        return Tasks(self)

    @cached_property
    def time_sessions(self) -> TimeSessions:
        """``/time_sessions``."""
        return TimeSessions(self)

    @cached_property
    def stock(self) -> Stock:
        """``/stock/items``, ``/stock/locations`` and ``/stock/products``."""
        return Stock(self)

    @cached_property
    def users(self) -> Users:
        """``/users``."""
        return Users(self)

    @cached_property
    def vendors(self) -> Vendors:
        """``/product_databases/<DB_ID>/vendors`` and their products: the database id comes
        first."""
        return Vendors(self)
