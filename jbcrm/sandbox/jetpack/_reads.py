"""The read endpoints: status, customers, customer_search, companies and the money lists."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from jbcrm.sandbox.jetpack._call import Call
from jbcrm.sandbox.jetpack._php import paginate, php_bool, php_int, php_text
from jbcrm.sandbox.jetpack._records import Contact
from jbcrm.sandbox.jetpack._serialize import (
    company_wire,
    contact_wire,
    event_wire,
    invoice_wire,
    quote_wire,
    transaction_wire,
)

__all__ = [
    "INVALID_JSON",
    "companies",
    "customer_search",
    "customers",
    "events",
    "invoices",
    "quotes",
    "status",
    "transactions",
]

T = TypeVar("T")

INVALID_JSON = {"error": True, "message": "Invalid JSON data"}

CRM_VERSION = "6.4.4"
DB_VERSION = "3.0"
_MODULES = ("invoices", "quotes", "transactions", "forms", "portal", "api", "jetpackforms")


def status(call: Call) -> Any:
    """`GET status`: the health check; `full` (any value) adds modules and extensions."""
    data: dict[str, Any] = {
        "status": "Successful Connection",
        "message": "Your API Connection with Jetpack CRM is functioning correctly.",
        "crm_version": CRM_VERSION,
        "db_version": DB_VERSION,
    }
    if "full" in call.query:
        # The plugin sends a list of module names here, not the object its document shows.
        data["modules"] = list(_MODULES)
        data["extensions"] = {"stripe": {"name": "Stripe Sync", "version": "2.4.0"}}
    return {"success": True, "data": data}


def customers(call: Call) -> Any:
    """`customers`, any method: paging, filters and include flags come only from the JSON body.

    `invoices`, `quotes` and `transactions` count only as the string "true"; `tags` is a PHP
    bool cast, so even "false" includes tags.
    """
    body = call.json_body()
    if body is None:
        return INVALID_JSON
    rows: list[Contact] = list(call.store.contacts.values())
    search = php_text(body.get("search", "")).strip().lower()
    if search:
        rows = [c for c in rows if search in f"{c.fullname} {c.email}".lower()]
    owned = php_int(body.get("owned"), 0)
    if owned > 0:
        rows = [c for c in rows if c.owner == owned]
    company = php_int(body.get("company"), 0)
    if company > 0:
        rows = [c for c in rows if company in c.company_ids]
    page = paginate(rows, php_int(body.get("page"), 1), php_int(body.get("perpage"), 10))
    return [
        contact_wire(
            call.store,
            contact,
            tags=php_bool(body.get("tags")),
            invoices=body.get("invoices") == "true",
            quotes=body.get("quotes") == "true",
            transactions=body.get("transactions") == "true",
        )
        for contact in page
    ]


def customer_search(call: Call) -> Any:
    """`GET customer_search`: `email` gives one object (or `[]`), `zbs_query` a page of hits."""
    query = call.query
    if "email" in query:
        email = query["email"].strip()
        contact = call.store.contact_by_email(email) if email else None
        if contact is None:
            return []
        return contact_wire(call.store, contact, tags=True, invoices=True, transactions=True)
    phrase = query.get("zbs_query", "").strip().lower()
    rows = [
        c
        for c in call.store.contacts.values()
        if phrase in " ".join([c.fullname, *c.fields.values(), *c.custom.values()]).lower()
    ]
    return [contact_wire(call.store, c) for c in _page(call, rows)]


def companies(call: Call) -> Any:
    """`POST companies` with a JSON body, reproducing the plugin's shuffled arguments.

    The endpoint hands its parameters to the database layer out of order. Simulated here as:
    a string in `invoices` is used as the search phrase; `search` (any truthy value) switches
    on the invoice lists and totals; `quotes` switches on the transaction lists and totals;
    `transactions` and `owned` are ignored. Only `page` and `perpage` mean what they say.
    """
    body = call.json_body()
    if body is None:
        return INVALID_JSON
    rows = list(call.store.companies.values())
    phrase = body.get("invoices")
    if isinstance(phrase, str) and phrase.strip():
        wanted = phrase.strip().lower()
        rows = [c for c in rows if wanted in f"{c.fields['name']} {c.fields['email']}".lower()]
    page = paginate(rows, php_int(body.get("page"), 1), php_int(body.get("perpage"), 10))
    return [
        company_wire(
            call.store,
            company,
            invoices=php_bool(body.get("search")),
            transactions=php_bool(body.get("quotes")),
        )
        for company in page
    ]


def quotes(call: Call) -> Any:
    """`GET quotes`: newest first unless `order=ASC`."""
    rows = _ordered(call, list(call.store.quotes.values()))
    return [quote_wire(q) for q in _page(call, rows)]


def invoices(call: Call) -> Any:
    """`GET invoices`: newest first unless `order=ASC`."""
    rows = _ordered(call, list(call.store.invoices.values()))
    return [invoice_wire(i) for i in _page(call, rows)]


def transactions(call: Call) -> Any:
    """`GET transactions`: always in ascending id order (`order` is ignored)."""
    rows = list(call.store.transactions.values())
    return [transaction_wire(t) for t in _page(call, rows)]


def events(call: Call) -> Any:
    """`GET events`: newest first unless `order=ASC`; `owner` filters by owner id."""
    rows = list(call.store.events.values())
    if "owner" in call.query:
        owner = php_int(call.query["owner"], 0)
        rows = [e for e in rows if e.owner == owner]
    return [event_wire(call.store, e) for e in _page(call, _ordered(call, rows))]


def _ordered(call: Call, rows: list[T]) -> list[T]:
    return rows if call.query.get("order", "DESC").upper() == "ASC" else rows[::-1]


def _page(call: Call, rows: Sequence[T]) -> list[T]:
    page = php_int(call.query.get("page"), 1)
    return paginate(rows, page, php_int(call.query.get("perpage"), 10))
