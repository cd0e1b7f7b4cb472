"""The parts of a project read on their own: rooms, systems, tags, discussions, purchasing
and service packages."""

from __future__ import annotations

from jbcrm._core.pagination import AsyncPaginator
from jbcrm._core.paths import build_path
from jbcrm.jetbuilt._resource import JetbuiltResource, Number
from jbcrm.jetbuilt.models import (
    Discussion,
    PurchasingLineItem,
    Room,
    RoomDetail,
    ServicePackage,
    System,
    Tag,
)


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


class Systems(JetbuiltResource):
    """``jb.projects.systems``: the systems of a project."""

    __slots__ = ()

    def list(self, project_id: int) -> AsyncPaginator[System]:
        """``GET /projects/<PROJECT_ID>/systems``: every system of the project."""
        return self._list(
            build_path("/projects/{project_id}/systems", project_id=project_id), System
        )


class Tags(JetbuiltResource):
    """``jb.projects.tags``: the tags of a project."""

    __slots__ = ()

    def list(self, project_id: int) -> AsyncPaginator[Tag]:
        """``GET /projects/<PROJECT_ID>/tags``: every tag of the project."""
        return self._list(build_path("/projects/{project_id}/tags", project_id=project_id), Tag)


class Discussions(JetbuiltResource):
    """``jb.projects.discussions``: the discussions of a project, with their comments."""

    __slots__ = ()

    def list(self, project_id: int) -> AsyncPaginator[Discussion]:
        """``GET /projects/<PROJECT_ID>/discussions``: every discussion of the project."""
        return self._list(
            build_path("/projects/{project_id}/discussions", project_id=project_id), Discussion
        )


class ProjectPurchasing(JetbuiltResource):
    """``jb.projects.purchasing``: a project's line items grouped for purchasing."""

    __slots__ = ()

    def list(self, project_id: int) -> AsyncPaginator[PurchasingLineItem]:
        """``GET /projects/<PROJECT_ID>/purchasing``: the line items consolidated for
        ordering (``ids`` lists the grouped items), with their purchasing source when set."""
        path = build_path("/projects/{project_id}/purchasing", project_id=project_id)
        return self._list(path, PurchasingLineItem, item_key="line_items")


class ServicePackages(JetbuiltResource):
    """``jb.projects.service_packages``: the service packages of a project."""

    __slots__ = ()

    def list(self, project_id: int) -> AsyncPaginator[ServicePackage]:
        """``GET /projects/<PROJECT_ID>/service_packages``: every service package."""
        path = build_path("/projects/{project_id}/service_packages", project_id=project_id)
        return self._list(path, ServicePackage, item_key="service_packages")

    async def get(self, project_id: int, package_id: int) -> ServicePackage:
        """``GET /projects/<PROJECT_ID>/service_packages/<ID>``: one service package."""
        path = build_path(
            "/projects/{project_id}/service_packages/{package_id}",
            project_id=project_id,
            package_id=package_id,
        )
        return await self._get(path, ServicePackage)

    async def update(
        self,
        project_id: int,
        package_id: int,
        *,
        price: Number | None = None,
        cost: Number | None = None,
    ) -> ServicePackage:
        """``PATCH /projects/<PROJECT_ID>/service_packages/<ID>`` (documented as PUT): change
        the price or cost (not in a locked project)."""
        path = build_path(
            "/projects/{project_id}/service_packages/{package_id}",
            project_id=project_id,
            package_id=package_id,
        )
        return await self._update(path, ServicePackage, {"price": price, "cost": cost})
