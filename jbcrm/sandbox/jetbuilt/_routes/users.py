"""Active users."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from jbcrm.sandbox.jetbuilt._http import find, ok, path_id, store_of
from jbcrm.sandbox.jetbuilt._routes._common import paged


async def list_users(request: Request) -> Response:
    """GET /users: active users."""
    return paged(request, list(store_of(request).users.values()))


async def get_user(request: Request) -> Response:
    """GET /users/<ID>."""
    return ok(find(store_of(request).users, path_id(request)))


ROUTES = [
    Route("/users", list_users, methods=["GET"]),
    Route("/users/{id}", get_user, methods=["GET"]),
]
