"""Tasks: each operation sends the documented request and decodes the document's example."""

from __future__ import annotations

from datetime import date

import pytest
import respx

from jbcrm import InvalidArgumentError, Jetbuilt
from tests.jetbuilt.fixtures import load
from tests.jetbuilt.resources.support import assert_sent, operation, spot


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
