"""The records a simulated Jetpack CRM keeps, as the plugin's database tables hold them."""

from __future__ import annotations

from decimal import Decimal

import attrs

__all__ = [
    "COMPANY_FIELDS",
    "CONTACT_CUSTOM_KEYS",
    "CONTACT_FIELDS",
    "Company",
    "Contact",
    "Event",
    "Invoice",
    "Quote",
    "Transaction",
]

# Plain text columns of a contact, in the order the plugin sends them.
CONTACT_FIELDS = (
    "status",
    "email",
    "prefix",
    "fname",
    "lname",
    "addr1",
    "addr2",
    "city",
    "county",
    "country",
    "postcode",
    "secaddr1",
    "secaddr2",
    "seccity",
    "seccounty",
    "seccountry",
    "secpostcode",
    "hometel",
    "worktel",
    "mobtel",
    "tw",
    "li",
    "fb",
)

# Contact custom fields as they appear on the wire: slugs keep their hyphens; the address
# field `delivery` shows up once per address block.
CONTACT_CUSTOM_KEYS = ("favourite-colour", "cf1", "addr_delivery", "secaddr_delivery")

COMPANY_FIELDS = (
    "status",
    "name",
    "email",
    "addr1",
    "addr2",
    "city",
    "county",
    "country",
    "postcode",
    "secaddr1",
    "secaddr2",
    "seccity",
    "seccounty",
    "seccountry",
    "secpostcode",
    "maintel",
    "sectel",
    "tw",
    "li",
    "fb",
)


@attrs.define
class Contact:
    """A CRM contact (the API calls them customers); `fields` holds CONTACT_FIELDS."""

    id: int
    owner: int
    fields: dict[str, str]
    custom: dict[str, str]
    tags: list[str]
    created: int
    lastupdated: int
    company_ids: list[int] = attrs.Factory(list)

    @property
    def email(self) -> str:
        return self.fields.get("email", "")

    @property
    def fullname(self) -> str:
        return " ".join(p for p in (self.fields["fname"], self.fields["lname"]) if p)


@attrs.define
class Company:
    """A CRM company; `fields` holds COMPANY_FIELDS."""

    id: int
    owner: int
    fields: dict[str, str]
    tags: list[str]
    created: int
    lastupdated: int


@attrs.define
class Quote:
    """A quote; `template` 0 means none applied (a draft), `accepted` 0 means not accepted."""

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
    id_override: str = ""
    content: str = ""
    notes: str = ""


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
    paid_date: int
    net: Decimal
    discount: Decimal
    tax: Decimal
    shipping: Decimal
    total: Decimal
    addressed_from: str
    addressed_to: str
    created: int
    lastupdated: int
    currency: str = "USD"


@attrs.define
class Transaction:
    """A transaction; `ref` is the order id create_transaction upserts by."""

    id: int
    owner: int
    contact_id: int | None
    ref: str
    status: str
    type: str
    title: str
    desc: str
    date: int
    currency: str
    net: Decimal
    fee: Decimal
    discount: Decimal
    tax: Decimal
    shipping: Decimal
    total: Decimal
    origin: str
    created: int
    lastupdated: int
    date_paid: int = 0


@attrs.define
class Event:
    """A calendar event (task); `notify` schedules a reminder a day before `start`."""

    id: int
    owner: int
    title: str
    desc: str
    start: int
    end: int
    complete: int
    notify: bool
    created: int
    lastupdated: int
    contact_ids: list[int] = attrs.Factory(list)
    company_ids: list[int] = attrs.Factory(list)
