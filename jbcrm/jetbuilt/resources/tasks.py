"""Tasks, with their steps and notes."""

from __future__ import annotations

from jbcrm._core.pagination import AsyncPaginator
from jbcrm._core.params import TypedDict, Unpack
from jbcrm._core.paths import build_path
from jbcrm.jetbuilt._resource import JetbuiltResource
from jbcrm.jetbuilt.enums import TaskType
from jbcrm.jetbuilt.models import Task, TaskDetail


class TaskFilters(TypedDict, total=False):
    """The filters of ``jb.tasks.list``."""

    project_id: int | None
    type: TaskType | None


class Tasks(JetbuiltResource):
    """``jb.tasks``: install and sales tasks."""

    __slots__ = ()

    def list(self, **filters: Unpack[TaskFilters]) -> AsyncPaginator[Task]:
        """``GET /tasks``: every task, or those of ``project_id`` and/or of one ``type``
        (``"install"`` or ``"sales"``)."""
        return self._list("/tasks", Task, TaskFilters, filters)

    async def get(self, task_id: int) -> TaskDetail:
        """``GET /tasks/<ID>``: one task with its steps and notes."""
        return await self._get(build_path("/tasks/{task_id}", task_id=task_id), TaskDetail)
