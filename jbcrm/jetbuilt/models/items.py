"""Line items and factors: the items of a project, an option or a room."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

import attrs

from jbcrm._core.models import Model
from jbcrm.jetbuilt.models.common import NamedRef


@attrs.frozen
class RoomRef(Model):
    """The room a line item sits in, with the room's quantity: a line item's ``room``."""

    id: int
    name: str | None = None
    quantity: Decimal | None = None


@attrs.frozen
class BundleRef(Model):
    """The bundle a line item belongs to, with the bundle's quantity: a line item's ``bundle``."""

    id: int
    name: str | None = None
    quantity: Decimal | None = None


@attrs.frozen
class LineItemLabor(Model):
    """Labor attached to a line item: a line item's ``labor`` (``GET /projects/<ID>/items``)."""

    category: str | None = None
    minutes: Decimal | None = None
    taxable: bool | None = None
    cost: Decimal | None = None
    price: Decimal | None = None
    labor_type: NamedRef | None = None


@attrs.frozen
class LineItem(Model):
    """A line item: ``GET /projects/<PROJECT_ID>/items`` ``line_items`` (and the line items of
    an option or a room); ``POST/PUT /projects/<PROJECT_ID>/items[/<ID>]``.

    ``quantity`` is the total across rooms and bundles; ``quantity_per_room`` and
    ``quantity_per_bundle`` break it down. ``price`` is in the project currency, ``msrp``,
    ``mapp`` and ``cost`` in ``currency_iso``. The document announces that money values will
    become ``{"cents", "currency_iso"}`` objects: those decode to the same ``Decimal`` amount
    (the object stays in :attr:`raw`).
    ``kind`` holds the values of :data:`jbcrm.jetbuilt.enums.LineItemKind`.
    """

    _repr_fields = ("part_number", "quantity", "price")

    id: int
    manufacturer_id: int | None = None
    manufacturer_name: str | None = None
    model: str | None = None
    part_number: str | None = None
    owner_furnished: bool | None = None
    msrp: Decimal | None = None
    mapp: Decimal | None = None
    price: Decimal | None = None
    cost: Decimal | None = None
    currency_iso: str | None = None
    short_description: str | None = None
    shipping_price: Decimal | None = None
    subtotal_equipment_price: Decimal | None = None
    total_equipment_price: Decimal | None = None
    tax_equipment: bool | None = None
    tax_shipping: bool | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    notes: str | None = None
    external_notes: str | None = None
    subcontract_labor_cost: Decimal | None = None
    subcontract_labor_price: Decimal | None = None
    kind: str | None = None
    hidden: bool | None = None
    purchasing_released: bool | None = None
    engineering_released: bool | None = None
    avso_ranking: str | None = None
    avso_discount: Decimal | None = None
    avso_msrp: Decimal | None = None
    avso_item_name: str | None = None
    discount: Decimal | None = None
    custom: bool | None = None
    product_id: int | None = None
    custom_product_id: int | None = None
    quantity: Decimal | None = None
    quantity_per_room: Decimal | None = None
    quantity_per_bundle: Decimal | None = None
    bundle: BundleRef | None = None
    room: RoomRef | None = None
    system: NamedRef | None = None
    tag: NamedRef | None = None
    phase: NamedRef | None = None
    option: NamedRef | None = None
    labor: list[LineItemLabor] = attrs.field(factory=list)
    #: Arbitrary JSON an integration attached to the item.
    metadata: dict[str, Any] | None = None
    #: In an option (``GET /projects/<PROJECT_ID>/options/<ID>``): the items this one replaces.
    replacement_lineitem_ids: list[int] = attrs.field(factory=list)


@attrs.frozen
class Trip(Model):
    """A trip of a trip calculator (``trip_calc``) factor: a factor's ``trips``."""

    description: str | None = None
    days: int | None = None


@attrs.frozen
class Expense(Model):
    """An expense of a trip calculator (``trip_calc``) factor: a factor's ``expenses``."""

    expense_name: str | None = None
    calculation_method: str | None = None
    per_crew_member: bool | None = None
    plus_supervisor: bool | None = None
    cost: Decimal | None = None
    price: Decimal | None = None


@attrs.frozen
class Factor(Model):
    """A factor (management, shipping, trips, ...): ``factors`` of ``GET /projects/<ID>/items``,
    of an option and of a room."""

    id: int
    name: str | None = None
    description: str | None = None
    factor_method: str | None = None
    total_cost: Decimal | None = None
    total_price: Decimal | None = None
    total_tax: Decimal | None = None
    taxed: bool | None = None
    hidden: bool | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    trips: list[Trip] = attrs.field(factory=list)
    expenses: list[Expense] = attrs.field(factory=list)


@attrs.frozen
class ProjectItems(Model):
    """One page of ``GET /projects/<PROJECT_ID>/items``: line items (paged) and all factors."""

    line_items: list[LineItem] = attrs.field(factory=list)
    factors: list[Factor] = attrs.field(factory=list)
