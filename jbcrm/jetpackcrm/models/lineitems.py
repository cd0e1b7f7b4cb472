"""Line items of quotes and invoices."""

from __future__ import annotations

from decimal import Decimal

import attrs

from jbcrm._core.models import UnixTime
from jbcrm.jetpackcrm.models._base import JetpackModel

__all__ = ["LineItem"]


@attrs.frozen
class LineItem(JetpackModel):
    """A line of a quote or an invoice (its ``lineitems``). ``taxes`` names the tax rates
    applied, by id ("1", "1,2"); money is ``Decimal``."""

    id: int
    owner: int | None = None
    order: int | None = None
    title: str | None = None
    desc: str | None = None
    quantity: Decimal | None = None
    price: Decimal | None = None
    currency: str | None = None
    net: Decimal | None = None
    discount: Decimal | None = None
    fee: Decimal | None = None
    shipping: Decimal | None = None
    shipping_taxes: str | None = None
    shipping_tax: Decimal | None = None
    taxes: str | None = None
    tax: Decimal | None = None
    total: Decimal | None = None
    created: UnixTime | None = None
    lastupdated: UnixTime | None = None
