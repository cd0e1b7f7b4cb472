"""Company, users, phases and market segments."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .._http import find, ok, path_id, store_of
from ._common import int_param, paged


async def get_company(request: Request) -> Response:
    """GET /company: the company with its office locations and their product databases."""
    return ok(store_of(request).company)


async def list_users(request: Request) -> Response:
    """GET /users: active users."""
    return paged(request, list(store_of(request).users.values()))


async def get_user(request: Request) -> Response:
    """GET /users/<ID>."""
    return ok(find(store_of(request).users, path_id(request)))


async def list_phases(request: Request) -> Response:
    """GET /phases."""
    return paged(request, list(store_of(request).phases.values()))


async def list_market_segments(request: Request) -> Response:
    """GET /market_segments, optionally `?office_id=`."""
    segments = list(store_of(request).market_segments.values())
    office = int_param(request, "office_id")
    if office is not None:
        segments = [s for s in segments if s["office_id"] == office]
    return paged(request, segments)


ROUTES = [
    Route("/company", get_company, methods=["GET"]),
    Route("/users", list_users, methods=["GET"]),
    Route("/users/{id}", get_user, methods=["GET"]),
    Route("/phases", list_phases, methods=["GET"]),
    Route("/market_segments", list_market_segments, methods=["GET"]),
]
