"""A project's service packages: each operation sends the documented request and decodes the
document's example."""

from __future__ import annotations

from decimal import Decimal

import respx

from jbcrm import Jetbuilt
from tests.jetbuilt.fixtures import load
from tests.jetbuilt.resources.support import assert_sent, operation, spot


@operation("projects.service_packages.get")
async def test_service_packages_get(jb: Jetbuilt, api: respx.MockRouter) -> None:
    route = api.get("/projects/97739/service_packages/3395").respond(
        json=load("project_service_package_get")
    )
    package = await jb.projects.service_packages.get(97739, 3395)
    assert_sent(route, "GET", "/projects/97739/service_packages/3395")
    spot(package, {"pricing_method": "flat_price", "price": Decimal("200.0"), "sold": True})


@operation("projects.service_packages.update")
async def test_service_packages_update_patches_price_and_cost(
    jb: Jetbuilt, api: respx.MockRouter
) -> None:
    route = api.patch("/projects/97739/service_packages/3395").respond(
        json=load("project_service_package_get")
    )
    package = await jb.projects.service_packages.update(
        97739, 3395, price=Decimal("10"), cost=Decimal("5")
    )
    assert_sent(
        route,
        "PATCH",
        "/projects/97739/service_packages/3395",
        body={"price": "10", "cost": "5"},
    )
    assert package.id == 3395
