"""Project options (change orders), their rooms: each operation sends the documented request and
decodes the document's example."""

from __future__ import annotations

from decimal import Decimal

import respx

from jbcrm import Jetbuilt
from tests.jetbuilt.fixtures import load
from tests.jetbuilt.resources.support import assert_sent, operation, spot


@operation("projects.options.get")
async def test_options_get_returns_line_items_and_factors(
    jb: Jetbuilt, api: respx.MockRouter
) -> None:
    route = api.get("/projects/97739/options/27409").respond(json=load("project_option_get"))
    option = await jb.projects.options.get(97739, 27409)
    assert_sent(route, "GET", "/projects/97739/options/27409")
    spot(option, {"id": 27409, "sold": True, "total": Decimal("550.0")})
    assert option.line_items[0].replacement_lineitem_ids == [374]
    assert option.factors[0].name == "Labor"


@operation("projects.options.rooms.get")
async def test_option_rooms_get_returns_room_detail(jb: Jetbuilt, api: respx.MockRouter) -> None:
    route = api.get("/projects/97739/options/27409/rooms/3234").respond(
        json=load("project_room_get")
    )
    room = await jb.projects.options.rooms.get(97739, 27409, 3234)
    assert_sent(route, "GET", "/projects/97739/options/27409/rooms/3234")
    spot(room, {"id": 3234, "total_cost": Decimal("70370.4089260971998418969570213514")})
