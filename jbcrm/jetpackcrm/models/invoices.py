"""Invoices."""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

import attrs

from jbcrm._core.models import UnixTime
from jbcrm.jetpackcrm.models._base import JetpackModel, owner_id
from jbcrm.jetpackcrm.models.lineitems import LineItem

__all__ = ["Invoice"]


@attrs.frozen
class Invoice(JetpackModel):
    """An invoice: ``GET /invoices``, and a customer's or company's ``invoices`` when included.

    Money is ``Decimal``; ``date``, ``due_date`` and ``paid_date`` are read from the plugin's
    unix times (``0``, not due or not paid, is ``None``). Their ``*_date`` companions are the
    same days printed for display, in the site's own formats ("November 30, 2026" for the
    date, "11/30/2026" for the paid date) and time zone, neither of which the API states: they
    stay as text in :attr:`extra`.
    """

    _columns: ClassVar[frozenset[str]] = frozenset(
        {
            "pdf_template", "portal_template", "email_template", "invoice_frequency", "pay_via",
            "logo_url", "hours_or_quantity", "hash_viewed", "portal_viewed",
        }
    )  # fmt: skip
    _has_custom_fields: ClassVar[bool] = True

    id: int
    owner: int | None = attrs.field(default=None, converter=owner_id)
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
    send_attachments: bool | None = None
    date: UnixTime | None = None
    due_date: UnixTime | None = None
    paid_date: UnixTime | None = None
    net: Decimal | None = None
    discount: Decimal | None = None
    discount_type: str | None = None
    shipping: Decimal | None = None
    shipping_taxes: str | None = None
    shipping_tax: Decimal | None = None
    taxes: str | None = None
    tax: Decimal | None = None
    total: Decimal | None = None
    hash_viewed_count: int | None = None
    portal_viewed_count: int | None = None
    created: UnixTime | None = None
    lastupdated: UnixTime | None = None
    lineitems: list[LineItem] | None = None
