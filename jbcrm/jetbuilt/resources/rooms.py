"""The rooms of a project."""

from __future__ import annotations

from jbcrm._core.pagination import AsyncPaginator
from jbcrm._core.paths import build_path
from jbcrm.jetbuilt._resource import JetbuiltResource
from jbcrm.jetbuilt.models import Room, RoomDetail


class Rooms(JetbuiltResource):
    """``jb.projects.rooms``: the rooms of a project (the project id comes first)."""

    __slots__ = ()

    def list(self, project_id: int) -> AsyncPaginator[Room]:
        """``GET /projects/<PROJECT_ID>/rooms``: every room of the project."""
        return self._list(build_path("/projects/{project_id}/rooms", project_id=project_id), Room)

    async def get(self, project_id: int, room_id: int) -> RoomDetail:
        """``GET /projects/<PROJECT_ID>/rooms/<ID>``: one room with its (unrounded) totals,
        factors and all of its line items (the server pages them; every page is fetched)."""
        path = build_path(
            "/projects/{project_id}/rooms/{room_id}", project_id=project_id, room_id=room_id
        )
        return await self._get_with_all(path, RoomDetail, list_key="line_items")
