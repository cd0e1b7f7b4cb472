"""The discussions of a project, with their comments."""

from __future__ import annotations

from jbcrm._core.pagination import AsyncPaginator
from jbcrm._core.paths import build_path
from jbcrm.jetbuilt._resource import JetbuiltResource
from jbcrm.jetbuilt.models import Discussion


class Discussions(JetbuiltResource):
    """``jb.projects.discussions``: the discussions of a project, with their comments."""

    __slots__ = ()

    def list(self, project_id: int) -> AsyncPaginator[Discussion]:
        """``GET /projects/<PROJECT_ID>/discussions``: every discussion of the project."""
        return self._list(
            build_path("/projects/{project_id}/discussions", project_id=project_id), Discussion
        )
