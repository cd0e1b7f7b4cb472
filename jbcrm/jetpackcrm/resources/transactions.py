"""Transactions: ``GET /transactions``, ``POST /create_transaction``."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timezone
from decimal import Decimal
from typing import Any

from jbcrm._core.errors import InvalidArgumentError
from jbcrm._core.pagination import AsyncPaginator
from jbcrm._core.params import Required, TypedDict, Unpack, checked, fields_of
from jbcrm.jetpackcrm._resource import DEFAULT_PER_PAGE, SCAN_PER_PAGE, JetpackResource, custom_body
from jbcrm.jetpackcrm.errors import RecordNotFoundError
from jbcrm.jetpackcrm.models.transactions import Transaction

Amount = Decimal | str | int | float


class TransactionFields(TypedDict, total=False):
    """What a transaction's upsert and update both take."""

    email: str | None
    date: datetime | int | None
    type: str | None
    title: str | None
    desc: str | None
    currency: str | None
    net: Amount | None
    fee: Amount | None
    discount: Amount | None
    tax: Amount | None
    taxes: str | None
    shipping: Amount | None
    shipping_tax: Amount | None
    shipping_taxes: str | None
    custom_fields: Mapping[str, Any] | None


class TransactionUpsert(TransactionFields, total=False):
    """The arguments of ``crm.transactions.upsert``."""

    orderid: Required[str]
    status: Required[str]
    total: Required[Amount]
    fname: str | None


class TransactionUpdate(TransactionFields, total=False):
    """The arguments of ``crm.transactions.update``."""

    status: str | None
    total: Amount | None


#: What create_transaction stores, by the names it reads them under (beside orderid, the
#: contact's email and first name, and the date); each is blanked when it is not sent.
TRANSACTION_COLUMNS = tuple(
    key
    for key in fields_of(TransactionUpdate).keys
    if key not in ("email", "date", "custom_fields")
)
_RESERVED = frozenset({*TRANSACTION_COLUMNS, "orderid", "email", "fname", "date"})


def unix_seconds(value: datetime | int | None) -> int | None:
    """A datetime (naive means UTC) or unix seconds, as unix seconds."""
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    if not isinstance(value, datetime):
        raise InvalidArgumentError(f"date must be a datetime or unix seconds, got {value!r}")
    aware = value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    return int(aware.timestamp())


def _echo_as_record(echo: dict[str, Any]) -> dict[str, Any]:
    return {**echo, "ref": echo["orderid"]} if "orderid" in echo and "ref" not in echo else echo


class Transactions(JetpackResource):
    """The CRM's transactions (payments, refunds)."""

    __slots__ = ()

    def list(
        self, *, perpage: int = DEFAULT_PER_PAGE, read_ahead: bool = False
    ) -> AsyncPaginator[Transaction]:
        """``GET /transactions``: every transaction, in ascending id order (the plugin reads
        no sort order)."""
        return self._list("transactions", Transaction, perpage=perpage, read_ahead=read_ahead)

    async def upsert(self, **fields: Unpack[TransactionUpsert]) -> Transaction:
        """``POST /create_transaction``: create the transaction ``orderid`` names, or
        **replace** it.

        Replace means what the plugin does: every field not sent is reset (``date`` to none,
        ``type``, ``currency``, ``taxes`` and the custom fields to empty, the amounts to 0);
        use :meth:`update` to change a few fields. ``status`` must be one the site allows (its
        Transactions settings); ``taxes``/``shipping_taxes`` name tax rates by id ("1",
        "1,2"). An ``email`` links the transaction to that customer, creating one (status
        "Customer", first name ``fname``) when none exists; without it the link stays as it
        was. ``date`` is a datetime (naive means UTC) or unix seconds; a new transaction sent
        without one is dated now. Safe to retry (keyed by ``orderid``). Returns the echo, with
        ``orderid`` read as ``ref``.
        """
        given = checked(TransactionUpsert, fields)
        body: dict[str, Any] = {key: given.get(key) for key in ("orderid", "email", "fname")}
        body |= {key: given.get(key) for key in TRANSACTION_COLUMNS}
        body["date"] = unix_seconds(given.get("date"))
        body = custom_body(body, given.get("custom_fields"), _RESERVED)
        return await self._upsert("create_transaction", Transaction, body, shape=_echo_as_record)

    async def update(self, orderid: str, /, **fields: Unpack[TransactionUpdate]) -> Transaction:
        """Change some fields of one transaction and keep every other: read, merge, write,
        and return the transaction as the CRM then holds it.

        ``fields`` takes the :meth:`upsert` names (``status="Refunded"``, ``date=...``,
        ``custom_fields={"slug": "value"}``; ``email=...`` links it to another customer). The
        transaction is found by walking the transaction list (the API has no get-by-orderid),
        and everything the plugin would reset is sent back: every amount, text, tax rate,
        custom field and the date. Nothing is sent when nothing changes. A change made by
        someone else between the read and the write is overwritten.
        """
        given = checked(TransactionUpdate, fields)
        found = await self._find(self.list(perpage=SCAN_PER_PAGE), lambda t: t.ref == orderid)
        if found is None:
            raise RecordNotFoundError(f"no transaction with orderid {orderid!r} to update")
        current = found.record
        before: dict[str, Any] = {key: getattr(current, key) for key in TRANSACTION_COLUMNS}
        before["date"] = unix_seconds(current.date)
        after = {**before, **{key: given[key] for key in TRANSACTION_COLUMNS if key in given}}
        if "date" in given:
            after["date"] = unix_seconds(given["date"])
        custom = {**current.custom_fields, **(given.get("custom_fields") or {})}
        if after == before and custom == current.custom_fields and "email" not in given:
            return current
        body = {"orderid": orderid, "email": given.get("email"), **after}
        await self._client._call(
            "POST", "create_transaction", json=custom_body(body, custom, _RESERVED)
        )
        saved = await self._reread(found, Transaction, lambda t: t.id == current.id)
        if saved is None:
            raise RecordNotFoundError(f"transaction {orderid!r} is gone after the update")
        return saved
