"""Company products: each operation sends the documented request and decodes the
document's example."""

from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import Decimal
from typing import Any

import pytest
import respx

from jbcrm import NULL, InvalidArgumentError, Jetbuilt
from tests.jetbuilt.fixtures import load
from tests.jetbuilt.resources.support import assert_sent, operation, spot
from tests.leak_guard import JETBUILT_TOKEN


@operation("products.list")
async def test_products_list_sends_filters_and_iso_dates(
    jb: Jetbuilt, api: respx.MockRouter
) -> None:
    route = api.get("/product_databases/3/products").respond(json=load("products_list"))
    products = await jb.products.list(
        3,
        manufacturer_name="Shure",
        model="SM57-LC",
        currency_code="USD",
        query="Shure SM57",
        min_created_at=date(2023, 7, 28),
        max_created_at=datetime(2023, 7, 28, 15, 33, 33, tzinfo=timezone.utc),
        min_updated_at=date(2023, 1, 1),
        max_updated_at=date(2024, 1, 1),
    ).to_list()
    assert_sent(
        route,
        "GET",
        "/product_databases/3/products",
        query={
            "manufacturer_name": "Shure",
            "model": "SM57-LC",
            "currency_code": "USD",
            "query": "Shure SM57",
            "min_created_at": "2023-07-28",
            "max_created_at": "2023-07-28T15:33:33+00:00",
            "min_updated_at": "2023-01-01",
            "max_updated_at": "2024-01-01",
        },
    )
    spot(products[0], {"id": 351, "cost": Decimal("594.15"), "manufacturer.name": "ACME"})


@operation("products.get")
async def test_products_get(jb: Jetbuilt, api: respx.MockRouter) -> None:
    route = api.get("/product_databases/3/products/351").respond(json=load("product_get"))
    product = await jb.products.get(3, 351)
    assert_sent(route, "GET", "/product_databases/3/products/351")
    spot(product, {"model": "xyz", "warranty_unit": "mo", "mapp": None, "favorite": True})
    # The example's "m" is not a documented length unit, and still decodes.
    assert product.height_unit == "m"


@operation("products.create")
async def test_products_create_posts_flat_json(jb: Jetbuilt, api: respx.MockRouter) -> None:
    route = api.post("/product_databases/3/products").respond(201, json=load("product_get"))
    product = await jb.products.create(
        3,
        manufacturer_name="ACME",
        model="xyz",
        short_description="JB Test product 1",
        cost=Decimal("10.0"),
        price=Decimal("15.99"),
        warranty_value=24,
        warranty_unit="mo",
    )
    assert_sent(
        route,
        "POST",
        "/product_databases/3/products",
        body={
            "manufacturer_name": "ACME",
            "model": "xyz",
            "short_description": "JB Test product 1",
            "cost": "10.0",
            "price": "15.99",
            "warranty_value": 24,
            "warranty_unit": "mo",
        },
    )
    assert product.id == 351


async def test_products_create_with_image_sends_a_multipart_product_form(
    jb: Jetbuilt, api: respx.MockRouter
) -> None:
    route = api.post("/product_databases/3/products").respond(201, json=load("product_get"))
    await jb.products.create(
        3,
        short_description="JB Test product 1",
        cost=Decimal("10.0"),
        favorite=True,
        image=("test.jpg", b"\xff\xd8jpeg", "image/jpeg"),
    )
    request = route.calls.last.request
    assert request.headers["Content-Type"].startswith("multipart/form-data; boundary=")
    assert request.headers["Authorization"] == f"Token token={JETBUILT_TOKEN}"
    content = request.content
    assert b'name="product[short_description]"\r\n\r\nJB Test product 1' in content
    assert b'name="product[cost]"\r\n\r\n10.0' in content
    assert b'name="product[favorite]"\r\n\r\ntrue' in content
    assert b'name="product[image]"; filename="test.jpg"' in content
    assert b"\xff\xd8jpeg" in content


async def test_products_update_with_image_patches_a_multipart_form(
    jb: Jetbuilt, api: respx.MockRouter
) -> None:
    route = api.patch("/product_databases/3/products/351").respond(json=load("product_get"))
    await jb.products.update(3, 351, notes=NULL, image=b"png-bytes")
    request = route.calls.last.request
    assert request.headers["Content-Type"].startswith("multipart/form-data; boundary=")
    # A form has no null: an explicit NULL is sent as an empty field.
    assert b'name="product[notes]"\r\n\r\n\r\n' in request.content
    assert b'name="product[image]"' in request.content
    assert b"png-bytes" in request.content


@operation("products.update")
async def test_products_update_patches_the_product_path(
    jb: Jetbuilt, api: respx.MockRouter
) -> None:
    route = api.patch("/product_databases/3/products/351").respond(json=load("product_get"))
    product = await jb.products.update(
        3, 351, short_description="JB Test product 2", price=Decimal("12.99")
    )
    assert_sent(
        route,
        "PATCH",
        "/product_databases/3/products/351",
        body={"short_description": "JB Test product 2", "price": "12.99"},
    )
    assert product.price == Decimal("690.0")


@pytest.mark.parametrize(
    ("argument", "value"),
    [
        ("warranty_unit", "weeks"),
        ("rack_unit", "U"),
        ("power_unit", "kW"),
        ("poe_unit", "mW"),
        ("heat_load_unit", "J"),
        ("weight_unit", "stone"),
        ("height_unit", "m"),
        ("width_unit", "yd"),
        ("depth_unit", "km"),
    ],
)
async def test_products_refuse_unknown_units_before_sending(
    jb: Jetbuilt, api: respx.MockRouter, argument: str, value: str
) -> None:
    unit: dict[str, Any] = {argument: value}
    with pytest.raises(InvalidArgumentError, match=f"{argument}='{value}'.*use one of"):
        await jb.products.create(3, model="x", **unit)
    with pytest.raises(InvalidArgumentError, match=argument):
        await jb.products.update(3, 351, **unit)
    assert not api.calls
