"""The plugin's API router as a WordPress site runs it: routes, auth, methods, redirects.

Order of checks, as on a real site: which route (pretty `/zbs_api/<endpoint>/`, which works only
with pretty permalinks and flushed rewrite rules, or the query route `/?zbs_api=<endpoint>`,
which always works), the canonical trailing-slash redirect of a GET, HEAD, the credentials, the
endpoint name (case-sensitive), then the endpoint, which checks the method itself (or not at
all: customers and the create_* endpoints take any method).
"""

from __future__ import annotations

import hmac
import time
from collections.abc import Mapping
from typing import Literal

import attrs
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from jbcrm.sandbox.jetpack._call import Call, Handler, View
from jbcrm.sandbox.jetpack._dates import SiteDates
from jbcrm.sandbox.jetpack._reads import (
    companies,
    customer_search,
    customers,
    events,
    invoices,
    quotes,
    status,
    transactions,
)
from jbcrm.sandbox.jetpack._responses import (
    home_page,
    json_response,
    redirect,
    router_error,
    theme_404,
)
from jbcrm.sandbox.jetpack._store import JetpackStore
from jbcrm.sandbox.jetpack._writes import (
    create_company,
    create_customer,
    create_event,
    create_transaction,
)

__all__ = ["ENDPOINTS", "Endpoint", "JetpackApp", "Permalinks"]

_PREFIX = "/zbs_api"

Permalinks = Literal["pretty", "plain"]


@attrs.frozen
class Endpoint:
    """A handler and the methods it accepts (None: it does not check the method)."""

    handler: Handler
    methods: frozenset[str] | None


_GET = frozenset({"GET"})
_POST = frozenset({"POST"})

ENDPOINTS: Mapping[str, Endpoint] = {
    "status": Endpoint(status, _GET),
    "customers": Endpoint(customers, None),
    "customer_search": Endpoint(customer_search, _GET),
    "companies": Endpoint(companies, _POST),
    "quotes": Endpoint(quotes, _GET),
    "invoices": Endpoint(invoices, _GET),
    "transactions": Endpoint(transactions, _GET),
    "events": Endpoint(events, _GET),
    "create_customer": Endpoint(create_customer, None),
    "create_company": Endpoint(create_company, None),
    "create_transaction": Endpoint(create_transaction, None),
    "create_event": Endpoint(create_event, None),
}


class JetpackApp:
    """ASGI app of one WordPress site running Jetpack CRM's API.

    `permalinks="plain"` answers `/zbs_api/...` with the front page; `misconfigured` (pretty
    permalinks whose rewrite rules were never flushed) with the theme's 404 page. The query
    route works either way. `dates` prints times in the site's time zone.
    """

    def __init__(
        self, store: JetpackStore, *, api_key: str, api_secret: str, dates: SiteDates
    ) -> None:
        self.store = store
        self.dates = dates
        self.permalinks: Permalinks = "pretty"
        self.misconfigured = False
        self._key = api_key.encode()
        self._secret = api_secret.encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        response = await self._respond(request)
        await response(scope, receive, send)

    async def _respond(self, request: Request) -> Response:
        path, query, method = request.url.path, request.query_params, request.method
        if path == "/" and "zbs_api" in query:
            name = query["zbs_api"]
        elif path == _PREFIX or path.startswith(_PREFIX + "/"):
            if self.misconfigured:
                return theme_404()
            if self.permalinks == "plain":
                return home_page()
            if method == "GET" and not path.endswith("/"):
                return redirect(str(request.url.replace(path=path + "/")))
            # Anything after the endpoint segment is ignored.
            name = path[len(_PREFIX) + 1 :].split("/", 1)[0]
        else:
            return home_page() if path == "/" else theme_404()
        if method == "HEAD":
            return Response(b"", 200, media_type="text/html; charset=UTF-8")
        if not self._authorised(query.get("api_key", ""), query.get("api_secret", "")):
            return router_error(401)
        endpoint = ENDPOINTS.get(name)
        if endpoint is None:
            return router_error(400)
        if endpoint.methods is not None and method not in endpoint.methods:
            return router_error(418 if method == "BREW" else 405)
        call = Call(
            view=View(self.store, self.dates),
            query=query,
            headers=request.headers,
            body=await request.body(),
            now=int(time.time()),
        )
        result = endpoint.handler(call)
        return result if isinstance(result, Response) else json_response(result)

    def _authorised(self, key: str, secret: str) -> bool:
        key_ok = hmac.compare_digest(key.encode(), self._key)
        return hmac.compare_digest(secret.encode(), self._secret) and key_ok
