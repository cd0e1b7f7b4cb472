"""The service packages of a project."""

from __future__ import annotations

from jbcrm._core.pagination import AsyncPaginator
from jbcrm._core.params import TypedDict, Unpack
from jbcrm._core.paths import build_path
from jbcrm.jetbuilt._resource import JetbuiltResource
from jbcrm.jetbuilt.models import ServicePackage
from jbcrm.jetbuilt.params import Number


class ServicePackageUpdate(TypedDict, total=False):
    """The arguments of ``jb.projects.service_packages.update``."""

    price: Number | None
    cost: Number | None


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
        self, project_id: int, package_id: int, **fields: Unpack[ServicePackageUpdate]
    ) -> ServicePackage:
        """``PATCH /projects/<PROJECT_ID>/service_packages/<ID>`` (documented as PUT): change
        the price or cost (not in a locked project)."""
        path = build_path(
            "/projects/{project_id}/service_packages/{package_id}",
            project_id=project_id,
            package_id=package_id,
        )
        return await self._write("PATCH", path, ServicePackage, ServicePackageUpdate, fields)
