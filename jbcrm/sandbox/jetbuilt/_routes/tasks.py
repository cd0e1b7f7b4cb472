"""Tasks, with their steps and notes."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from jbcrm.sandbox.jetbuilt._http import find, ok, path_id, store_of
from jbcrm.sandbox.jetbuilt._routes._common import int_param, paged
from jbcrm.sandbox.jetbuilt._store import public


async def list_tasks(request: Request) -> Response:
    """GET /tasks, optionally by `project_id` and `type` (install or sales)."""
    tasks = list(store_of(request).tasks.values())
    project = int_param(request, "project_id")
    if project is not None:
        tasks = [t for t in tasks if t["project_id"] == project]
    kind = request.query_params.get("type")
    if kind:
        tasks = [t for t in tasks if t["_type"] == kind]
    return paged(request, tasks)


async def get_task(request: Request) -> Response:
    """GET /tasks/<ID> (the document also prints /task/<ID>): with steps and notes."""
    task = find(store_of(request).tasks, path_id(request))
    return ok({**public(task), "steps": task["_steps"], "notes": task["_notes"]})


ROUTES = [
    Route("/tasks", list_tasks, methods=["GET"]),
    Route("/tasks/{id}", get_task, methods=["GET"]),
    Route("/task/{id}", get_task, methods=["GET"]),
]
