"""Customers (the CRM's contacts)."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

import attrs

from jbcrm._core.models import UnixTime
from jbcrm.jetpackcrm.models._base import JetpackModel
from jbcrm.jetpackcrm.models.invoices import Invoice
from jbcrm.jetpackcrm.models.quotes import Quote
from jbcrm.jetpackcrm.models.tags import Tag
from jbcrm.jetpackcrm.models.transactions import Transaction

#: The text columns ``create_customer`` writes (and blanks when they are not sent).
CUSTOMER_COLUMNS = (
    "status",
    "email",
    "prefix",
    "fname",
    "lname",
    "addr1",
    "addr2",
    "city",
    "county",
    "postcode",
    "country",
    "secaddr1",
    "secaddr2",
    "seccity",
    "seccounty",
    "secpostcode",
    "seccountry",
    "hometel",
    "worktel",
    "mobtel",
    "tw",
    "li",
    "fb",
)


@attrs.frozen
class Customer(JetpackModel):
    """A customer: ``POST /customers``, ``GET /customer_search``, and the echo of
    ``create_customer`` (the fields sent, plus ``id``).

    ``created`` is the plugin's database time (UTC); ``createduts``, ``lastupdated`` and
    ``lastcontacted`` are unix times (``-1`` means never, decoded to ``None``). ``tags``,
    ``invoices``, ``quotes`` and ``transactions`` are ``None`` unless they were asked for.
    Custom fields are in :attr:`custom_fields`.
    """

    _native_keys: ClassVar[frozenset[str]] = frozenset({"assign"})
    _has_custom_fields: ClassVar[bool] = True

    id: int
    owner: int | None = None
    status: str | None = None
    email: str | None = None
    prefix: str | None = None
    fname: str | None = None
    lname: str | None = None
    addr1: str | None = None
    addr2: str | None = None
    city: str | None = None
    county: str | None = None
    postcode: str | None = None
    country: str | None = None
    secaddr1: str | None = None
    secaddr2: str | None = None
    seccity: str | None = None
    seccounty: str | None = None
    secpostcode: str | None = None
    seccountry: str | None = None
    hometel: str | None = None
    worktel: str | None = None
    mobtel: str | None = None
    tw: str | None = None
    li: str | None = None
    fb: str | None = None
    wpid: int | None = None
    avatar: str | None = None
    created: datetime | None = None
    createduts: UnixTime | None = None
    lastupdated: UnixTime | None = None
    lastcontacted: UnixTime | None = None
    fullname: str | None = None
    name: str | None = None
    tags: list[Tag] | None = None
    invoices: list[Invoice] | None = None
    quotes: list[Quote] | None = None
    transactions: list[Transaction] | None = None
