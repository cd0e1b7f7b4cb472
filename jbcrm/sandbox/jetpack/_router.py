"""The plugin's API router as a WordPress site runs it: routes, auth, methods, redirects.

Order of checks, as on a real site: which route (pretty `/zbs_api/<endpoint>/` or the query
route `/?zbs_api=<endpoint>`), canonical trailing-slash redirect, HEAD, credentials, the
teapot, the endpoint name (case-sensitive), the method, then the endpoint itself.
"""

from __future__ import annotations

import hmac
import time
from collections.abc import Mapping

import attrs
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from jbcrm.sandbox.jetpack import _reads, _writes
from jbcrm.sandbox.jetpack._call import Call, Handler
from jbcrm.sandbox.jetpack._responses import (
    home_page,
    json_response,
    redirect,
    router_error,
    theme_404,
)
from jbcrm.sandbox.jetpack._serialize import replace_hyphens
from jbcrm.sandbox.jetpack._store import JetpackStore

__all__ = ["ENDPOINTS", "Endpoint", "JetpackApp"]

_PREFIX = "/zbs_api"


@attrs.frozen
class Endpoint:
    """A handler and the methods it accepts (None: any method)."""

    handler: Handler
    methods: frozenset[str] | None


_GET = frozenset({"GET"})
_POST = frozenset({"POST"})

ENDPOINTS: Mapping[str, Endpoint] = {
    "status": Endpoint(_reads.status, _GET),
    "customers": Endpoint(_reads.customers, None),
    "customer_search": Endpoint(_reads.customer_search, _GET),
    "companies": Endpoint(_reads.companies, _POST),
    "quotes": Endpoint(_reads.quotes, _GET),
    "invoices": Endpoint(_reads.invoices, _GET),
    "transactions": Endpoint(_reads.transactions, _GET),
    "events": Endpoint(_reads.events, _GET),
    "create_customer": Endpoint(_writes.create_customer, _POST),
    "create_company": Endpoint(_writes.create_company, _POST),
    "create_transaction": Endpoint(_writes.create_transaction, _POST),
    "create_event": Endpoint(_writes.create_event, _POST),
}


class JetpackApp:
    """ASGI app of one WordPress site running Jetpack CRM's API.

    With `misconfigured` set, rewrite rules are not flushed: every `/zbs_api/...` request
    gets the theme's 404 page, while the query route keeps working.
    """

    def __init__(
        self, store: JetpackStore, *, api_key: str, api_secret: str, misconfigured: bool = False
    ) -> None:
        self.store = store
        self.misconfigured = misconfigured
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
            if method == "GET" and not path.endswith("/"):
                return redirect(str(request.url.replace(path=path + "/")))
            # Anything after the endpoint segment is ignored.
            name = path[len(_PREFIX) + 1 :].split("/", 1)[0]
        else:
            return home_page() if path == "/" else theme_404()
        if method == "HEAD":
            return Response(b"", 200, media_type="text/html; charset=UTF-8")
        if not self._authorised(query.get("api_key", ""), query.get("api_secret", "")):
            return router_error(
                401, "Unauthorized", "Please ensure your API key and secret are correct."
            )
        if method == "BREW":
            return router_error(418, "I'm a teapot", "I refuse to brew coffee: I am a teapot.")
        endpoint = ENDPOINTS.get(name)
        if endpoint is None:
            return router_error(400, "Bad request", "Unknown API endpoint.")
        if endpoint.methods is not None and method not in endpoint.methods:
            return router_error(
                405, "Method not allowed", f"This endpoint does not accept {method} requests."
            )
        call = Call(
            store=self.store,
            query=query,
            headers=request.headers,
            body=await request.body(),
            now=int(time.time()),
        )
        result = endpoint.handler(call)
        if isinstance(result, Response):
            return result
        if query.get("replace_hyphens_with_underscores_in_json_keys") == "1":
            result = replace_hyphens(result)
        return json_response(result)

    def _authorised(self, key: str, secret: str) -> bool:
        key_ok = hmac.compare_digest(key.encode(), self._key)
        return hmac.compare_digest(secret.encode(), self._secret) and key_ok
