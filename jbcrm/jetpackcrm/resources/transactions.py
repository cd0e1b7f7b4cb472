"""Transactions: ``GET /transactions``, ``POST /create_transaction``."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any

import attrs

from jbcrm._core.pagination import AsyncPaginator
from jbcrm.jetpackcrm._resource import (
    DEFAULT_PER_PAGE,
    JetpackResource,
    Order,
    custom_body,
    unix_seconds,
)
from jbcrm.jetpackcrm.models.transactions import Transaction

Amount = Decimal | str | int | float
_RESERVED = frozenset(
    {
        "orderid", "status", "total", "email", "fname", "date", "type", "title", "desc",
        "currency", "net", "fee", "discount", "tax", "shipping", "shipping_tax",
    }
)  # fmt: skip


class Transactions(JetpackResource):
    """The CRM's transactions (payments, refunds)."""

    __slots__ = ()

    def list(
        self,
        *,
        order: Order | None = None,
        perpage: int = DEFAULT_PER_PAGE,
        read_ahead: bool = False,
    ) -> AsyncPaginator[Transaction]:
        """``GET /transactions``: every transaction (the plugin sends them in ascending id
        order)."""
        return self._list(
            "transactions",
            Transaction,
            filters={"order": order},
            perpage=perpage,
            read_ahead=read_ahead,
        )

    async def upsert(
        self,
        *,
        orderid: str,
        status: str,
        total: Amount,
        email: str | None = None,
        fname: str | None = None,
        date: datetime | int | None = None,
        type: str | None = None,
        title: str | None = None,
        desc: str | None = None,
        currency: str | None = None,
        net: Amount | None = None,
        fee: Amount | None = None,
        discount: Amount | None = None,
        tax: Amount | None = None,
        shipping: Amount | None = None,
        shipping_tax: Amount | None = None,
        custom_fields: Mapping[str, Any] | None = None,
    ) -> Transaction:
        """``POST /create_transaction``: create the transaction ``orderid`` names, or
        **replace** it (fields not sent are reset).

        ``status`` must be one the site allows (its Transactions settings). An ``email`` links
        the transaction to that customer, creating one (status "Customer", first name
        ``fname``) when none exists. ``date`` is a datetime (naive means UTC) or unix seconds;
        the plugin uses the current time when it is not sent. Safe to retry (keyed by
        ``orderid``). Returns the echo, with ``orderid`` read as ``ref``.
        """
        body: dict[str, Any] = {
            "orderid": orderid, "status": status, "total": total, "email": email,
            "fname": fname, "date": unix_seconds(date), "type": type, "title": title,
            "desc": desc, "currency": currency, "net": net, "fee": fee, "discount": discount,
            "tax": tax, "shipping": shipping, "shipping_tax": shipping_tax,
        }  # fmt: skip
        body = custom_body(body, custom_fields, _RESERVED)
        saved = await self._upsert("create_transaction", Transaction, body)
        return saved if saved.ref is not None else attrs.evolve(saved, ref=orderid)
