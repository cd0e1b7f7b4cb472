"""Project phases: each operation sends the documented request and decodes the
document's example."""

from __future__ import annotations

import respx

from jbcrm import Jetbuilt
from tests.jetbuilt.fixtures import load
from tests.jetbuilt.resources.support import assert_sent, operation, spot


@operation("phases.list")
async def test_phases_list(jb: Jetbuilt, api: respx.MockRouter) -> None:
    route = api.get("/phases").respond(json=load("phases_list"))
    phases = await jb.phases.list().to_list()
    assert_sent(route, "GET", "/phases")
    spot(phases[0], {"id": 717, "name": "Prewire"})
