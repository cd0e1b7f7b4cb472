"""Time sessions and their time entries."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from jbcrm.sandbox.jetbuilt._http import find, ok, path_id, store_of
from jbcrm.sandbox.jetbuilt._routes._common import paged
from jbcrm.sandbox.jetbuilt._store import public


async def list_time_sessions(request: Request) -> Response:
    """GET /time_sessions: each with its time entries."""
    return paged(request, list(store_of(request).time_sessions.values()))


async def get_time_session(request: Request) -> Response:
    """GET /time_sessions/<ID>."""
    return ok(public(find(store_of(request).time_sessions, path_id(request))))


ROUTES = [
    Route("/time_sessions", list_time_sessions, methods=["GET"]),
    Route("/time_sessions/{id}", get_time_session, methods=["GET"]),
]
