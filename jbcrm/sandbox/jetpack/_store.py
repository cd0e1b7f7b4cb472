"""In-memory state of a simulated Jetpack CRM: its tables, ids and lookups."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Generic, TypeVar

from jbcrm.sandbox.jetpack._records import (
    COMPANY,
    CONTACT,
    EVENT,
    INVOICE,
    QUOTE,
    TAG,
    TRANSACTION,
    Columns,
    Company,
    Contact,
    Invoice,
    Quote,
    Transaction,
)

__all__ = ["CONTACT_TAGS", "JetpackStore", "Table"]

# The tag object types of the plugin.
CONTACT_TAGS = 1

R = TypeVar("R", bound=Mapping[str, Any])


class Table(dict[int, R], Generic[R]):
    """Rows by id, in insertion (so ascending id) order, with auto-increment ids."""

    def __init__(self, columns: Columns[R]) -> None:
        super().__init__()
        self.columns = columns
        self._last_id = 0

    def insert(self, **given: Any) -> R:
        """INSERT: a row of the given columns and the table's defaults, with the next id."""
        row = self.columns.row(id=self._last_id + 1, **given)
        self._last_id += 1
        self[self._last_id] = row
        return row


class JetpackStore:
    """Every table of one simulated CRM site."""

    def __init__(self) -> None:
        self.contacts = Table(CONTACT)
        self.companies = Table(COMPANY)
        self.quotes = Table(QUOTE)
        self.invoices = Table(INVOICE)
        self.transactions = Table(TRANSACTION)
        self.events = Table(EVENT)
        self.tags = Table(TAG)
        self._counters: dict[str, int] = {}

    def next_id(self, kind: str) -> int:
        """An id for rows kept inside another record (line items, reminders)."""
        self._counters[kind] = self._counters.get(kind, 0) + 1
        return self._counters[kind]

    def tag_ids(self, names: Iterable[str], objtype: int, now: int) -> list[int]:
        """The ids of the tags with these names, creating those that do not exist yet."""
        known = {(t["objtype"], t["name"]): t["id"] for t in self.tags.values()}
        ids = []
        for name in names:
            tag_id = known.get((objtype, name))
            if tag_id is None:
                tag_id = self.tags.insert(objtype=objtype, name=name, created=now)["id"]
                known[(objtype, name)] = tag_id
            if tag_id not in ids:
                ids.append(tag_id)
        return ids

    def contact_by_email(self, email: str) -> Contact | None:
        wanted = email.strip().lower()
        found = (c for c in self.contacts.values() if c["fields"]["email"].lower() == wanted)
        return next(found, None) if wanted else None

    def company_by_email(self, email: str) -> Company | None:
        wanted = email.strip().lower()
        found = (c for c in self.companies.values() if c["fields"]["email"].lower() == wanted)
        return next(found, None) if wanted else None

    def transaction_by_ref(self, ref: str) -> Transaction | None:
        return next((t for t in self.transactions.values() if t["ref"] == ref), None)

    def quotes_of(self, contact_id: int) -> list[Quote]:
        return [q for q in self.quotes.values() if q["contact_id"] == contact_id]

    def invoices_of(self, contact_id: int) -> list[Invoice]:
        return [i for i in self.invoices.values() if i["contact_id"] == contact_id]

    def transactions_of(self, contact_id: int) -> list[Transaction]:
        # The plugin lists a contact's transactions newest first.
        return [t for t in reversed(self.transactions.values()) if t["contact_id"] == contact_id]

    def company_invoices(self, company_id: int) -> list[Invoice]:
        return [i for i in self.invoices.values() if i["company_id"] == company_id]

    def members_of(self, company_id: int) -> list[Contact]:
        return [c for c in self.contacts.values() if company_id in c["company_ids"]]
