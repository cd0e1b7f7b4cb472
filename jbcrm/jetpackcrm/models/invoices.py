"""Invoices."""

from __future__ import annotations

from decimal import Decimal

import attrs

from jbcrm._core.models import UnixTime
from jbcrm.jetpackcrm.models._base import JetpackModel


@attrs.frozen
class Invoice(JetpackModel):
    """An invoice: ``GET /invoices``, and a customer's or company's ``invoices`` when
    included. Money is ``Decimal``; ``0`` dates (not due, not paid) are ``None``."""

    id: int
    owner: int | None = None
    id_override: str | None = None
    parent: int | None = None
    status: str | None = None
    status_label: str | None = None
    hash: str | None = None
    currency: str | None = None
    addressed_from: str | None = None
    addressed_to: str | None = None
    address_to_objtype: int | None = None
    allow_partial: bool | None = None
    allow_tip: bool | None = None
    date: UnixTime | None = None
    due_date: UnixTime | None = None
    paid_date: UnixTime | None = None
    net: Decimal | None = None
    discount: Decimal | None = None
    discount_type: str | None = None
    shipping: Decimal | None = None
    tax: Decimal | None = None
    total: Decimal | None = None
    hash_viewed_count: int | None = None
    portal_viewed_count: int | None = None
    created: UnixTime | None = None
    lastupdated: UnixTime | None = None
