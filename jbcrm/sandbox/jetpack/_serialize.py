"""Records in the exact wire shapes the plugin sends, odd types included.

Contacts carry their numbers as strings (`id`, `owner`, `createduts`, `lastupdated`) and a
DATETIME string `created`; companies, quotes, invoices, transactions and events carry unix
times as ints but `owner` as a string. Money is a decimal string. A `*_date` companion is
false when its time is 0.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from jbcrm.sandbox.jetpack._php import db_datetime, site_date
from jbcrm.sandbox.jetpack._records import Company, Contact, Event, Invoice, Quote, Transaction
from jbcrm.sandbox.jetpack._store import SUCCESS_STATUSES, JetpackStore

__all__ = [
    "company_wire",
    "contact_wire",
    "event_wire",
    "invoice_wire",
    "quote_wire",
    "replace_hyphens",
    "transaction_wire",
]

Wire = dict[str, Any]


def _money(amount: Decimal) -> str:
    return f"{amount:.2f}"


def _tags_wire(store: JetpackStore, names: Iterable[str], objtype: int, when: int) -> list[Wire]:
    return [
        {
            "id": store.tag_id(name),
            "objtype": objtype,
            "name": name,
            "slug": name.lower().replace(" ", "-"),
            "created": when,
            "lastupdated": when,
        }
        for name in names
    ]


def contact_wire(
    store: JetpackStore,
    contact: Contact,
    *,
    tags: bool = False,
    invoices: bool = False,
    quotes: bool = False,
    transactions: bool = False,
) -> Wire:
    """A contact as `customers` and `customer_search` send it, with the asked-for extras."""
    wire: Wire = {"id": str(contact.id), "owner": str(contact.owner)}
    wire.update(contact.fields)
    wire |= {
        "wpid": "-1",
        "avatar": "",
        "created": db_datetime(contact.created),
        "createduts": str(contact.created),
        "created_date": site_date(contact.created),
        "lastupdated": str(contact.lastupdated),
        "lastupdated_date": site_date(contact.lastupdated),
        "lastcontacted": -1,
        "lastcontacted_date": False,
        "fullname": contact.fullname,
        "name": contact.fullname,
    }
    wire.update(contact.custom)
    if tags:
        wire["tags"] = _tags_wire(store, contact.tags, 1, contact.created)
    if invoices:
        wire["invoices"] = [invoice_wire(i) for i in store.invoices_of(contact.id)]
    if quotes:
        wire["quotes"] = [quote_wire(q) for q in store.quotes_of(contact.id)]
    if transactions:
        wire["transactions"] = [transaction_wire(t) for t in store.transactions_of(contact.id)]
    return wire


def company_wire(
    store: JetpackStore, company: Company, *, invoices: bool = False, transactions: bool = False
) -> Wire:
    """A company as `companies` sends it; the include flags add lists and totals."""
    wire: Wire = {"id": company.id, "owner": str(company.owner)}
    wire.update(company.fields)
    wire |= {
        "wpid": -1,
        "created": company.created,
        "created_date": site_date(company.created),
        "lastupdated": company.lastupdated,
        "lastupdated_date": site_date(company.lastupdated),
        "lastcontacted": -1,
        "lastcontacted_date": False,
    }
    total = Decimal(0)
    if invoices:
        rows = store.company_invoices(company.id)
        wire["invoices"] = [invoice_wire(i) for i in rows]
        wire["invoices_count"] = len(rows)
        wire["invoices_total"] = _money(sum((i.total for i in rows), Decimal(0)))
        total += sum((i.total for i in rows), Decimal(0))
    if transactions:
        txs = store.company_transactions(company.id)
        paid = [t for t in txs if t.status in SUCCESS_STATUSES]
        wire["transactions"] = [transaction_wire(t) for t in txs]
        wire["transactions_total"] = _money(sum((t.total for t in txs), Decimal(0)))
        wire["transactions_paid_total"] = _money(sum((t.total for t in paid), Decimal(0)))
        total += sum((t.total for t in paid), Decimal(0))
    if invoices or transactions:
        wire["total_value"] = _money(total)
    return wire


def quote_wire(quote: Quote) -> Wire:
    """A quote; `status` is derived: -1 draft, -2 published, 1 accepted."""
    status = 1 if quote.accepted else (-2 if quote.template else -1)
    return {
        "id": quote.id,
        "owner": str(quote.owner),
        "id_override": quote.id_override,
        "title": quote.title,
        "currency": quote.currency,
        "value": _money(quote.value),
        "date": quote.date,
        "date_date": site_date(quote.date),
        "template": quote.template,
        "content": quote.content,
        "notes": quote.notes,
        "send_attachments": False,
        "hash": quote.hash,
        "lastviewed": 0,
        "lastviewed_date": False,
        "viewed_count": 0,
        "accepted": quote.accepted,
        "accepted_date": site_date(quote.accepted),
        "created": quote.created,
        "created_date": site_date(quote.created),
        "lastupdated": quote.lastupdated,
        "lastupdated_date": site_date(quote.lastupdated),
        "status": status,
    }


def invoice_wire(invoice: Invoice) -> Wire:
    """An invoice with its money as decimal strings."""
    return {
        "id": invoice.id,
        "owner": str(invoice.owner),
        "id_override": invoice.id_override,
        "parent": 0,
        "status": invoice.status,
        "status_label": invoice.status,
        "hash": invoice.hash,
        "currency": invoice.currency,
        "addressed_from": invoice.addressed_from,
        "addressed_to": invoice.addressed_to,
        "address_to_objtype": 1,
        "allow_partial": False,
        "allow_tip": False,
        "date": invoice.date,
        "date_date": site_date(invoice.date),
        "due_date": invoice.due_date,
        "due_date_date": site_date(invoice.due_date),
        "paid_date": invoice.paid_date,
        "paid_date_date": site_date(invoice.paid_date),
        "net": _money(invoice.net),
        "discount": _money(invoice.discount),
        "discount_type": "percent",
        "shipping": _money(invoice.shipping),
        "tax": _money(invoice.tax),
        "total": _money(invoice.total),
        "hash_viewed_count": 0,
        "portal_viewed_count": 0,
        "created": invoice.created,
        "created_date": site_date(invoice.created),
        "lastupdated": invoice.lastupdated,
        "lastupdated_date": site_date(invoice.lastupdated),
    }


def transaction_wire(tx: Transaction) -> Wire:
    """A transaction; `status_bool` is 1 for statuses the site counts as paid, else -1."""
    return {
        "id": tx.id,
        "owner": str(tx.owner),
        "status": tx.status,
        "type": tx.type,
        "status_bool": 1 if tx.status in SUCCESS_STATUSES else -1,
        "type_accounting": "debit" if tx.type in ("Refund", "Credit note") else "credit",
        "ref": tx.ref,
        "origin": tx.origin,
        "parent": 0,
        "title": tx.title,
        "desc": tx.desc,
        "date": tx.date,
        "date_date": site_date(tx.date),
        "currency": tx.currency,
        "net": _money(tx.net),
        "fee": _money(tx.fee),
        "discount": _money(tx.discount),
        "tax": _money(tx.tax),
        "shipping": _money(tx.shipping),
        "total": _money(tx.total),
        "date_paid": tx.date_paid,
        "date_paid_date": site_date(tx.date_paid),
        "created": tx.created,
        "created_date": site_date(tx.created),
        "lastupdated": tx.lastupdated,
        "lastupdated_date": site_date(tx.lastupdated),
    }


def event_wire(store: JetpackStore, event: Event) -> Wire:
    """An event with its reminders and the contacts and companies it is linked to."""
    reminders = [{"event": event.id, "remind_at": -86400, "sent": False}] if event.notify else []
    return {
        "id": event.id,
        "owner": str(event.owner),
        "title": event.title,
        "desc": event.desc,
        "start": event.start,
        "start_date": site_date(event.start),
        "end": event.end,
        "end_date": site_date(event.end),
        "complete": event.complete,
        "show_on_portal": 0,
        "show_on_cal": 1,
        "created": event.created,
        "created_date": site_date(event.created),
        "lastupdated": event.lastupdated,
        "lastupdated_date": site_date(event.lastupdated),
        "reminders": reminders,
        "contact": [contact_wire(store, store.contacts[i]) for i in event.contact_ids],
        "company": [company_wire(store, store.companies[i]) for i in event.company_ids],
    }


def replace_hyphens(value: Any) -> Any:
    """`replace_hyphens_with_underscores_in_json_keys=1`: rewrite every key, at any depth."""
    if isinstance(value, dict):
        return {key.replace("-", "_"): replace_hyphens(item) for key, item in value.items()}
    if isinstance(value, list):
        return [replace_hyphens(item) for item in value]
    return value
