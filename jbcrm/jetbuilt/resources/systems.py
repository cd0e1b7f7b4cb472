"""The systems of a project."""

from __future__ import annotations

from jbcrm._core.pagination import AsyncPaginator
from jbcrm._core.paths import build_path
from jbcrm.jetbuilt._resource import JetbuiltResource
from jbcrm.jetbuilt.models import System


class Systems(JetbuiltResource):
    """``jb.projects.systems``: the systems of a project."""

    __slots__ = ()

    def list(self, project_id: int) -> AsyncPaginator[System]:
        """``GET /projects/<PROJECT_ID>/systems``: every system of the project."""
        return self._list(
            build_path("/projects/{project_id}/systems", project_id=project_id), System
        )
