"""Companies."""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

import attrs

from jbcrm._core.models import UnixTime
from jbcrm.jetpackcrm.models._base import JetpackModel, column, columns_of, owner_id
from jbcrm.jetpackcrm.models.customers import Customer
from jbcrm.jetpackcrm.models.invoices import Invoice
from jbcrm.jetpackcrm.models.quotes import Quote
from jbcrm.jetpackcrm.models.tags import Tag
from jbcrm.jetpackcrm.models.transactions import Transaction

__all__ = ["COMPANY_COLUMNS", "Company"]


@attrs.frozen
class Company(JetpackModel):
    """A company: ``POST /companies``, an event's ``company`` list, and the echo of
    ``create_company``. ``contacts`` are the contacts attached to it (always sent); the lists
    and totals of the document are there only if a plugin version ever sends them (6.4.4 mixes
    up the flags that ask for them). Custom fields are in :attr:`custom_fields`."""

    _columns: ClassVar[frozenset[str]] = frozenset({"assign"})
    _has_custom_fields: ClassVar[bool] = True

    id: int
    owner: int | None = attrs.field(default=None, converter=owner_id)
    status: str | None = column()
    name: str | None = column()
    email: str | None = column()
    addr1: str | None = column()
    addr2: str | None = column()
    city: str | None = column()
    county: str | None = column()
    postcode: str | None = column()
    country: str | None = column()
    secaddr1: str | None = column()
    secaddr2: str | None = column()
    seccity: str | None = column()
    seccounty: str | None = column()
    secpostcode: str | None = column()
    seccountry: str | None = column()
    maintel: str | None = column()
    sectel: str | None = column()
    tw: str | None = column()
    li: str | None = column()
    fb: str | None = column()
    wpid: int | None = None
    avatar: str | None = None
    created: UnixTime | None = None
    lastupdated: UnixTime | None = None
    lastcontacted: UnixTime | None = None
    contacts: list[Customer] | None = None
    tags: list[Tag] | None = None
    invoices: list[Invoice] | None = None
    quotes: list[Quote] | None = None
    transactions: list[Transaction] | None = None
    invoices_total: Decimal | None = None
    invoices_count: int | None = None
    transactions_total: Decimal | None = None
    transactions_paid_total: Decimal | None = None
    total_value: Decimal | None = None


#: The text columns ``create_company`` writes (and blanks when they are not sent).
COMPANY_COLUMNS = columns_of(Company)
