"""Purchase orders."""

from __future__ import annotations

from datetime import datetime

import attrs

from jbcrm._core.models import Model
from jbcrm.jetbuilt.models.purchasing import PurchasingLineItem


@attrs.frozen
class ShipAddress(Model):
    """Where a purchase order ships to: a purchase order's ``ship_address``."""

    street: str | None = None
    city: str | None = None
    region: str | None = None
    postal_code: str | None = None
    country: str | None = None


@attrs.frozen
class PurchaseOrder(Model):
    """A purchase order: ``GET /purchase_orders``."""

    id: int
    user_id: int | None = None
    project_id: int | None = None
    purchasing_source_id: int | None = None
    custom_id: str | None = None
    notes: str | None = None
    status: str | None = None
    shipping_option: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    ship_to: str | None = None
    ship_address: ShipAddress | None = None


@attrs.frozen
class PurchaseOrderDetail(PurchaseOrder):
    """A purchase order with its line items: ``GET /purchase_orders/<ID>``."""

    line_items: list[PurchasingLineItem] = attrs.field(factory=list)
