"""Transactions."""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

import attrs

from jbcrm._core.models import UnixTime
from jbcrm.jetpackcrm.models._base import JetpackModel, owner_id
from jbcrm.jetpackcrm.models.lineitems import LineItem

__all__ = ["Transaction"]


@attrs.frozen
class Transaction(JetpackModel):
    """A transaction: ``GET /transactions``, a customer's ``transactions`` when included, and
    the echo of ``create_transaction`` (whose ``orderid`` is kept as ``ref``).

    ``status_bool`` is ``1`` when the site counts the status as successful, ``-1`` otherwise;
    ``type_accounting`` is the plugin's ``credit``/``debit`` reading of ``type``; ``taxes``
    names the tax rates applied, by id. A customer listing's transactions also carry
    ``contact`` and ``company`` lists (the customer itself), kept in :attr:`extra`. Custom
    fields are in :attr:`custom_fields`.
    """

    _columns: ClassVar[frozenset[str]] = frozenset(
        {"orderid", "email", "fname", "assign", "contact", "company"}
    )
    _has_custom_fields: ClassVar[bool] = True

    id: int
    owner: int | None = attrs.field(default=None, converter=owner_id)
    status: str | None = None
    type: str | None = None
    status_bool: int | None = None
    type_accounting: str | None = None
    ref: str | None = None
    origin: str | None = None
    parent: int | None = None
    hash: str | None = None
    title: str | None = None
    desc: str | None = None
    date: UnixTime | None = None
    customer_ip: str | None = None
    currency: str | None = None
    net: Decimal | None = None
    fee: Decimal | None = None
    discount: Decimal | None = None
    shipping: Decimal | None = None
    shipping_taxes: str | None = None
    shipping_tax: Decimal | None = None
    taxes: str | None = None
    tax: Decimal | None = None
    total: Decimal | None = None
    date_paid: UnixTime | None = None
    date_completed: UnixTime | None = None
    created: UnixTime | None = None
    lastupdated: UnixTime | None = None
    lineitems: list[LineItem] | None = None

    @property
    def is_paid(self) -> bool | None:
        """Whether the site counts this transaction as successful (from ``status_bool``)."""
        return None if self.status_bool is None else self.status_bool == 1
