"""The records a simulated Jetpack CRM keeps, as the plugin's database tables hold them.

Times are unix seconds (0 or -1 for none); money is `Decimal`; text columns and custom field
values are the strings the plugin stored (`""` when unset). The answers are rendered from these
rows as the plugin's PHP renders its own (`_wire_people`, `_wire_records`), so the rows keep
the tables' typed columns and defaults rather than any wire shape.
"""

from __future__ import annotations

from decimal import Decimal

import attrs

__all__ = [
    "Company",
    "Contact",
    "Event",
    "Invoice",
    "LineItem",
    "Quote",
    "Reminder",
    "Tag",
    "Transaction",
]

_ZERO = Decimal("0.00")


@attrs.define
class Tag:
    """A tag; `objtype` 1 is contacts, 2 companies."""

    id: int
    objtype: int
    name: str
    created: int


@attrs.define
class Contact:
    """A contact (the API calls them customers); `fields` holds the schema's CONTACT_COLUMNS,
    `custom` the custom field values (address ones as `addr_<slug>`/`secaddr_<slug>`)."""

    id: int
    owner: int
    fields: dict[str, str]
    custom: dict[str, str]
    created: int
    lastupdated: int
    tag_ids: list[int] = attrs.Factory(list)
    company_ids: list[int] = attrs.Factory(list)
    lastcontacted: int = -1

    @property
    def email(self) -> str:
        return self.fields.get("email", "")


@attrs.define
class Company:
    """A company; `fields` holds the schema's COMPANY_COLUMNS."""

    id: int
    owner: int
    fields: dict[str, str]
    custom: dict[str, str]
    created: int
    lastupdated: int
    tag_ids: list[int] = attrs.Factory(list)


@attrs.define
class LineItem:
    """A line of a quote or an invoice."""

    id: int
    title: str
    desc: str
    quantity: Decimal
    price: Decimal
    created: int
    currency: str = ""
    taxes: str = ""
    tax: Decimal = _ZERO

    @property
    def net(self) -> Decimal:
        return (self.quantity * self.price).quantize(_ZERO)


@attrs.define
class Quote:
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
    currency: str = "USD"
    notes: str = ""
    content: str = ""
    lineitems: list[LineItem] = attrs.Factory(list)


@attrs.define
class Invoice:
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
    paid_date: int = 0
    discount: Decimal = _ZERO
    discount_type: str = "m"
    shipping: Decimal = _ZERO
    shipping_tax: Decimal = _ZERO
    shipping_taxes: str = ""
    taxes: str = ""
    tax: Decimal = _ZERO
    currency: str = "USD"
    addressed_from: str = "Live Co"
    lineitems: list[LineItem] = attrs.Factory(list)


@attrs.define
class Transaction:
    """A transaction; `ref` is the order id create_transaction upserts by."""

    id: int
    owner: int
    contact_id: int | None
    ref: str
    status: str
    created: int
    lastupdated: int
    type: str = ""
    title: str = ""
    desc: str = ""
    date: int = 0
    currency: str = ""
    net: Decimal = _ZERO
    fee: Decimal = _ZERO
    discount: Decimal = _ZERO
    shipping: Decimal = _ZERO
    shipping_tax: Decimal = _ZERO
    shipping_taxes: str = ""
    taxes: str = ""
    tax: Decimal = _ZERO
    total: Decimal = _ZERO
    custom: dict[str, str] = attrs.Factory(dict)


@attrs.define
class Reminder:
    """An event reminder: `remind_at` seconds relative to the start, `sent` -1 until sent."""

    id: int
    event: int
    remind_at: int
    created: int
    sent: int = -1


@attrs.define
class Event:
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
    reminders: list[Reminder] = attrs.Factory(list)
    contact_ids: list[int] = attrs.Factory(list)
    company_ids: list[int] = attrs.Factory(list)
