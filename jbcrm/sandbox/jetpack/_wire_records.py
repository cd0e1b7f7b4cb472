"""Quotes, invoices, transactions and events in the exact wire shapes the plugin sends.

Their `id` and `owner` are strings, their times ints (0 for none, with a `*_date` companion
that is false then), money decimal strings. Every one of them carries the site's address
custom fields (always `""`) and, except events, its `lineitems`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Final

from jbcrm.sandbox.jetpack._call import View
from jbcrm.sandbox.jetpack._records import (
    Event,
    Invoice,
    LineItem,
    Quote,
    Reminder,
    Transaction,
    line_net,
)
from jbcrm.sandbox.jetpack._schema import SUCCESS_STATUSES, TRANSACTION_CUSTOM
from jbcrm.sandbox.jetpack._wire_people import (
    Wire,
    address_wire,
    company_wire,
    contact_wire,
    custom_wire,
)

__all__ = ["event_wire", "invoice_wire", "quote_wire", "transaction_wire"]

_ZERO = Decimal("0.00")
# The money columns a transaction's answer sends before its taxes.
_TX_AMOUNTS: Final = ("net", "fee", "discount", "shipping")


def _money(amount: Decimal) -> str:
    return f"{amount:.2f}"


def _line_item(view: View, item: LineItem, owner: int) -> Wire:
    when = view.dates.db(item["created"])
    return {
        "id": str(item["id"]),
        "owner": str(owner),
        "order": 0,
        "title": item["title"],
        "desc": item["desc"],
        "quantity": format(item["quantity"], "f"),
        "price": _money(item["price"]),
        "currency": item["currency"],
        "net": _money(line_net(item)),
        "discount": _money(_ZERO),
        "fee": _money(_ZERO),
        "shipping": _money(_ZERO),
        "shipping_taxes": "",
        "shipping_tax": _money(_ZERO),
        "taxes": item["taxes"],
        "tax": _money(item["tax"]),
        "total": _money(line_net(item) + item["tax"]),
        "created": item["created"],
        "created_date": when,
        "lastupdated": item["created"],
        "lastupdated_date": when,
    }


def quote_wire(view: View, quote: Quote, *, content: bool = False) -> Wire:
    """A quote; `status` is derived: -1 draft, -2 published, 1 accepted. `quotes` leaves the
    HTML `content` out; the quotes a contact's listing includes carry it."""
    dates, accepted = view.dates, quote["accepted"]
    wire: Wire = {
        "id": str(quote["id"]),
        "owner": str(quote["owner"]),
        "id_override": "",
        "title": quote["title"],
        "currency": quote["currency"],
        "value": _money(quote["value"]),
        "date": quote["date"],
        "date_date": dates.crm(quote["date"]),
        "template": quote["template"],
    }
    if content:
        wire["content"] = quote["content"]
    wire |= {
        "notes": quote["notes"],
        "send_attachments": True,
        "hash": quote["hash"],
        "lastviewed": 0,
        "lastviewed_date": False,
        "viewed_count": 0,
        "accepted": accepted,
        "accepted_date": dates.crm(accepted),
        "acceptedsigned": accepted,
        "acceptedip": accepted,
        "created": quote["created"],
        "created_date": dates.crm(quote["created"]),
        "lastupdated": quote["lastupdated"],
        "lastupdated_date": dates.crm(quote["lastupdated"]),
        "status": 1 if accepted else (-2 if quote["template"] else -1),
    }
    wire |= address_wire({})
    wire["lineitems"] = [_line_item(view, item, quote["owner"]) for item in quote["lineitems"]]
    return wire


def invoice_wire(view: View, invoice: Invoice) -> Wire:
    """An invoice: its dates in WordPress's format, its paid date in the CRM's."""
    dates = view.dates
    wire: Wire = {
        "id": str(invoice["id"]),
        "owner": str(invoice["owner"]),
        "id_override": invoice["id_override"],
        "parent": 0,
        "status": invoice["status"],
        "status_label": invoice["status"],
        "hash": invoice["hash"],
        "pdf_template": "",
        "portal_template": "",
        "email_template": "",
        "invoice_frequency": 0,
        "currency": invoice["currency"],
        "pay_via": 0,
        "logo_url": "",
        "address_to_objtype": 0,
        "addressed_from": invoice["addressed_from"],
        "addressed_to": invoice["addressed_to"],
        "allow_partial": True,
        "allow_tip": True,
        "send_attachments": True,
        "hours_or_quantity": "0",
        "date": invoice["date"],
        "date_date": dates.wordpress(invoice["date"]),
        "due_date": invoice["due_date"],
        "due_date_date": dates.wordpress(invoice["due_date"]),
        "paid_date": invoice["paid_date"],
        "paid_date_date": dates.crm(invoice["paid_date"]),
    }
    for seen in ("hash_viewed", "portal_viewed"):
        wire |= {seen: 0, f"{seen}_date": False, f"{seen}_count": 0}
    wire |= {
        "net": _money(invoice["net"]),
        "discount": _money(invoice["discount"]),
        "discount_type": invoice["discount_type"],
        "shipping": _money(invoice["shipping"]),
        "shipping_taxes": invoice["shipping_taxes"],
        "shipping_tax": _money(invoice["shipping_tax"]),
        "taxes": invoice["taxes"],
        "tax": _money(invoice["tax"]),
        "total": _money(invoice["total"]),
        "created": invoice["created"],
        "created_date": dates.db(invoice["created"]),
        "lastupdated": invoice["lastupdated"],
        "lastupdated_date": dates.db(invoice["lastupdated"]),
    }
    wire |= address_wire({})
    wire["lineitems"] = [_line_item(view, item, invoice["owner"]) for item in invoice["lineitems"]]
    return wire


def transaction_wire(view: View, tx: Transaction, *, linked: bool = False) -> Wire:
    """A transaction; `status_bool` is 1 for statuses the site counts as successful, else -1.
    `linked` adds the contact and company lists (a contact listing's transactions have them)."""
    dates = view.dates
    wire: Wire = {
        "id": str(tx["id"]),
        "owner": str(tx["owner"]),
        "status": tx["status"],
        "type": tx["type"],
        "status_bool": 1 if tx["status"] in SUCCESS_STATUSES else -1,
        "type_accounting": "credit" if tx["type"] in ("Refund", "Credit note") else "debit",
        "ref": tx["ref"],
        "origin": "",
        "parent": 0,
        "hash": "",
        "title": tx["title"],
        "desc": tx["desc"],
        "date": tx["date"],
        "date_date": dates.db_or_false(tx["date"]),
        "customer_ip": "",
        "currency": tx["currency"],
    }
    wire |= {column: _money(tx[column]) for column in _TX_AMOUNTS}
    wire |= {
        "shipping_taxes": tx["shipping_taxes"],
        "shipping_tax": _money(tx["shipping_tax"]),
        "taxes": tx["taxes"],
        "tax": _money(tx["tax"]),
        "total": _money(tx["total"]),
        "date_paid": 0,
        "date_paid_date": False,
        "date_completed": 0,
        "date_completed_date": False,
        "created": tx["created"],
        "created_date": dates.crm(tx["created"]),
        "lastupdated": tx["lastupdated"],
        "lastupdated_date": dates.db(tx["lastupdated"]),
    }
    wire |= custom_wire(view, TRANSACTION_CUSTOM, tx["custom"])
    wire["lineitems"] = []
    if linked:
        contact = view.store.contacts.get(tx["contact_id"] or 0)
        wire["contact"] = [] if contact is None else [contact_wire(view, contact)]
        wire["company"] = []
    return wire


def _reminder(view: View, reminder: Reminder) -> Wire:
    when = view.dates.db(reminder["created"])
    return {
        "id": str(reminder["id"]),
        "owner": "0",
        "event": reminder["event"],
        "remind_at": reminder["remind_at"],
        "sent": reminder["sent"],
        "created": reminder["created"],
        "created_date": when,
        "lastupdated": reminder["created"],
        "lastupdated_date": when,
    }


def event_wire(view: View, event: Event) -> Wire:
    """An event with its reminders and the contacts and companies it is linked to."""
    dates, store = view.dates, view.store
    wire: Wire = {
        "id": str(event["id"]),
        "owner": str(event["owner"]),
        "title": event["title"],
        "desc": event["desc"],
        "start": event["start"],
        "start_date": dates.db(event["start"]),
        "end": event["end"],
        "end_date": dates.db(event["end"]),
        "complete": event["complete"],
        "show_on_portal": 0,
        "show_on_cal": 1,
        "created": event["created"],
        "created_date": dates.db(event["created"]),
        "lastupdated": event["lastupdated"],
        "lastupdated_date": dates.db(event["lastupdated"]),
    }
    wire |= address_wire({})
    wire["reminders"] = [_reminder(view, r) for r in event["reminders"]]
    wire["contact"] = [contact_wire(view, store.contacts[i]) for i in event["contact_ids"]]
    wire["company"] = [company_wire(view, store.companies[i]) for i in event["company_ids"]]
    return wire
