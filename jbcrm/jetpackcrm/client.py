"""The Jetpack CRM API client (the plugin's API v2.0 on a self-hosted WordPress site)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from typing import Any

import attrs
import httpx

from jbcrm._core import constants
from jbcrm._core.client import BaseClient, connection
from jbcrm._core.options import Timeout, make_options
from jbcrm._core.ratelimit import Limiter, RateLimit
from jbcrm._core.redact import Redactor
from jbcrm._core.transport import Result, Transport
from jbcrm.jetpackcrm._rules import JetpackRules
from jbcrm.jetpackcrm._site import Route, credentials_from, site_from
from jbcrm.jetpackcrm.models.status import Status
from jbcrm.jetpackcrm.resources import (
    Companies,
    Customers,
    Events,
    Invoices,
    Quotes,
    Transactions,
)

#: A polite default for a self-hosted WordPress, which has no limit of its own but its PHP
#: workers: up to 8 requests in flight, fewer while the site's latency says it is queueing
#: them (the adaptive limiter), one budget per site.
JETPACKCRM_RATE_LIMIT = RateLimit(8, algorithm="adaptive")


class JetpackCRM(BaseClient):
    """Async client for a Jetpack CRM site's API.

    ``site_url``, ``api_key`` and ``api_secret`` fall back to ``JETPACKCRM_URL``,
    ``JETPACKCRM_API_KEY`` and ``JETPACKCRM_API_SECRET``. The plugin reads the credentials
    only from the query string, so they are in every request URL, and redacted from every log
    record, exception and repr; for the same reason plain ``http://`` is refused for anything
    but this machine unless ``allow_insecure_http=True``, and redirects to another origin are
    never followed.

    ``route="query"`` reaches the API as ``<site>/?zbs_api=<endpoint>``, which works even with
    plain permalinks or unflushed rewrite rules. ``external_api_name`` is sent with every
    request (the CRM shows it in its logs); ``replace_hyphens_in_keys`` asks customer search
    to rewrite hyphens in keys (custom field slugs) to underscores (the plugin does it for
    search results only, and dies on it for an email lookup, so it is sent to search only).

    The default ``rate_limit`` sends up to 8 requests at once to each site, fewer while the
    site slows down under them; pass a :class:`~jbcrm.RateLimit`, a limiter object, or
    ``None`` to disable it.
    """

    def __init__(
        self,
        site_url: str | None = None,
        *,
        api_key: str | None = None,
        api_secret: str | None = None,
        external_api_name: str | None = None,
        route: Route = "pretty",
        replace_hyphens_in_keys: bool = False,
        allow_insecure_http: bool = False,
        timeout: Timeout = None,
        deadline: float | None = None,
        max_retries: int | None = None,
        max_response_size: int | None = constants.DEFAULT_MAX_RESPONSE_SIZE,
        rate_limit: RateLimit | Limiter | None = JETPACKCRM_RATE_LIMIT,
        http_client: httpx.AsyncClient | None = None,
        concurrency: int = constants.DEFAULT_CONCURRENCY,
        user_agent: str | None = None,
    ) -> None:
        site = site_from(site_url, route, allow_insecure_http=allow_insecure_http)
        key, secret = credentials_from(api_key, api_secret)
        # One rate limit budget per site.
        connected = connection(
            rate_limit, f"jetpackcrm:{site.url}", http_client, concurrency, user_agent
        )
        params = {"api_key": key, "api_secret": secret}
        if external_api_name is not None:
            params["external_api_name"] = external_api_name
        redactor = Redactor([key, secret])
        self._site = site
        self._replace_hyphens = replace_hyphens_in_keys
        transport = Transport(
            base_url=site.url,
            rules=JetpackRules(),
            redactor=redactor,
            headers={"Accept": "application/json"},
            params=params,
            **connected,
        )
        options = make_options(
            timeout, max_retries, deadline=deadline, max_response_size=max_response_size
        )
        super().__init__(transport, options)

    def __repr__(self) -> str:
        return f"JetpackCRM(site_url={self.site_url!r}, route={self.route!r})"

    @property
    def site_url(self) -> str:
        """The WordPress site's address (without the API prefix)."""
        return self._site.url

    @property
    def route(self) -> Route:
        """How endpoints are addressed: ``pretty`` (``/zbs_api/<endpoint>/``) or ``query``."""
        return self._site.route

    @cached_property
    def customers(self) -> Customers:
        """Customers (contacts): list, search, find_by_email, upsert, update."""
        return Customers(self)

    @cached_property
    def companies(self) -> Companies:
        """Companies: list, upsert."""
        return Companies(self)

    @cached_property
    def quotes(self) -> Quotes:
        """Quotes: list."""
        return Quotes(self)

    @cached_property
    def invoices(self) -> Invoices:
        """Invoices: list."""
        return Invoices(self)

    @cached_property
    def transactions(self) -> Transactions:
        """Transactions: list, upsert, update."""
        return Transactions(self)

    @cached_property
    def events(self) -> Events:
        """Events: list, upsert, update."""
        return Events(self)

    async def status(self, *, full: bool = False) -> Status:
        """``GET /status``: check the credentials and the CRM version; ``full`` adds the
        installed modules and active extensions."""
        result = await self._call("GET", "status", params={"full": "1"} if full else None)
        body = result.data
        data = body.get("data") if isinstance(body, Mapping) else None
        if not isinstance(data, Mapping):
            raise self._decode_error("expected {'success': true, 'data': {...}}", result)
        shaped = dict(data)
        modules = shaped.get("modules")
        if isinstance(modules, list):
            shaped["modules"] = {str(name): True for name in modules}
        if shaped.get("extensions") == []:
            # PHP encodes an empty associative array as [].
            shaped["extensions"] = {}
        return attrs.evolve(self._decode(shaped, Status, result), raw=data)

    def _endpoint(self, name: str, params: Mapping[str, Any] | None) -> tuple[str, dict[str, Any]]:
        path, route_params = self._site.endpoint(name)
        return path, {**route_params, **(params or {})}

    async def _call(
        self,
        method: str,
        endpoint: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        idempotent: bool | None = None,
    ) -> Result:
        """Send one request to ``endpoint`` by the configured route."""
        path, query = self._endpoint(endpoint, params)
        return await self._send(
            method, path, params=query or None, json=json, idempotent=idempotent
        )
