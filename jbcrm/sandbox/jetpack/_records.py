"""The rows a simulated Jetpack CRM keeps, as the plugin's database tables hold them.

A row is a plain dict, the record style of both sandboxes (`store.contacts[3]["owner"]`, as
`store.clients[3]["company_name"]` in the Jetbuilt one). Each table's columns are declared once,
as a `TypedDict`, so mypy checks every column read, and its defaults once, as `Columns`: the
values MySQL fills in for the columns an insert leaves out. Times are unix seconds (0 or -1 for
none); money is `Decimal`; text columns and custom field values are the strings the plugin
stored (`""` when unset). The answers are rendered from these rows as the plugin's PHP renders
its own (`_wire_people`, `_wire_records`).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Generic, TypedDict, TypeVar, cast

__all__ = [
    "COMPANY",
    "CONTACT",
    "EVENT",
    "INVOICE",
    "LINE_ITEM",
    "QUOTE",
    "REMINDER",
    "TAG",
    "TRANSACTION",
    "Columns",
    "Company",
    "Contact",
    "Event",
    "Invoice",
    "LineItem",
    "Quote",
    "Reminder",
    "Tag",
    "Transaction",
    "line_net",
]

R = TypeVar("R", bound=Mapping[str, Any])

_ZERO = Decimal("0.00")


class Columns(Generic[R]):
    """One table's columns, in order, and the defaults MySQL fills in on insert.

    A column the table does not have, or a column without a default left out, is a bug in the
    sandbox: `TypeError` or `KeyError`, never an answer.
    """

    def __init__(self, row: type[R], **defaults: Any) -> None:
        self.names = tuple(row.__annotations__)
        self._known = frozenset(self.names)
        self._check(defaults)
        self._required = self._known - defaults.keys()
        # Every column in order, so that a row built from it keeps the declared order.
        self._template = {name: defaults.get(name) for name in self.names}
        # A list or dict default is copied for each row: rows never share one.
        self._fresh = [name for name, value in defaults.items() if isinstance(value, list | dict)]

    def row(self, **given: Any) -> R:
        """A complete row: the given columns, the defaults for the others."""
        self._check(given)
        if not self._required <= given.keys():
            raise KeyError(f"no value for column: {sorted(self._required - given.keys())}")
        row = {**self._template, **given}
        for name in self._fresh:
            if name not in given:
                row[name] = row[name].copy()
        return cast(R, row)

    def update(self, row: R, values: Mapping[str, Any]) -> None:
        """Set some columns of a row (an UPDATE)."""
        self._check(values)
        cast("dict[str, Any]", row).update(values)

    def _check(self, columns: Mapping[str, Any]) -> None:
        if not self._known.issuperset(columns):
            raise TypeError(f"no such column: {sorted(columns.keys() - self._known)}")


class Tag(TypedDict):
    """A tag; `objtype` 1 is contacts, 2 companies."""

    id: int
    objtype: int
    name: str
    created: int


class _Person(TypedDict):
    """The columns contacts and companies share: `fields` holds the text columns, `custom` the
    custom field values (address ones as `addr_<slug>`/`secaddr_<slug>`)."""

    id: int
    owner: int
    fields: dict[str, str]
    custom: dict[str, str]
    created: int
    lastupdated: int
    tag_ids: list[int]


class Contact(_Person):
    """A contact (the API calls them customers); `fields` holds the schema's CONTACT_COLUMNS."""

    company_ids: list[int]
    lastcontacted: int


class Company(_Person):
    """A company; `fields` holds the schema's COMPANY_COLUMNS."""


class LineItem(TypedDict):
    """A line of a quote or an invoice."""

    id: int
    title: str
    desc: str
    quantity: Decimal
    price: Decimal
    created: int
    currency: str
    taxes: str
    tax: Decimal


class Quote(TypedDict):
    """A quote; `template` 0 means none applied (a draft), `accepted` 0 not accepted."""

    id: int
    owner: int
    contact_id: int | None
    title: str
    value: Decimal
    date: int
    template: int
    accepted: int
    hash: str
    created: int
    lastupdated: int
    currency: str
    notes: str
    content: str
    lineitems: list[LineItem]


class Invoice(TypedDict):
    """An invoice; money as Decimal, dates as unix seconds (0 for none)."""

    id: int
    owner: int
    contact_id: int | None
    company_id: int | None
    id_override: str
    status: str
    hash: str
    date: int
    due_date: int
    net: Decimal
    total: Decimal
    addressed_to: str
    created: int
    lastupdated: int
    paid_date: int
    discount: Decimal
    discount_type: str
    shipping: Decimal
    shipping_tax: Decimal
    shipping_taxes: str
    taxes: str
    tax: Decimal
    currency: str
    addressed_from: str
    lineitems: list[LineItem]


class Transaction(TypedDict):
    """A transaction; `ref` is the order id create_transaction upserts by."""

    id: int
    owner: int
    contact_id: int | None
    ref: str
    status: str
    created: int
    lastupdated: int
    type: str
    title: str
    desc: str
    date: int
    currency: str
    net: Decimal
    fee: Decimal
    discount: Decimal
    shipping: Decimal
    shipping_tax: Decimal
    shipping_taxes: str
    taxes: str
    tax: Decimal
    total: Decimal
    custom: dict[str, str]


class Reminder(TypedDict):
    """An event reminder: `remind_at` seconds relative to the start, `sent` -1 until sent."""

    id: int
    event: int
    remind_at: int
    created: int
    sent: int


class Event(TypedDict):
    """A calendar event (task)."""

    id: int
    owner: int
    title: str
    desc: str
    start: int
    end: int
    complete: int
    created: int
    lastupdated: int
    reminders: list[Reminder]
    contact_ids: list[int]
    company_ids: list[int]


# What each table's insert fills in; `Table.insert` gives the auto-increment `id`.
TAG = Columns(Tag)
CONTACT = Columns(Contact, tag_ids=[], company_ids=[], lastcontacted=-1)
COMPANY = Columns(Company, tag_ids=[])
LINE_ITEM = Columns(LineItem, currency="", taxes="", tax=_ZERO)
QUOTE = Columns(Quote, currency="USD", notes="", content="", lineitems=[])
INVOICE = Columns(
    Invoice, paid_date=0, discount=_ZERO, discount_type="m", shipping=_ZERO,
    shipping_tax=_ZERO, shipping_taxes="", taxes="", tax=_ZERO, currency="USD",
    addressed_from="Live Co", lineitems=[],
)  # fmt: skip
TRANSACTION = Columns(
    Transaction, type="", title="", desc="", date=0, currency="", net=_ZERO, fee=_ZERO,
    discount=_ZERO, shipping=_ZERO, shipping_tax=_ZERO, shipping_taxes="", taxes="", tax=_ZERO,
    total=_ZERO, custom={},
)  # fmt: skip
REMINDER = Columns(Reminder, sent=-1)
EVENT = Columns(Event, reminders=[], contact_ids=[], company_ids=[])


def line_net(item: LineItem) -> Decimal:
    """A line's net amount, as the plugin computes it."""
    return (item["quantity"] * item["price"]).quantize(_ZERO)
