"""Projects, their revisions, and the namespaces of everything under a project."""

from __future__ import annotations

from datetime import date

from jbcrm._core.pagination import AsyncPaginator
from jbcrm._core.paths import build_path
from jbcrm.jetbuilt._resource import JetbuiltResource, Number, When, check_choice
from jbcrm.jetbuilt.enums import (
    AVSO_REGIONS,
    PROJECT_TYPES,
    STAGES,
    AvsoRegion,
    ProjectType,
    Stage,
)
from jbcrm.jetbuilt.models import Project, ProjectDetail
from jbcrm.jetbuilt.resources.project_items import LineItems
from jbcrm.jetbuilt.resources.project_options import Options
from jbcrm.jetbuilt.resources.project_parts import (
    Discussions,
    ProjectPurchasing,
    Rooms,
    ServicePackages,
    Systems,
    Tags,
)


def _check_enterprise(project_type: str | None, avso_region: str | None) -> None:
    check_choice("project_type", project_type, PROJECT_TYPES)
    # The server silently unsets the region when sent an unknown value: refuse it here.
    check_choice("avso_region", avso_region, AVSO_REGIONS)


class Revisions(JetbuiltResource):
    """``jb.projects.revisions``: new versions of a project."""

    __slots__ = ()

    async def create(
        self, project_id: int, *, name: str | None = None, description: str | None = None
    ) -> ProjectDetail:
        """``POST /projects/<PROJECT_ID>/revisions``: create a new version of the project and
        return it (the server may take a few moments). Not retried once sent."""
        body = {"name": name, "description": description}
        return await self._create(
            build_path("/projects/{project_id}/revisions", project_id=project_id),
            ProjectDetail,
            body,
        )


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

    def list(
        self,
        *,
        stage: Stage | None = None,
        min_created_at: When | None = None,
        max_created_at: When | None = None,
        min_updated_at: When | None = None,
        max_updated_at: When | None = None,
    ) -> AsyncPaginator[Project]:
        """``GET /projects``: the active version of every project (shared ones included),
        optionally of one ``stage`` and created or updated after ``min_*`` / before ``max_*``
        (a ``date`` or ``datetime``, sent as ISO 8601; the server reads a naive value as UTC)."""
        check_choice("stage", stage, STAGES)
        params = {
            "stage": stage,
            "min_created_at": min_created_at,
            "max_created_at": max_created_at,
            "min_updated_at": min_updated_at,
            "max_updated_at": max_updated_at,
        }
        return self._list("/projects", Project, params=params)

    async def get(self, project_id: int) -> ProjectDetail:
        """``GET /projects/<ID>``: one project with its rooms, systems, tags, phases, labor,
        bundles and versions."""
        return await self._get(
            build_path("/projects/{project_id}", project_id=project_id), ProjectDetail
        )

    async def create(
        self,
        *,
        location_id: int,
        user_id: int,
        client_id: int,
        name: str,
        budget: Number | None = None,
        market_segment_id: int | None = None,
        paid_to_date: Number | None = None,
        probability: Number | None = None,
        close_date: date | None = None,
        primary_contact_id: int | None = None,
        custom_id: str | None = None,
        currency: str | None = None,
        short_description: str | None = None,
        city: str | None = None,
        state: str | None = None,
        street_address: str | None = None,
        zipcode: str | None = None,
        country: str | None = None,
        price_valid_until: date | None = None,
        tax: Number | None = None,
        contract_number: str | None = None,
        project_type: ProjectType | None = None,
        project_manager_id: int | None = None,
        engineer_id: int | None = None,
        second_engineer_id: int | None = None,
        avso: bool | None = None,
        avso_region: AvsoRegion | None = None,
    ) -> ProjectDetail:
        """``POST /projects``: create a project (in the opportunity stage) at office
        ``location_id``, owned by ``user_id``, for ``client_id``.

        ``probability`` and ``tax`` are fractions (``0.7`` = 70%). ``project_type``, the
        manager and engineers, ``avso`` and ``avso_region`` are for enterprise companies.
        Not retried once sent.
        """
        _check_enterprise(project_type, avso_region)
        body = {
            "location_id": location_id,
            "user_id": user_id,
            "client_id": client_id,
            "name": name,
            "budget": budget,
            "market_segment_id": market_segment_id,
            "paid_to_date": paid_to_date,
            "probability": probability,
            "close_date": close_date,
            "primary_contact_id": primary_contact_id,
            "custom_id": custom_id,
            "currency": currency,
            "short_description": short_description,
            "city": city,
            "state": state,
            "street_address": street_address,
            "zipcode": zipcode,
            "country": country,
            "price_valid_until": price_valid_until,
            "tax": tax,
            "contract_number": contract_number,
            "project_type": project_type,
            "project_manager_id": project_manager_id,
            "engineer_id": engineer_id,
            "second_engineer_id": second_engineer_id,
            "avso": avso,
            "avso_region": avso_region,
        }
        return await self._create("/projects", ProjectDetail, body)

    async def update(
        self,
        project_id: int,
        *,
        user_id: int | None = None,
        name: str | None = None,
        stage: Stage | None = None,
        budget: Number | None = None,
        market_segment_id: int | None = None,
        paid_to_date: Number | None = None,
        probability: Number | None = None,
        close_date: date | None = None,
        primary_contact_id: int | None = None,
        custom_id: str | None = None,
        short_description: str | None = None,
        city: str | None = None,
        state: str | None = None,
        street_address: str | None = None,
        zipcode: str | None = None,
        country: str | None = None,
        price_valid_until: date | None = None,
        tax: Number | None = None,
        contract_number: str | None = None,
        project_type: ProjectType | None = None,
        project_manager_id: int | None = None,
        engineer_id: int | None = None,
        second_engineer_id: int | None = None,
        avso: bool | None = None,
        avso_region: AvsoRegion | None = None,
    ) -> ProjectDetail:
        """``PATCH /projects/<ID>`` (documented as PUT): change the fields given; ``None``
        leaves a field as it is, :data:`jbcrm.NULL` clears it. ``stage`` moves the project
        (``"lost"``, ``"trash"``, ...)."""
        check_choice("stage", stage, STAGES)
        _check_enterprise(project_type, avso_region)
        body = {
            "user_id": user_id,
            "name": name,
            "stage": stage,
            "budget": budget,
            "market_segment_id": market_segment_id,
            "paid_to_date": paid_to_date,
            "probability": probability,
            "close_date": close_date,
            "primary_contact_id": primary_contact_id,
            "custom_id": custom_id,
            "short_description": short_description,
            "city": city,
            "state": state,
            "street_address": street_address,
            "zipcode": zipcode,
            "country": country,
            "price_valid_until": price_valid_until,
            "tax": tax,
            "contract_number": contract_number,
            "project_type": project_type,
            "project_manager_id": project_manager_id,
            "engineer_id": engineer_id,
            "second_engineer_id": second_engineer_id,
            "avso": avso,
            "avso_region": avso_region,
        }
        return await self._update(
            build_path("/projects/{project_id}", project_id=project_id), ProjectDetail, body
        )
