"""Projects: the list form, and the richer form of a single project."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import attrs

from jbcrm._core.models import Model, json_field
from jbcrm.jetbuilt.models.common import NamedRef, Ref, UserRef
from jbcrm.jetbuilt.models.phases import Phase
from jbcrm.jetbuilt.models.rooms import Room
from jbcrm.jetbuilt.models.systems import System
from jbcrm.jetbuilt.models.tags import Tag


@attrs.frozen
class ProjectLabor(Model):
    """A labor type used in a project, with its rate and hours: ``GET /projects/<ID>`` ``labor``."""

    id: int
    name: str | None = None
    category: str | None = None
    cost: Decimal | None = None
    price: Decimal | None = None
    total_hours: Decimal | None = None


@attrs.frozen
class Bundle(Model):
    """A bundle of items in a project: ``GET /projects/<ID>`` ``bundles``."""

    id: int
    name: str | None = None
    description: str | None = None
    quantity: Decimal | None = None


@attrs.frozen
class ProjectVersion(Model):
    """Another version (revision) of a project: ``GET /projects/<ID>`` ``versions``."""

    id: int
    name: str | None = None
    description: str | None = None
    locked: bool | None = None


@attrs.frozen
class Project(Model):
    """A project as listed: ``GET /projects`` (the active version of each project).

    ``stage``, ``project_type`` and ``avso_region`` hold the values of
    :mod:`jbcrm.jetbuilt.enums`; ``probability`` and the taxes are fractions (``0.5`` = 50%).
    """

    _repr_fields = ("stage", "total")

    id: int
    name: str | None = None
    short_description: str | None = None
    payment_schedule: str | None = None
    custom_id: str | None = None
    version: str | None = None
    price_valid_until: date | None = None
    probability: Decimal | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    close_date: date | None = None
    budget: Decimal | None = None
    paid_to_date: Decimal | None = None
    stage: str | None = None
    contract_number: str | None = None
    labor_tax: Decimal | None = None
    requires_engineering: bool | None = json_field("requires_engineering?", default=None)
    avso: bool | None = None
    avso_region: str | None = None
    project_type: str | None = None
    sales_tax: Decimal | None = None
    equipment_total: Decimal | None = None
    labor_total: Decimal | None = None
    shipping_total: Decimal | None = None
    tax_total: Decimal | None = None
    total: Decimal | None = None
    address: str | None = None
    city: str | None = None
    state: str | None = None
    zipcode: str | None = None
    country: str | None = None
    owner: UserRef | None = None
    project_manager: UserRef | None = None
    engineer: UserRef | None = None
    second_engineer: UserRef | None = None
    client: Ref | None = None
    primary_contact: Ref | None = None
    company_location: NamedRef | None = None
    market_segment: Ref | None = None
    currency: str | None = None
    #: Rates from the project currency to others, keyed by ISO code.
    exchange_rates: dict[str, Decimal] | None = None
    image_url: str | None = None
    active: bool | None = None
    shared: bool | None = None
    original_version_id: int | None = None


@attrs.frozen
class ProjectDetail(Project):
    """A project with its rooms, systems, tags, phases, labor, bundles and versions:
    ``GET /projects/<ID>``, ``POST /projects``, ``PUT /projects/<ID>``, and the new version
    ``POST /projects/<PROJECT_ID>/revisions`` returns. Margins are percentages (``42.0``)."""

    total_margin: Decimal | None = None
    equipment_margin: Decimal | None = None
    rooms: list[Room] = attrs.field(factory=list)
    systems: list[System] = attrs.field(factory=list)
    tags: list[Tag] = attrs.field(factory=list)
    phases: list[Phase] = attrs.field(factory=list)
    labor: list[ProjectLabor] = attrs.field(factory=list)
    bundles: list[Bundle] = attrs.field(factory=list)
    versions: list[ProjectVersion] = attrs.field(factory=list)
