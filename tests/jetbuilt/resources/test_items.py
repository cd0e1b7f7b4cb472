"""A project's line items: each operation sends the documented request and decodes the document's
example."""

from __future__ import annotations

from decimal import Decimal

import respx

from jbcrm import Jetbuilt
from tests.jetbuilt.fixtures import load
from tests.jetbuilt.resources.support import assert_sent, operation, spot


@operation("projects.items.list")
async def test_items_list_pages_line_items_and_keeps_factors(
    jb: Jetbuilt, api: respx.MockRouter
) -> None:
    route = api.get("/projects/97739/items").respond(json=load("project_items_list"))
    paginator = jb.projects.items.list(97739)
    items = await paginator.to_list()
    assert_sent(route, "GET", "/projects/97739/items")
    spot(items[0], {"id": 1900102, "model": "SUB-GB", "quantity": Decimal("20.0")})
    spot(items[0], {"room.quantity": Decimal("2.0"), "labor.0.labor_type.name": "Pre-Wire"})
    assert items[0].metadata == {"my_integration": {"my": ["data"]}}
    factors = await paginator.factors()
    assert [factor.name for factor in factors] == ["Management", "Trip Factor"]
    assert factors[1].trips[0].days == 7
    assert route.call_count == 1


@operation("projects.items.create")
async def test_items_create_posts_flat_json_with_metadata(
    jb: Jetbuilt, api: respx.MockRouter
) -> None:
    route = api.post("/projects/97739/items").respond(
        201, json=load("project_items_list")["line_items"][0]
    )
    item = await jb.projects.items.create(
        97739,
        manufacturer_name="Sonos",
        model="SUB-GB",
        room_id=1234,
        system_id=1234,
        tag_id=1234,
        phase_id=1234,
        short_description="description",
        external_notes="note",
        quantity_per_room=86,
        metadata={"my_integration": {"my": ["data"]}},
    )
    assert_sent(
        route,
        "POST",
        "/projects/97739/items",
        body={
            "manufacturer_name": "Sonos",
            "model": "SUB-GB",
            "room_id": 1234,
            "system_id": 1234,
            "tag_id": 1234,
            "phase_id": 1234,
            "short_description": "description",
            "external_notes": "note",
            "quantity_per_room": 86,
            "metadata": {"my_integration": {"my": ["data"]}},
        },
    )
    assert item.id == 1900102


@operation("projects.items.update")
async def test_items_update_patches_the_item(jb: Jetbuilt, api: respx.MockRouter) -> None:
    route = api.patch("/projects/97739/items/1900102").respond(
        json=load("project_items_list")["line_items"][0]
    )
    item = await jb.projects.items.update(
        97739, 1900102, quantity_per_room=Decimal("86"), cost=Decimal("433.38")
    )
    assert_sent(
        route,
        "PATCH",
        "/projects/97739/items/1900102",
        body={"quantity_per_room": "86", "cost": "433.38"},
    )
    assert item.cost == Decimal("433.38")
