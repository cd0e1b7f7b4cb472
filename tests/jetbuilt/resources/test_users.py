"""Users: each operation sends the documented request and decodes the document's example."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import respx

from jbcrm import Jetbuilt
from tests.jetbuilt.fixtures import load
from tests.jetbuilt.resources.support import assert_sent, operation, spot

PACIFIC_DAYLIGHT = timezone(timedelta(hours=-7))


@operation("users.list")
async def test_users_list(jb: Jetbuilt, api: respx.MockRouter) -> None:
    route = api.get("/users").respond(json=load("users_list"))
    users = await jb.users.list().to_list()
    assert_sent(route, "GET", "/users")
    spot(users[0], {"id": 123, "full_name": "Josh Smith", "email": "joshsmith@example.com"})


@operation("users.get")
async def test_users_get(jb: Jetbuilt, api: respx.MockRouter) -> None:
    route = api.get("/users/123").respond(json=load("users_list")[0])
    user = await jb.users.get(123)
    assert_sent(route, "GET", "/users/123")
    assert user.updated_at == datetime(2020, 7, 27, 19, 17, 41, 928000, PACIFIC_DAYLIGHT)
