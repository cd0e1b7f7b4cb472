"""The Jetpack CRM job: every collection scanned whole on every run.

The plugin has no "changed since" filter and sends no totals. Each record's JSON is compared
with the stored one (``raw_hash``) and only changed rows are written; a ``--full`` run rewrites
every row and marks deleted the records no longer listed.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime
from typing import Any

import attrs

from jbcrm._mirror._jetpack_tables import (
    COMPANIES,
    CUSTOMERS,
    EVENTS,
    INVOICES,
    QUOTES,
    TRANSACTIONS,
)
from jbcrm._mirror._listing import Listing, mirror_listing
from jbcrm._mirror._run import Run
from jbcrm.jetpackcrm.client import JetpackCRM
from jbcrm.jetpackcrm.models import Company, Customer, Event, Invoice, Quote, Transaction

#: Records per page: the plugin has no maximum, and fewer pages mean fewer PHP requests.
PER_PAGE = 100

Job = tuple[str, Callable[[], Awaitable[None]]]


def jobs(run: Run, crm: JetpackCRM, resources: Sequence[str]) -> list[Job]:
    """One job (its name, and what runs it) per chosen collection."""

    def job(name: str, listing: Listing[Any]) -> Job:
        listing = attrs.evolve(listing, per_page=PER_PAGE)
        return name, lambda: mirror_listing(run, listing, task=name)

    def whole(make: Callable[[], Any]) -> Callable[[datetime | None], Any]:
        return lambda since: make()

    found: dict[str, Job] = {
        "customers": job("customers", Listing(
            "jetpack.customers", CUSTOMERS, Customer,
            whole(lambda: crm.customers.list(include_tags=True, perpage=PER_PAGE)),
        )),
        "companies": job("companies", Listing(
            "jetpack.companies", COMPANIES, Company,
            whole(lambda: crm.companies.list(perpage=PER_PAGE)),
        )),
        "quotes": job("quotes", Listing(
            "jetpack.quotes", QUOTES, Quote, whole(lambda: crm.quotes.list(perpage=PER_PAGE))
        )),
        "invoices": job("invoices", Listing(
            "jetpack.invoices", INVOICES, Invoice,
            whole(lambda: crm.invoices.list(perpage=PER_PAGE)),
        )),
        "transactions": job("transactions", Listing(
            "jetpack.transactions", TRANSACTIONS, Transaction,
            whole(lambda: crm.transactions.list(perpage=PER_PAGE)),
        )),
        "events": job("events", Listing(
            "jetpack.events", EVENTS, Event, whole(lambda: crm.events.list(perpage=PER_PAGE))
        )),
    }  # fmt: skip
    return [found[name] for name in resources]
