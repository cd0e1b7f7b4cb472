"""Tasks, with their steps and notes."""

from __future__ import annotations

from jbcrm._core.pagination import AsyncPaginator
from jbcrm._core.paths import build_path
from jbcrm.jetbuilt._resource import JetbuiltResource, check_choice
from jbcrm.jetbuilt.enums import TASK_TYPES, TaskType
from jbcrm.jetbuilt.models import Task, TaskDetail


class Tasks(JetbuiltResource):
    """``jb.tasks``: install and sales tasks."""

    __slots__ = ()

    def list(
        self, *, project_id: int | None = None, type: TaskType | None = None
    ) -> AsyncPaginator[Task]:
        """``GET /tasks``: every task, or those of ``project_id`` and/or of one ``type``
        (``"install"`` or ``"sales"``)."""
        check_choice("type", type, TASK_TYPES)
        return self._list("/tasks", Task, params={"project_id": project_id, "type": type})

    async def get(self, task_id: int) -> TaskDetail:
        """``GET /tasks/<ID>``: one task with its steps and notes."""
        return await self._get(build_path("/tasks/{task_id}", task_id=task_id), TaskDetail)
