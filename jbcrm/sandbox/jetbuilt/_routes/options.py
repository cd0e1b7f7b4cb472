"""Project options (change orders), their rooms and their purchasing."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from jbcrm.sandbox.jetbuilt._http import path_id, store_of
from jbcrm.sandbox.jetbuilt._routes._common import (
    by_id,
    paged,
    paged_body,
    paged_in,
    project_and_detail,
)
from jbcrm.sandbox.jetbuilt._serialize import (
    option_summary,
    purchasing_groups,
    room_summary,
    room_totals,
)
from jbcrm.sandbox.jetbuilt._store import Record


def _option(request: Request, name: str) -> Record:
    _, detail = project_and_detail(request)
    return by_id(detail.options, path_id(request, name))


async def list_options(request: Request) -> Response:
    """GET /projects/<PROJECT_ID>/options."""
    _, detail = project_and_detail(request)
    return paged(request, detail.options, option_summary)


async def get_option(request: Request) -> Response:
    """GET /projects/<PROJECT_ID>/options/<ID>: with factors and paged line items."""
    option = _option(request, "id")
    body = option_summary(option)
    body["line_items"] = []
    body["factors"] = option["_factors"]
    return paged_body(request, body, option["_line_items"])


async def list_option_rooms(request: Request) -> Response:
    """GET /projects/<PROJECT_ID>/options/<OPTION_ID>/rooms."""
    return paged(request, _option(request, "option_id")["_rooms"], room_summary)


async def get_option_room(request: Request) -> Response:
    """GET .../options/<OPTION_ID>/rooms/<ID>: like a project room, for the option's items."""
    option = _option(request, "option_id")
    room = by_id(option["_rooms"], path_id(request))
    items = [i for i in option["_line_items"] if i["room"]["id"] == room["id"]]
    factors = [{key: f[key] for key in f if key != "total_tax"} for f in option["_factors"]]
    body = room_totals(room, items, factors)
    body["line_items"] = []
    body["factors"] = factors
    return paged_body(request, body, items)


async def list_option_purchasing(request: Request) -> Response:
    """GET .../options/<OPTION_ID>/purchasing: the option's items consolidated, paged."""
    option = _option(request, "option_id")
    sold = bool(option["sold"] and option["change_order"])
    groups = purchasing_groups(store_of(request), option["_line_items"], sold_change_order=sold)
    return paged_in(request, "line_items", groups)


_O = "/projects/{project_id}/options"
ROUTES = [
    Route(_O, list_options, methods=["GET"]),
    Route(f"{_O}/{{id}}", get_option, methods=["GET"]),
    Route(f"{_O}/{{option_id}}/rooms", list_option_rooms, methods=["GET"]),
    Route(f"{_O}/{{option_id}}/rooms/{{id}}", get_option_room, methods=["GET"]),
    Route(f"{_O}/{{option_id}}/purchasing", list_option_purchasing, methods=["GET"]),
]
