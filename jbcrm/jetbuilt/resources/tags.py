"""The tags of a project."""

from __future__ import annotations

from jbcrm._core.pagination import AsyncPaginator
from jbcrm._core.paths import build_path
from jbcrm.jetbuilt._resource import JetbuiltResource
from jbcrm.jetbuilt.models import Tag


class Tags(JetbuiltResource):
    """``jb.projects.tags``: the tags of a project."""

    __slots__ = ()

    def list(self, project_id: int) -> AsyncPaginator[Tag]:
        """``GET /projects/<PROJECT_ID>/tags``: every tag of the project."""
        return self._list(build_path("/projects/{project_id}/tags", project_id=project_id), Tag)
