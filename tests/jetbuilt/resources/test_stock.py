"""Stock items, locations and products: each operation sends the documented request and
decodes the document's example; deletes take either answer the server gives."""

from __future__ import annotations

import pytest
import respx

from jbcrm import InvalidArgumentError, Jetbuilt
from jbcrm.jetbuilt import Deleted
from tests.jetbuilt.fixtures import load
from tests.jetbuilt.resources.support import assert_sent, operation, spot


@operation("stock.items.list")
async def test_stock_items_list(jb: Jetbuilt, api: respx.MockRouter) -> None:
    route = api.get("/stock/items").respond(json=load("stock_items_list"))
    items = await jb.stock.items.list().to_list()
    assert_sent(route, "GET", "/stock/items")
    spot(items[0], {"id": 12978, "quantity": 5, "serial_num": None, "name": "Tannoy DI 5 DC BLACK"})


@operation("stock.items.get")
async def test_stock_items_get(jb: Jetbuilt, api: respx.MockRouter) -> None:
    route = api.get("/stock/items/12978").respond(json=load("stock_items_list")[0])
    item = await jb.stock.items.get(12978)
    assert_sent(route, "GET", "/stock/items/12978")
    spot(item, {"stock_location_id": 382, "company_product_id": 1599279, "status": "received"})


@operation("stock.items.create")
async def test_stock_items_create_posts_flat_json(jb: Jetbuilt, api: respx.MockRouter) -> None:
    route = api.post("/stock/items").respond(201, json=load("stock_items_list")[0])
    item = await jb.stock.items.create(
        company_product_id=1599279, stock_location_id=382, quantity=5
    )
    assert_sent(
        route,
        "POST",
        "/stock/items",
        body={"company_product_id": 1599279, "stock_location_id": 382, "quantity": 5},
    )
    assert item.id == 12978


@operation("stock.items.update")
async def test_stock_items_update_patches_quantity(jb: Jetbuilt, api: respx.MockRouter) -> None:
    route = api.patch("/stock/items/12978").respond(json=load("stock_items_list")[0])
    item = await jb.stock.items.update(12978, quantity=10)
    assert_sent(route, "PATCH", "/stock/items/12978", body={"quantity": 10})
    assert item.quantity == 5


@operation("stock.items.delete")
async def test_stock_items_delete_returns_the_message(jb: Jetbuilt, api: respx.MockRouter) -> None:
    route = api.delete("/stock/items/12978").respond(json=load("stock_item_delete"))
    deleted = await jb.stock.items.delete(12978)
    assert_sent(route, "DELETE", "/stock/items/12978")
    assert deleted == Deleted(message="The item has been deleted")


async def test_stock_items_delete_accepts_204_without_body(
    jb: Jetbuilt, api: respx.MockRouter
) -> None:
    api.delete("/stock/items/12978").respond(204)
    deleted = await jb.stock.items.delete(12978)
    assert deleted == Deleted(message=None)
    assert (deleted.raw, deleted.extra) == ({}, {})


async def test_a_delete_keeps_what_the_server_said_in_raw_and_extra(
    jb: Jetbuilt, api: respx.MockRouter
) -> None:
    body = {"message": "The item has been deleted", "deleted_at": "2026-12-01T10:00:00Z"}
    api.delete("/stock/items/12978").respond(json=body)
    deleted = await jb.stock.items.delete(12978)
    assert deleted.message == "The item has been deleted"
    assert deleted.raw == body
    assert deleted.extra == {"deleted_at": "2026-12-01T10:00:00Z"}


@operation("stock.locations.list")
async def test_stock_locations_list(jb: Jetbuilt, api: respx.MockRouter) -> None:
    route = api.get("/stock/locations").respond(json=load("stock_locations_list"))
    locations = await jb.stock.locations.list().to_list()
    assert_sent(route, "GET", "/stock/locations")
    spot(locations[0], {"id": 5, "kind": "company", "office_id": 3, "project_id": None})


@operation("stock.locations.get")
async def test_stock_locations_get(jb: Jetbuilt, api: respx.MockRouter) -> None:
    route = api.get("/stock/locations/5").respond(json=load("stock_locations_list")[0])
    location = await jb.stock.locations.get(5)
    assert_sent(route, "GET", "/stock/locations/5")
    spot(location, {"name": "Warehouse", "position": "Rack 2"})


@operation("stock.locations.create")
async def test_stock_locations_create_posts_flat_json(jb: Jetbuilt, api: respx.MockRouter) -> None:
    route = api.post("/stock/locations").respond(201, json=load("stock_locations_list")[0])
    location = await jb.stock.locations.create(
        kind="company", office_id=3, name="East Warehouse", position="Shelf 20", description=""
    )
    assert_sent(
        route,
        "POST",
        "/stock/locations",
        body={
            "kind": "company",
            "office_id": 3,
            "name": "East Warehouse",
            "position": "Shelf 20",
            "description": "",
        },
    )
    assert location.id == 5


async def test_stock_locations_create_refuses_an_unknown_kind(
    jb: Jetbuilt, api: respx.MockRouter
) -> None:
    with pytest.raises(InvalidArgumentError, match=r"kind='office'.*company, project"):
        await jb.stock.locations.create(kind="office", name="x")  # type: ignore[arg-type]
    assert not api.calls


@operation("stock.locations.update")
async def test_stock_locations_update_patches_given_fields(
    jb: Jetbuilt, api: respx.MockRouter
) -> None:
    route = api.patch("/stock/locations/5").respond(json=load("stock_locations_list")[0])
    await jb.stock.locations.update(5, name="Warehouse", position="Shelf 20A", description="")
    assert_sent(
        route,
        "PATCH",
        "/stock/locations/5",
        body={"name": "Warehouse", "position": "Shelf 20A", "description": ""},
    )


@operation("stock.locations.delete")
async def test_stock_locations_delete_returns_the_message(
    jb: Jetbuilt, api: respx.MockRouter
) -> None:
    route = api.delete("/stock/locations/5").respond(json=load("stock_location_delete"))
    deleted = await jb.stock.locations.delete(5)
    assert_sent(route, "DELETE", "/stock/locations/5")
    assert deleted.message == "The location has been deleted"


@operation("stock.products.list")
async def test_stock_products_list(jb: Jetbuilt, api: respx.MockRouter) -> None:
    route = api.get("/stock/products").respond(json=load("stock_products_list"))
    products = await jb.stock.products.list().to_list()
    assert_sent(route, "GET", "/stock/products")
    spot(products[0], {"company_product_id": 22328, "quantity_available": 5})


@operation("stock.products.get")
async def test_stock_products_get_reads_per_office_quantities(
    jb: Jetbuilt, api: respx.MockRouter
) -> None:
    route = api.get("/stock/products/22328").respond(json=load("stock_product_get"))
    product = await jb.stock.products.get(22328)
    assert_sent(route, "GET", "/stock/products/22328")
    assert product.quantity_available == 8
    assert [office.quantity_available for office in product.offices] == [3, 5]


@operation("stock.products.items.list")
async def test_stock_product_items_list(jb: Jetbuilt, api: respx.MockRouter) -> None:
    route = api.get("/stock/products/1599279/items").respond(json=load("stock_items_list"))
    items = await jb.stock.products.items.list(1599279).to_list()
    assert_sent(route, "GET", "/stock/products/1599279/items")
    spot(items[0], {"id": 12978, "company_product_id": 1599279})
