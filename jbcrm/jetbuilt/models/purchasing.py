"""Purchasing: consolidated line items to order, and the sources they are bought from."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import attrs

from jbcrm._core.models import Model
from jbcrm.jetbuilt.models.common import NamedRef


@attrs.frozen
class PurchasingLineItem(Model):
    """Line items grouped for purchasing: ``GET /projects/<PROJECT_ID>/purchasing`` and
    ``GET /projects/<PROJECT_ID>/options/<OPTION_ID>/purchasing`` (item key ``line_items``),
    and a purchase order's ``line_items``.

    ``ids`` are the grouped line items; ``sold_change_order`` says whether any of them comes
    from a sold change order.
    """

    ids: list[int] = attrs.field(factory=list)
    full_name: str | None = None
    short_description: str | None = None
    order_status: str | None = None
    order_notes: str | None = None
    cost: Decimal | None = None
    total_order_cost: Decimal | None = None
    project_quantity: Decimal | None = None
    order_quantity: Decimal | None = None
    source: NamedRef | None = None
    sold_change_order: bool | None = None


@attrs.frozen
class PurchasingSource(Model):
    """A purchasing source (supplier): ``GET /purchasing/sources``,
    ``GET /purchasing/sources/<ID>``."""

    id: int
    company_name: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    email: str | None = None
    phone: str | None = None
    default_ship: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    dealer_number: str | None = None
