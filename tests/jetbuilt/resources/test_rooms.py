"""A project's rooms: each operation sends the documented request and decodes the document's
example."""

from __future__ import annotations

from decimal import Decimal

import respx

from jbcrm import Jetbuilt
from tests.jetbuilt.fixtures import load
from tests.jetbuilt.resources.support import assert_sent, operation, spot


@operation("projects.rooms.get")
async def test_rooms_get_keeps_unrounded_totals(jb: Jetbuilt, api: respx.MockRouter) -> None:
    route = api.get("/projects/97739/rooms/3234").respond(json=load("project_room_get"))
    room = await jb.projects.rooms.get(97739, 3234)
    assert_sent(route, "GET", "/projects/97739/rooms/3234")
    spot(room, {"name": "Main Room", "total_tax": Decimal("10909.088533333333333333328")})
    assert room.factors[0].total_price == Decimal("3623.6358859083372909903382829004")
