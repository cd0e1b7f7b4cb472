"""Purchasing sources: each operation sends the documented request and decodes the document's
example."""

from __future__ import annotations

import respx

from jbcrm import Jetbuilt
from tests.jetbuilt.fixtures import load
from tests.jetbuilt.resources.support import assert_sent, operation, spot


@operation("purchasing.sources.list")
async def test_purchasing_sources_list(jb: Jetbuilt, api: respx.MockRouter) -> None:
    route = api.get("/purchasing/sources").respond(json=load("purchasing_sources_list"))
    sources = await jb.purchasing.sources.list().to_list()
    assert_sent(route, "GET", "/purchasing/sources")
    spot(sources[0], {"id": 1, "company_name": "Awesome Audio", "dealer_number": "XYZ"})


@operation("purchasing.sources.get")
async def test_purchasing_sources_get(jb: Jetbuilt, api: respx.MockRouter) -> None:
    route = api.get("/purchasing/sources/1").respond(json=load("purchasing_sources_list")[0])
    source = await jb.purchasing.sources.get(1)
    assert_sent(route, "GET", "/purchasing/sources/1")
    spot(source, {"email": "johnaudio@example.com", "default_ship": "project_site"})
