"""The Jetbuilt API as a starlette app: version negotiation, token auth, write access, routes."""

from __future__ import annotations

import hmac
import re

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount
from starlette.types import ASGIApp, Receive, Scope, Send

from jbcrm.sandbox.jetbuilt._http import APIError
from jbcrm.sandbox.jetbuilt._routes import ROUTES
from jbcrm.sandbox.jetbuilt._store import Store

API_PREFIX = "/api"
_TOKEN = re.compile(r'^\s*Token\s+token="?([^"]*)"?\s*$', re.IGNORECASE)
_VERSION = re.compile(r"application/vnd\.jetbuilt\.v(\d+)", re.IGNORECASE)
_ANY_JSON = ("application/json", "*/*", "application/*")
_WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
WRITE_ACCESS_MESSAGE = (
    "API write access is not enabled. Enable API write access in your company's "
    "Integration Settings to create or modify data."
)


def build_app(store: Store, *, api_key: str, write_access: bool) -> ASGIApp:
    """The full Jetbuilt API for one sandbox company."""
    app = Starlette(
        routes=[Mount(API_PREFIX, routes=ROUTES)],
        exception_handlers={APIError: _api_error, HTTPException: _http_error},
    )
    app.state.store = store
    return _Guard(app, api_key=api_key, write_access=write_access)


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, APIError)
    return exc.response()


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    messages = {404: "Not found", 405: "Method not allowed"}
    message = messages.get(exc.status_code, str(exc.detail))
    return JSONResponse({"error": message}, status_code=exc.status_code, headers=exc.headers)


class _Guard:
    """Checks every request the way Jetbuilt does before any route runs.

    Order: API version in `Accept` (406), token (401), write access for writes (403).
    """

    def __init__(self, app: ASGIApp, *, api_key: str, write_access: bool) -> None:
        self.app = app
        self._key = api_key.encode()
        self.write_access = write_access

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        refusal = self._refusal(request)
        if refusal is None:
            await self.app(scope, receive, send)
        else:
            await refusal(scope, receive, send)

    def _refusal(self, request: Request) -> Response | None:
        if not _acceptable(request.headers.get("accept")):
            return JSONResponse(
                {"error": "Not acceptable: supported version is application/vnd.jetbuilt.v1"},
                status_code=406,
            )
        found = _TOKEN.match(request.headers.get("authorization", ""))
        if found is None or not hmac.compare_digest(found.group(1).encode(), self._key):
            return JSONResponse(
                {"error": "Not authorized: missing or invalid API key"},
                status_code=401,
                headers={"WWW-Authenticate": 'Token realm="Application"'},
            )
        if request.method in _WRITE_METHODS and not self.write_access:
            return JSONResponse({"error": WRITE_ACCESS_MESSAGE}, status_code=403)
        return None


def _acceptable(accept: str | None) -> bool:
    """No Accept, JSON, anything, or version 1; any other Jetbuilt version is refused."""
    if accept is None or not accept.strip():
        return True
    versions = {int(v) for v in _VERSION.findall(accept)}
    if versions:
        return 1 in versions
    ranges = {part.split(";")[0].strip().lower() for part in accept.split(",")}
    return any(kind in ranges for kind in _ANY_JSON)
