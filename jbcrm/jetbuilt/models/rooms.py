"""Rooms of a project or of an option."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import attrs

from jbcrm._core.models import Model
from jbcrm.jetbuilt.models.items import Factor, LineItem


@attrs.frozen
class Room(Model):
    """A room: ``GET /projects/<PROJECT_ID>/rooms``, ``GET .../options/<OPTION_ID>/rooms``, and
    each of a project's ``rooms`` (``GET /projects/<ID>``, which adds ``scope`` and ``active``)."""

    id: int
    name: str | None = None
    quantity: Decimal | None = None
    scope: str | None = None
    active: bool | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None


@attrs.frozen
class RoomDetail(Room):
    """A room with its totals, line items and factors: ``GET /projects/<PROJECT_ID>/rooms/<ID>``,
    ``GET /projects/<PROJECT_ID>/options/<OPTION_ID>/rooms/<ID>``.

    Totals are not rounded: the room's share of project-wide factors is fractional.
    """

    total_cost: Decimal | None = None
    total_price: Decimal | None = None
    total_tax: Decimal | None = None
    equipment_total_cost: Decimal | None = None
    equipment_total_price: Decimal | None = None
    labor_total_cost: Decimal | None = None
    labor_total_price: Decimal | None = None
    other_total_cost: Decimal | None = None
    other_total_price: Decimal | None = None
    line_items: list[LineItem] = attrs.field(factory=list)
    factors: list[Factor] = attrs.field(factory=list)
