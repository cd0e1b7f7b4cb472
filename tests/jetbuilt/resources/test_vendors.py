"""Connected vendors and their products: each operation sends the documented request and decodes the
document's example."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest
import respx

from jbcrm import Jetbuilt, NotFoundError
from tests.jetbuilt.fixtures import load
from tests.jetbuilt.resources.support import assert_sent, operation, spot
from tests.leak_guard import JETBUILT_TOKEN


@operation("vendors.list")
async def test_vendors_list_decodes_distributors(jb: Jetbuilt, api: respx.MockRouter) -> None:
    route = api.get("/product_databases/3/vendors").respond(json=load("vendors_list"))
    vendors = await jb.vendors.list(3).to_list()
    assert_sent(route, "GET", "/product_databases/3/vendors")
    spot(vendors[0], {"id": 123, "name": "ACME", "discount_percentage": Decimal("0")})
    assert vendors[1].distributed_manufacturers[0].name == "ACME"


@operation("vendors.get")
async def test_vendors_get(jb: Jetbuilt, api: respx.MockRouter) -> None:
    route = api.get("/product_databases/3/vendors/123").respond(json=load("vendors_list")[0])
    vendor = await jb.vendors.get(3, 123)
    assert_sent(route, "GET", "/product_databases/3/vendors/123")
    spot(vendor, {"dealer_pricing_status": "approved", "price_list_date": "Jan 2022"})


@operation("vendors.products.list")
async def test_vendor_products_list_sends_filters(jb: Jetbuilt, api: respx.MockRouter) -> None:
    route = api.get("/product_databases/3/vendors/123/products").respond(
        json=load("vendor_products_list")
    )
    products = await jb.vendors.products.list(
        3, 123, manufacturer_id=458, distributed_products=True
    ).to_list()
    assert_sent(
        route,
        "GET",
        "/product_databases/3/vendors/123/products",
        query={"manufacturer_id": "458", "distributed_products": "true"},
    )
    spot(products[0], {"id": 392342, "manufacturer": "ACME", "msrp": Decimal("175.0")})


@operation("vendors.products.get")
async def test_vendor_products_get_unwraps_the_one_element_array(
    jb: Jetbuilt, api: respx.MockRouter
) -> None:
    route = api.get("/product_databases/3/vendors/123/products/392342").respond(
        json=load("vendor_product_get")
    )
    product = await jb.vendors.products.get(3, 123, 392342)
    assert_sent(route, "GET", "/product_databases/3/vendors/123/products/392342")
    spot(product, {"id": 392342, "model": "ACME-123", "purchasing_source.dealer_number": "abc"})
    assert product.dealer_price is not None
    assert product.dealer_price.updated_at == datetime.fromisoformat(
        "2017-05-17T08:02:43.485-07:00"
    )


async def test_vendor_products_get_raises_not_found_on_an_empty_array(
    jb: Jetbuilt, api: respx.MockRouter
) -> None:
    api.get("/product_databases/3/vendors/123/products/9").respond(json=[])
    with pytest.raises(NotFoundError, match="no product 9 for vendor 123") as caught:
        await jb.vendors.products.get(3, 123, 9)
    assert caught.value.status == 404
    assert JETBUILT_TOKEN not in str(caught.value)
