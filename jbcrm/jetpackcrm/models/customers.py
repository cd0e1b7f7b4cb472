"""Customers (the CRM's contacts)."""

from __future__ import annotations

from typing import ClassVar

import attrs

from jbcrm._core.models import JSON_KEY, UnixTime
from jbcrm.jetpackcrm.models._base import JetpackModel, column, columns_of, owner_id, read_names_of
from jbcrm.jetpackcrm.models.invoices import Invoice
from jbcrm.jetpackcrm.models.quotes import Quote
from jbcrm.jetpackcrm.models.tags import Tag
from jbcrm.jetpackcrm.models.transactions import Transaction

__all__ = ["CUSTOMER_COLUMNS", "CUSTOMER_READ_NAMES", "Customer"]


@attrs.frozen
class Customer(JetpackModel):
    """A customer: ``POST /customers``, ``GET /customer_search``, the contacts embedded in
    companies and events, and the echo of ``create_customer`` (the fields sent, plus ``id``).

    ``created`` and ``lastcontacted`` are read from the plugin's unix times (``createduts``,
    ``lastcontacteduts``): its ``created`` and ``lastcontacted`` keys hold the same moments as
    site-local text without a time zone, and stay in :attr:`extra`. ``owner`` is a WordPress
    user id, ``None`` for no owner. The read endpoints send the second address as
    ``secaddr_addr1``...; it is read into ``secaddr1``..., the names create_customer writes.
    ``tags``, ``invoices``, ``quotes`` and ``transactions`` are ``None`` unless they were asked
    for. Custom fields are in :attr:`custom_fields`.
    """

    _columns: ClassVar[frozenset[str]] = frozenset({"created", "lastcontacted", "assign", "sticky"})
    _has_custom_fields: ClassVar[bool] = True

    id: int
    owner: int | None = attrs.field(default=None, converter=owner_id)
    status: str | None = column()
    email: str | None = column()
    prefix: str | None = column()
    fname: str | None = column()
    lname: str | None = column()
    addr1: str | None = column()
    addr2: str | None = column()
    city: str | None = column()
    county: str | None = column()
    postcode: str | None = column()
    country: str | None = column()
    secaddr1: str | None = column(read_as="secaddr_addr1")
    secaddr2: str | None = column(read_as="secaddr_addr2")
    seccity: str | None = column(read_as="secaddr_city")
    seccounty: str | None = column(read_as="secaddr_county")
    secpostcode: str | None = column(read_as="secaddr_postcode")
    seccountry: str | None = column(read_as="secaddr_country")
    hometel: str | None = column()
    worktel: str | None = column()
    mobtel: str | None = column()
    tw: str | None = column()
    li: str | None = column()
    fb: str | None = column()
    wpid: int | None = None
    avatar: str | None = None
    created: UnixTime | None = attrs.field(default=None, metadata={JSON_KEY: "createduts"})
    lastupdated: UnixTime | None = None
    lastcontacted: UnixTime | None = attrs.field(
        default=None, metadata={JSON_KEY: "lastcontacteduts"}
    )
    fullname: str | None = None
    name: str | None = None
    tags: list[Tag] | None = None
    invoices: list[Invoice] | None = None
    quotes: list[Quote] | None = None
    transactions: list[Transaction] | None = None


#: The text columns ``create_customer`` writes (and blanks when they are not sent).
CUSTOMER_COLUMNS = columns_of(Customer)
#: The columns the read endpoints send under other names: written name -> read name.
CUSTOMER_READ_NAMES = read_names_of(Customer)
