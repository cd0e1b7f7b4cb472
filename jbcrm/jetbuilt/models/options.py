"""Options of a project (called change orders once the project reaches the contract stage)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import attrs

from jbcrm._core.models import Model
from jbcrm.jetbuilt.models.items import Factor, LineItem, RoomRef


@attrs.frozen
class Option(Model):
    """An option or change order: ``GET /projects/<PROJECT_ID>/options``."""

    id: int
    name: str | None = None
    sold: bool | None = None
    scope: str | None = None
    total: Decimal | None = None
    upgrade_total: Decimal | None = None
    payment_schedule: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    active: bool | None = None
    change_order: bool | None = None
    room: RoomRef | None = None


@attrs.frozen
class OptionDetail(Option):
    """An option with its line items (paged) and factors:
    ``GET /projects/<PROJECT_ID>/options/<ID>``."""

    line_items: list[LineItem] = attrs.field(factory=list)
    factors: list[Factor] = attrs.field(factory=list)
