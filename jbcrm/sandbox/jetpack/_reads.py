"""The read endpoints: status, customers, customer_search, companies and the money lists.

Every list is a page of the database layer: page 0 and 1 are both the first, `order` is read
by none of them, quotes come newest first and everything else in ascending id order.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from jbcrm.sandbox.jetpack._call import Call
from jbcrm.sandbox.jetpack._php import page_slice, php_empty, php_int, php_text, query_paging
from jbcrm.sandbox.jetpack._records import Company, Contact
from jbcrm.sandbox.jetpack._responses import deprecation_notice, fatal_error, json_response
from jbcrm.sandbox.jetpack._schema import CONTACT_COLUMNS
from jbcrm.sandbox.jetpack._wire_people import company_wire, contact_wire, tags_wire
from jbcrm.sandbox.jetpack._wire_records import (
    event_wire,
    invoice_wire,
    quote_wire,
    transaction_wire,
)

__all__ = [
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

# What plugin 6.4.4 reports about itself.
CRM_VERSION = "6.4.3"
DB_VERSION = "3.0"
_MODULES = (
    "api", "cal", "quotebuilder", "invbuilder", "pdfinv", "forms", "transactions", "b2bmode",
    "jetpackforms", "portal",
)  # fmt: skip
_COMPANY_SEARCHED = (
    "name", "email", "maintel", "sectel", "addr1", "addr2", "city", "county", "country",
    "postcode", "secaddr1", "secaddr2", "seccity", "seccounty", "seccountry", "secpostcode",
    "tw", "li", "fb",
)  # fmt: skip


def status(call: Call) -> Any:
    """`GET status`: the health check; `full` (any value) adds modules and extensions."""
    data: dict[str, Any] = {
        "status": "Successful Connection",
        "message": "Your API Connection with Jetpack CRM is functioning correctly.",
        "crm_version": CRM_VERSION,
        "db_version": DB_VERSION,
    }
    if "full" in call.query:
        data["modules"] = list(_MODULES)
        # No pro extension is active; PHP encodes the empty associative array as [].
        data["extensions"] = []
    return {"success": True, "data": data}


def _body_params(call: Call) -> dict[str, Any]:
    """A list endpoint's parameters: the JSON body's keys (anything else means defaults)."""
    data = call.decoded_body()
    return data if isinstance(data, dict) else {}


def _contacts_matching(call: Call, phrase: str) -> list[Contact]:
    rows = list(call.store.contacts.values())
    if not phrase:
        return rows
    wanted = phrase.lower()

    def matches(contact: Contact) -> bool:
        fields = contact["fields"]
        name = " ".join(fields[k] for k in ("prefix", "fname", "lname"))
        texts = (name, *(fields[k] for k in CONTACT_COLUMNS))
        return str(contact["id"]) == phrase or any(wanted in text.lower() for text in texts)

    return [c for c in rows if matches(c)]


def customers(call: Call) -> Any:
    """`customers`, any method: paging, filters and include flags come only from the JSON body.

    `invoices`, `quotes` and `transactions` count only as the string "true"; `tags` is a PHP
    bool cast, so even "false" includes tags.
    """
    params = _body_params(call)
    rows = _contacts_matching(call, php_text(params.get("search", "")))
    owned = php_int(params.get("owned"), -1)
    if owned > 0:
        rows = [c for c in rows if c["owner"] == owned]
    company = php_int(params.get("company"), -1)
    if company > 0:
        rows = [c for c in rows if company in c["company_ids"]]
    page = php_int(php_text(params.get("page", 0)), 0)
    perpage = php_int(php_text(params.get("perpage", 10)), 10)
    flags = {key: php_text(params.get(key)) == "true" for key in ("invoices", "quotes")}
    linked = php_text(params.get("transactions")) == "true"
    view, store = call.view, call.store
    listed = []
    for contact in page_slice(rows, page, perpage):
        wire = contact_wire(view, contact)
        if not php_empty(params.get("tags")):
            wire["tags"] = tags_wire(view, contact["tag_ids"])
        contact_id = contact["id"]
        if flags["invoices"]:
            wire["invoices"] = [invoice_wire(view, i) for i in store.invoices_of(contact_id)]
        if flags["quotes"]:
            wire["quotes"] = [
                quote_wire(view, q, content=True) for q in store.quotes_of(contact_id)
            ]
        if linked:
            wire["transactions"] = [
                transaction_wire(view, t, linked=True) for t in store.transactions_of(contact_id)
            ]
        listed.append(wire)
    return listed


def customer_search(call: Call) -> Any:
    """`GET customer_search`: `email` gives one object with its money and tags (or `[]`),
    `zbs_query` a page of matches. `replace_hyphens_with_underscores_in_json_keys=1` rewrites
    the keys of each match; the plugin applies it to an email lookup's object too, which is a
    PHP fatal."""
    query, view, store = call.query, call.view, call.store
    replace = php_int(query.get("replace_hyphens_with_underscores_in_json_keys"), 0) == 1
    if "email" in query:
        contact = store.contact_by_email(php_text(query["email"]))
        if contact is None:
            return []
        if replace:
            return fatal_error(call.headers)
        wire = contact_wire(view, contact)
        wire["tags"] = tags_wire(view, contact["tag_ids"])
        wire["invoices"] = [invoice_wire(view, i) for i in store.invoices_of(contact["id"])]
        wire["transactions"] = [
            transaction_wire(view, t) for t in store.transactions_of(contact["id"])
        ]
        return wire
    rows = _contacts_matching(call, php_text(query.get("zbs_query", "")))
    hits = [contact_wire(view, c) for c in _query_page(call, rows)]
    if replace:
        hits = [{key.replace("-", "_"): value for key, value in hit.items()} for hit in hits]
    return hits


def _company_matches(company: Company, phrase: str) -> bool:
    columns = company["fields"]
    return str(company["id"]) == phrase or any(phrase in columns[k] for k in _COMPANY_SEARCHED)


def companies(call: Call) -> Any:
    """`POST companies`, reproducing the plugin's shuffled arguments.

    The endpoint passes its values to `zeroBS_getCompanies` one place off: `invoices: "true"`
    lands in the search phrase (a search for "1"), `quotes: "true"` in a deprecated argument
    (a PHP notice printed before the JSON), the `search` text in the invoices flag (any text
    includes every company's invoices), `transactions: "true"` in the quotes flag, and `owned`
    nowhere. Contacts are always attached; `page` and `perpage` mean what they say.
    """
    params = _body_params(call)
    flag = {
        key: php_text(params.get(key)) == "true" for key in ("invoices", "quotes", "transactions")
    }
    with_invoices = bool(php_text(params.get("search", "")))
    rows = list(call.store.companies.values())
    if flag["invoices"]:
        rows = [c for c in rows if _company_matches(c, "1")]
    page = php_int(php_text(params.get("page", 0)), 0)
    perpage = php_int(php_text(params.get("perpage", 10)), 10)
    view = call.view
    listed = []
    for company in page_slice(rows, page, perpage):
        wire = company_wire(view, company)
        if with_invoices:
            wire["invoices"] = [
                invoice_wire(view, i) for i in call.store.company_invoices(company["id"])
            ]
        if flag["transactions"]:
            # Quotes are linked to contacts only on this site.
            wire["quotes"] = []
        listed.append(wire)
    return deprecation_notice(listed) if flag["quotes"] else json_response(listed)


def _query_page(call: Call, rows: Sequence[T]) -> list[T]:
    page, perpage = query_paging(call.query.get("page"), call.query.get("perpage"))
    return page_slice(rows, page, perpage)


def quotes(call: Call) -> Any:
    """`GET quotes`: newest first, without the quotes' HTML content."""
    rows = list(call.store.quotes.values())[::-1]
    return [quote_wire(call.view, q) for q in _query_page(call, rows)]


def invoices(call: Call) -> Any:
    """`GET invoices`: in ascending id order."""
    rows = list(call.store.invoices.values())
    return [invoice_wire(call.view, i) for i in _query_page(call, rows)]


def transactions(call: Call) -> Any:
    """`GET transactions`: in ascending id order."""
    rows = list(call.store.transactions.values())
    return [transaction_wire(call.view, t) for t in _query_page(call, rows)]


def events(call: Call) -> Any:
    """`GET events`: in ascending id order; `owner` (or `owned`) above 0 filters by owner."""
    rows = list(call.store.events.values())
    owner = php_int(call.query.get("owner"), 0)
    if owner <= 0:
        owner = php_int(call.query.get("owned"), 0)
    if owner > 0:
        rows = [e for e in rows if e["owner"] == owner]
    return [event_wire(call.view, e) for e in _query_page(call, rows)]
