"""Purchase orders: each operation sends the documented request and decodes the
document's example."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import respx

from jbcrm import Jetbuilt
from tests.jetbuilt.fixtures import load
from tests.jetbuilt.resources.support import assert_sent, operation, spot


@operation("purchase_orders.list")
async def test_purchase_orders_list_sends_project_and_iso_timestamps(
    jb: Jetbuilt, api: respx.MockRouter
) -> None:
    route = api.get("/purchase_orders").respond(json=load("purchase_orders_list"))
    pacific = timezone(timedelta(hours=-7))
    orders = await jb.purchase_orders.list(
        project_id=95636,
        min_created_at=datetime(2019, 4, 1, 8, 30, tzinfo=pacific),
        max_created_at=date(2019, 5, 1),
        min_updated_at=datetime(2019, 9, 1, 0, 0, 0, 123000, tzinfo=timezone.utc),
        max_updated_at=datetime(2019, 10, 1),
    ).to_list()
    assert_sent(
        route,
        "GET",
        "/purchase_orders",
        query={
            "project_id": "95636",
            "min_created_at": "2019-04-01T08:30:00-07:00",
            "max_created_at": "2019-05-01",
            "min_updated_at": "2019-09-01T00:00:00.123000+00:00",
            "max_updated_at": "2019-10-01T00:00:00",
        },
    )
    spot(orders[0], {"id": 123, "status": "ordered", "ship_address.country": "US"})


@operation("purchase_orders.get")
async def test_purchase_orders_get_decodes_line_items(jb: Jetbuilt, api: respx.MockRouter) -> None:
    route = api.get("/purchase_orders/123").respond(json=load("purchase_order_get"))
    order = await jb.purchase_orders.get(123)
    assert_sent(route, "GET", "/purchase_orders/123")
    spot(order, {"custom_id": "JB226", "line_items.0.ids": [123, 145, 167]})
    spot(
        order, {"line_items.0.source.name": "Audio Supplier", "line_items.0.cost": Decimal("100.0")}
    )
