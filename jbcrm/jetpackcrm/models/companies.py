"""Companies."""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

import attrs

from jbcrm._core.models import UnixTime
from jbcrm.jetpackcrm.models._base import JetpackModel
from jbcrm.jetpackcrm.models.invoices import Invoice
from jbcrm.jetpackcrm.models.quotes import Quote
from jbcrm.jetpackcrm.models.tags import Tag
from jbcrm.jetpackcrm.models.transactions import Transaction


@attrs.frozen
class Company(JetpackModel):
    """A company: ``POST /companies``, an event's ``company`` list, and the echo of
    ``create_company``. The lists and totals are there only when the include flags took
    effect. Custom fields are in :attr:`custom_fields`."""

    _native_keys: ClassVar[frozenset[str]] = frozenset({"assign"})
    _has_custom_fields: ClassVar[bool] = True

    id: int
    owner: int | None = None
    status: str | None = None
    name: str | None = None
    email: str | None = None
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
    maintel: str | None = None
    sectel: str | None = None
    tw: str | None = None
    li: str | None = None
    fb: str | None = None
    wpid: int | None = None
    created: UnixTime | None = None
    lastupdated: UnixTime | None = None
    lastcontacted: UnixTime | None = None
    tags: list[Tag] | None = None
    invoices: list[Invoice] | None = None
    quotes: list[Quote] | None = None
    transactions: list[Transaction] | None = None
    invoices_total: Decimal | None = None
    invoices_count: int | None = None
    transactions_total: Decimal | None = None
    transactions_paid_total: Decimal | None = None
    total_value: Decimal | None = None
