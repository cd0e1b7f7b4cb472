"""Purchasing sources, purchase orders, tasks and time sessions: each operation sends the
documented request and decodes the document's example."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
import respx

from jbcrm import InvalidArgumentError, Jetbuilt
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


@operation("tasks.list")
async def test_tasks_list_filters_by_project_and_type(jb: Jetbuilt, api: respx.MockRouter) -> None:
    route = api.get("/tasks").respond(json=load("tasks_list"))
    tasks = await jb.tasks.list(project_id=1234, type="install").to_list()
    assert_sent(route, "GET", "/tasks", query={"project_id": "1234", "type": "install"})
    spot(tasks[0], {"id": 318, "name": "Install the thing", "due_on": date(2023, 10, 30)})


async def test_tasks_list_refuses_an_unknown_type(jb: Jetbuilt, api: respx.MockRouter) -> None:
    with pytest.raises(InvalidArgumentError, match=r"type='service'.*install, sales"):
        jb.tasks.list(type="service")  # type: ignore[arg-type]
    assert not api.calls


@operation("tasks.get")
async def test_tasks_get_decodes_steps_and_notes(jb: Jetbuilt, api: respx.MockRouter) -> None:
    route = api.get("/tasks/318").respond(json=load("task_get"))
    task = await jb.tasks.get(318)
    assert_sent(route, "GET", "/tasks/318")
    spot(task, {"start_date": date(2023, 10, 30), "steps.0.photo_required": True})
    assert "Step 1" in (task.notes[0].comment or "")


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
