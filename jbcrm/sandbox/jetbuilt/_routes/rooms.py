"""A project's rooms: list, and one room with its totals, factors and line items."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from jbcrm.sandbox.jetbuilt._http import path_id
from jbcrm.sandbox.jetbuilt._routes._common import (
    PROJECT,
    by_id,
    paged,
    paged_body,
    project_and_detail,
)
from jbcrm.sandbox.jetbuilt._serialize import items_in_room, room_factors, room_summary, room_totals


async def list_rooms(request: Request) -> Response:
    """GET /projects/<PROJECT_ID>/rooms."""
    _, detail = project_and_detail(request)
    return paged(request, detail.rooms, room_summary)


async def get_room(request: Request) -> Response:
    """GET /projects/<PROJECT_ID>/rooms/<ID>: totals, factors, and paged line items."""
    _, detail = project_and_detail(request)
    room = by_id(detail.rooms, path_id(request))
    items = items_in_room(detail, room["id"])
    body = room_totals(room, items, detail.factors)
    body["factors"] = room_factors(detail.factors)
    return paged_body(request, body, items)


ROUTES = [
    Route(f"{PROJECT}/rooms", list_rooms, methods=["GET"]),
    Route(f"{PROJECT}/rooms/{{id}}", get_room, methods=["GET"]),
]
