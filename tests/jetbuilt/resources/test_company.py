"""The company record: each operation sends the documented request and decodes the document's
example."""

from __future__ import annotations

import respx

from jbcrm import Jetbuilt
from tests.jetbuilt.fixtures import load
from tests.jetbuilt.resources.support import assert_sent, operation, spot


@operation("company.get")
async def test_company_get_returns_company_with_locations(
    jb: Jetbuilt, api: respx.MockRouter
) -> None:
    route = api.get("/company").respond(json=load("company_get"))
    company = await jb.company.get()
    assert_sent(route, "GET", "/company")
    spot(company, {"id": 1, "name": "Topish AV"})
    assert [loc.product_database_id for loc in company.locations] == [3, 4]
