"""In-memory state of a simulated Jetpack CRM and the plugin's create-or-update rules.

The upserts replace rather than merge, as the real plugin does: every column not sent is
blanked, except that a contact who is already a "Customer" stays one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timezone
from typing import Any, Generic, Protocol, TypeVar

from jbcrm.sandbox.jetpack._php import is_valid_email, php_int, php_money, php_text
from jbcrm.sandbox.jetpack._records import (
    COMPANY_FIELDS,
    CONTACT_CUSTOM_KEYS,
    CONTACT_FIELDS,
    Company,
    Contact,
    Event,
    Invoice,
    Quote,
    Transaction,
)

__all__ = ["SUCCESS_STATUSES", "JetpackStore", "Table"]

# Transaction statuses the sandbox site counts as paid (Settings → Transactions).
SUCCESS_STATUSES = frozenset({"Succeeded", "Completed", "Paid"})

_EVENT_TIME_FORMAT = "%m/%d/%Y %H:%M:%S"


class _Record(Protocol):
    id: int


R = TypeVar("R", bound=_Record)


class Table(dict[int, R], Generic[R]):
    """Rows by id, in insertion (so ascending id) order, with auto-increment ids."""

    def __init__(self) -> None:
        super().__init__()
        self._last_id = 0

    def insert(self, record: R) -> R:
        self._last_id += 1
        record.id = self._last_id
        self[record.id] = record
        return record


class JetpackStore:
    """Every table of one simulated CRM site."""

    def __init__(self) -> None:
        self.contacts: Table[Contact] = Table()
        self.companies: Table[Company] = Table()
        self.quotes: Table[Quote] = Table()
        self.invoices: Table[Invoice] = Table()
        self.transactions: Table[Transaction] = Table()
        self.events: Table[Event] = Table()
        self._tag_ids: dict[str, int] = {}

    def tag_id(self, name: str) -> int:
        """Tags are rows too; each name gets an id on first use."""
        return self._tag_ids.setdefault(name, len(self._tag_ids) + 1)

    def contact_by_email(self, email: str) -> Contact | None:
        wanted = email.strip().lower()
        return next((c for c in self.contacts.values() if c.email.lower() == wanted), None)

    def company_by_email(self, email: str) -> Company | None:
        wanted = email.strip().lower()
        found = (c for c in self.companies.values() if c.fields["email"].lower() == wanted)
        return next(found, None)

    def transaction_by_ref(self, ref: str) -> Transaction | None:
        return next((t for t in self.transactions.values() if t.ref == ref), None)

    def quotes_of(self, contact_id: int) -> list[Quote]:
        return [q for q in self.quotes.values() if q.contact_id == contact_id]

    def invoices_of(self, contact_id: int) -> list[Invoice]:
        return [i for i in self.invoices.values() if i.contact_id == contact_id]

    def transactions_of(self, contact_id: int) -> list[Transaction]:
        return [t for t in self.transactions.values() if t.contact_id == contact_id]

    def company_invoices(self, company_id: int) -> list[Invoice]:
        return [i for i in self.invoices.values() if i.company_id == company_id]

    def company_transactions(self, company_id: int) -> list[Transaction]:
        members = {c.id for c in self.contacts.values() if company_id in c.company_ids}
        return [t for t in self.transactions.values() if t.contact_id in members]

    def update_contact(self, body: Mapping[str, Any], contact: Contact, now: int) -> bool:
        """Replace a contact's columns with a create_customer body; True if anything changed."""
        fields, custom = _contact_columns(body, contact)
        tags = _tags(body, contact.tags)
        owner = php_int(body.get("assign"), contact.owner)
        after = (fields, custom, tags, owner)
        if (contact.fields, contact.custom, contact.tags, contact.owner) == after:
            return False
        contact.fields, contact.custom, contact.tags, contact.owner = after
        contact.lastupdated = now
        return True

    def new_contact(self, body: Mapping[str, Any], now: int) -> Contact:
        """Insert a contact built from a create_customer body (status Lead unless sent)."""
        fields, custom = _contact_columns(body, None)
        return self.contacts.insert(
            Contact(
                id=0,
                owner=php_int(body.get("assign"), -1),
                fields=fields,
                custom=custom,
                tags=_tags(body, []),
                created=now,
                lastupdated=now,
            )
        )

    def save_company(self, body: Mapping[str, Any], existing: Company | None, now: int) -> Company:
        """Create a company, or replace every column of `existing` with what `body` has."""
        fields = {key: php_text(body.get(key, "")) for key in COMPANY_FIELDS}
        fields["status"] = fields["status"] or "Lead"
        if existing is None:
            return self.companies.insert(
                Company(
                    id=0,
                    owner=php_int(body.get("assign"), -1),
                    fields=fields,
                    tags=_tags(body, []),
                    created=now,
                    lastupdated=now,
                )
            )
        if "email" not in body:
            fields["email"] = existing.fields["email"]
        existing.fields = fields
        existing.tags = _tags(body, existing.tags)
        existing.owner = php_int(body.get("assign"), existing.owner)
        existing.lastupdated = now
        return existing

    def save_transaction(self, body: Mapping[str, Any], now: int) -> Transaction:
        """Upsert by `orderid`; an unknown email becomes a new contact with status Customer."""
        ref = php_text(body["orderid"])
        existing = self.transaction_by_ref(ref)
        contact_id = existing.contact_id if existing else None
        email = body.get("email")
        if is_valid_email(email):
            assert isinstance(email, str)
            contact = self.contact_by_email(email)
            if contact is None:
                contact = self.new_contact(
                    {"email": email.strip(), "fname": body.get("fname", ""), "status": "Customer"},
                    now,
                )
            contact_id = contact.id
        status = php_text(body["status"])
        date = php_int(body.get("date"), now)
        values: dict[str, Any] = {
            "contact_id": contact_id,
            "ref": ref,
            "status": status,
            "type": php_text(body.get("type", "")) or "Sale",
            "title": php_text(body.get("title", "")),
            "desc": php_text(body.get("desc", "")),
            "date": date,
            "currency": php_text(body.get("currency", "")) or "USD",
            "date_paid": date if status in SUCCESS_STATUSES else 0,
            "origin": "api",
            "lastupdated": now,
        }
        for key in ("net", "fee", "discount", "tax", "shipping", "total"):
            values[key] = php_money(body.get(key, 0))
        if existing is None:
            owner = php_int(body.get("assign"), -1)
            return self.transactions.insert(Transaction(id=0, owner=owner, created=now, **values))
        for key, value in values.items():
            setattr(existing, key, value)
        return existing

    def save_event(self, body: Mapping[str, Any], existing: Event | None, now: int) -> Event:
        """Create an event or replace `existing`; `notes` becomes `desc`, from/to unix times."""
        customer = php_int(body.get("customer"), 0)
        values: dict[str, Any] = {
            "owner": php_int(body.get("owner"), -1),
            "title": php_text(body.get("title", "")),
            "desc": php_text(body.get("notes", "")),
            "start": _event_time(body.get("from")),
            "end": _event_time(body.get("to")),
            "complete": php_int(body.get("complete"), 0),
            "notify": php_int(body.get("notify"), 0) == 24,
            "contact_ids": [customer] if customer in self.contacts else [],
            "lastupdated": now,
        }
        if existing is None:
            return self.events.insert(Event(id=0, created=now, **values))
        for key, value in values.items():
            setattr(existing, key, value)
        return existing


def _contact_columns(
    body: Mapping[str, Any], existing: Contact | None
) -> tuple[dict[str, str], dict[str, str]]:
    fields = {key: php_text(body.get(key, "")) for key in CONTACT_FIELDS}
    custom = {key: php_text(body.get(key, "")) for key in CONTACT_CUSTOM_KEYS}
    if existing is not None and "email" not in body:
        fields["email"] = existing.email
    if existing is not None and existing.fields["status"] == "Customer":
        fields["status"] = "Customer"
    fields["status"] = fields["status"] or "Lead"
    return fields, custom


def _tags(body: Mapping[str, Any], current: Iterable[str]) -> list[str]:
    """Sent tags replace the old ones; no `tags` key keeps them."""
    sent = body.get("tags")
    if not isinstance(sent, list):
        return list(current)
    return list(dict.fromkeys(php_text(tag) for tag in sent if php_text(tag)))


def _event_time(value: object) -> int:
    try:
        moment = datetime.strptime(php_text(value), _EVENT_TIME_FORMAT)
    except ValueError:
        return 0
    return int(moment.replace(tzinfo=timezone.utc).timestamp())
