"""Projects, their revisions, and the namespaces of everything under a project."""

from __future__ import annotations

from datetime import date

from jbcrm._core.pagination import AsyncPaginator
from jbcrm._core.params import Required, TypedDict, Unpack
from jbcrm._core.paths import build_path
from jbcrm.jetbuilt._resource import JetbuiltResource
from jbcrm.jetbuilt.enums import AvsoRegion, ProjectType, Stage
from jbcrm.jetbuilt.models import Project, ProjectDetail
from jbcrm.jetbuilt.params import Number, TimeFilters
from jbcrm.jetbuilt.resources.discussions import Discussions
from jbcrm.jetbuilt.resources.items import LineItems
from jbcrm.jetbuilt.resources.options import Options
from jbcrm.jetbuilt.resources.purchasing import ProjectPurchasing
from jbcrm.jetbuilt.resources.rooms import Rooms
from jbcrm.jetbuilt.resources.service_packages import ServicePackages
from jbcrm.jetbuilt.resources.systems import Systems
from jbcrm.jetbuilt.resources.tags import Tags


class ProjectFilters(TimeFilters, total=False):
    """The filters of ``jb.projects.list``."""

    stage: Stage | None


class ProjectFields(TypedDict, total=False):
    """What a project's create and update both take."""

    budget: Number | None
    market_segment_id: int | None
    paid_to_date: Number | None
    probability: Number | None
    close_date: date | None
    primary_contact_id: int | None
    custom_id: str | None
    short_description: str | None
    city: str | None
    state: str | None
    street_address: str | None
    zipcode: str | None
    country: str | None
    price_valid_until: date | None
    tax: Number | None
    contract_number: str | None
    project_type: ProjectType | None
    project_manager_id: int | None
    engineer_id: int | None
    second_engineer_id: int | None
    avso: bool | None
    #: Checked before sending: the server silently unsets the region when sent another value.
    avso_region: AvsoRegion | None


class ProjectCreate(ProjectFields, total=False):
    """The arguments of ``jb.projects.create``."""

    location_id: Required[int]
    user_id: Required[int]
    client_id: Required[int]
    name: Required[str]
    currency: str | None


class ProjectUpdate(ProjectFields, total=False):
    """The arguments of ``jb.projects.update``."""

    user_id: int | None
    name: str | None
    stage: Stage | None


class RevisionCreate(TypedDict, total=False):
    """The arguments of ``jb.projects.revisions.create``."""

    name: str | None
    description: str | None


class Revisions(JetbuiltResource):
    """``jb.projects.revisions``: new versions of a project."""

    __slots__ = ()

    async def create(self, project_id: int, **fields: Unpack[RevisionCreate]) -> ProjectDetail:
        """``POST /projects/<PROJECT_ID>/revisions``: create a new version of the project and
        return it (the server may take a few moments). Not retried once sent."""
        path = build_path("/projects/{project_id}/revisions", project_id=project_id)
        return await self._write("POST", path, ProjectDetail, RevisionCreate, fields)


class Projects(JetbuiltResource):
    """``jb.projects``: your projects, and (project id first) everything under one."""

    __slots__ = ()

    @property
    def revisions(self) -> Revisions:
        """``/projects/<PROJECT_ID>/revisions``."""
        return Revisions(self._client)

    @property
    def items(self) -> LineItems:
        """``/projects/<PROJECT_ID>/items``."""
        return LineItems(self._client)

    @property
    def options(self) -> Options:
        """``/projects/<PROJECT_ID>/options``."""
        return Options(self._client)

    @property
    def rooms(self) -> Rooms:
        """``/projects/<PROJECT_ID>/rooms``."""
        return Rooms(self._client)

    @property
    def systems(self) -> Systems:
        """``/projects/<PROJECT_ID>/systems``."""
        return Systems(self._client)

    @property
    def tags(self) -> Tags:
        """``/projects/<PROJECT_ID>/tags``."""
        return Tags(self._client)

    @property
    def discussions(self) -> Discussions:
        """``/projects/<PROJECT_ID>/discussions``."""
        return Discussions(self._client)

    @property
    def purchasing(self) -> ProjectPurchasing:
        """``/projects/<PROJECT_ID>/purchasing``."""
        return ProjectPurchasing(self._client)

    @property
    def service_packages(self) -> ServicePackages:
        """``/projects/<PROJECT_ID>/service_packages``."""
        return ServicePackages(self._client)

    def list(self, **filters: Unpack[ProjectFilters]) -> AsyncPaginator[Project]:
        """``GET /projects``: the active version of every project (shared ones included),
        optionally of one ``stage`` and created or updated after ``min_*`` / before ``max_*``
        (a ``date`` or ``datetime``, sent as ISO 8601; the server reads a naive value as UTC)."""
        return self._list("/projects", Project, ProjectFilters, filters)

    async def get(self, project_id: int) -> ProjectDetail:
        """``GET /projects/<ID>``: one project with its rooms, systems, tags, phases, labor,
        bundles and versions."""
        return await self._get(
            build_path("/projects/{project_id}", project_id=project_id), ProjectDetail
        )

    async def create(self, **fields: Unpack[ProjectCreate]) -> ProjectDetail:
        """``POST /projects``: create a project (in the opportunity stage) at office
        ``location_id``, owned by ``user_id``, for ``client_id``.

        ``probability`` and ``tax`` are fractions (``0.7`` = 70%). ``project_type``, the
        manager and engineers, ``avso`` and ``avso_region`` are for enterprise companies.
        Not retried once sent.
        """
        return await self._write("POST", "/projects", ProjectDetail, ProjectCreate, fields)

    async def update(self, project_id: int, **fields: Unpack[ProjectUpdate]) -> ProjectDetail:
        """``PATCH /projects/<ID>`` (documented as PUT): change the fields given; ``None``
        leaves a field as it is, :data:`jbcrm.NULL` clears it. ``stage`` moves the project
        (``"lost"``, ``"trash"``, ...)."""
        path = build_path("/projects/{project_id}", project_id=project_id)
        return await self._write("PATCH", path, ProjectDetail, ProjectUpdate, fields)
