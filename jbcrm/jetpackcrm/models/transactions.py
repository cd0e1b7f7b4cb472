"""Transactions."""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

import attrs

from jbcrm._core.models import UnixTime
from jbcrm.jetpackcrm.models._base import JetpackModel


@attrs.frozen
class Transaction(JetpackModel):
    """A transaction: ``GET /transactions``, a customer's or company's ``transactions`` when
    included, and the echo of ``create_transaction`` (whose ``orderid`` is kept as ``ref``).

    ``status_bool`` is ``1`` when the site counts the status as paid, ``-1`` otherwise;
    ``type_accounting`` is the plugin's ``credit``/``debit`` reading of ``type``.
    """

    _native_keys: ClassVar[frozenset[str]] = frozenset({"orderid", "email", "fname", "assign"})
    _has_custom_fields: ClassVar[bool] = True

    id: int
    owner: int | None = None
    status: str | None = None
    type: str | None = None
    status_bool: int | None = None
    type_accounting: str | None = None
    ref: str | None = None
    origin: str | None = None
    parent: int | None = None
    title: str | None = None
    desc: str | None = None
    date: UnixTime | None = None
    currency: str | None = None
    net: Decimal | None = None
    fee: Decimal | None = None
    discount: Decimal | None = None
    tax: Decimal | None = None
    shipping: Decimal | None = None
    shipping_tax: Decimal | None = None
    total: Decimal | None = None
    date_paid: UnixTime | None = None
    created: UnixTime | None = None
    lastupdated: UnixTime | None = None

    @property
    def is_paid(self) -> bool | None:
        """Whether the site counts this transaction as successful (from ``status_bool``)."""
        return None if self.status_bool is None else self.status_bool == 1
