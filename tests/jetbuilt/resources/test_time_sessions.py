"""Time sessions: each operation sends the documented request and decodes the document's example."""

from __future__ import annotations

import respx

from jbcrm import Jetbuilt
from tests.jetbuilt.fixtures import load
from tests.jetbuilt.resources.support import assert_sent, operation, spot


@operation("time_sessions.list")
async def test_time_sessions_list(jb: Jetbuilt, api: respx.MockRouter) -> None:
    route = api.get("/time_sessions").respond(json=load("time_sessions_list"))
    sessions = await jb.time_sessions.list().to_list()
    assert_sent(route, "GET", "/time_sessions")
    spot(sessions[0], {"id": 18, "duration": 22080, "user.full_name": "Joe Bob"})
    spot(sessions[0], {"time_entries.0.labor_type.name": "Installation"})


@operation("time_sessions.get")
async def test_time_sessions_get(jb: Jetbuilt, api: respx.MockRouter) -> None:
    route = api.get("/time_sessions/18").respond(json=load("time_sessions_list")[0])
    session = await jb.time_sessions.get(18)
    assert_sent(route, "GET", "/time_sessions/18")
    spot(session, {"project.full_name": "P - 255 Conference Room", "running": False})
