"""How the plugin stores what a create_* endpoint was sent: it replaces rather than merges.

Recorded on a real site: every text column not sent is blanked; a contact's owner goes back to
none (-1) unless `assign` is sent; a contact or company keeps the custom fields and tags it was
not sent, never stores an empty value or "0" (so neither can clear one), and never stores a date
sent to a date custom field; a transaction upserted by `orderid` loses everything not sent,
its custom fields and date included; an event loses its reminder unless `notify` is 24.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timezone
from typing import Any, TypeVar

from jbcrm.sandbox.jetpack._php import php_empty, php_int, php_money, php_text
from jbcrm.sandbox.jetpack._records import (
    EVENT,
    REMINDER,
    TRANSACTION,
    Company,
    Contact,
    Event,
    Transaction,
)
from jbcrm.sandbox.jetpack._schema import (
    ADDRESS_KEYS,
    COMPANY_COLUMNS,
    COMPANY_CUSTOM,
    CONTACT_COLUMNS,
    CONTACT_CUSTOM,
    TRANSACTION_CUSTOM,
    CustomField,
)
from jbcrm.sandbox.jetpack._store import CONTACT_TAGS, JetpackStore, Table

__all__ = ["store_company", "store_contact", "store_event", "store_transaction"]

COMPANY_TAGS = 2
_EVENT_TIMES = ("%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M", "%m/%d/%Y", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d")
_MONEY = ("net", "fee", "discount", "tax", "shipping", "shipping_tax", "total")

Person = TypeVar("Person", Contact, Company)


def _custom(
    fields: Iterable[CustomField], body: Mapping[str, Any], current: Mapping[str, str]
) -> dict[str, str]:
    values = dict(current)
    kinds = {field.slug: field.kind for field in fields} | dict.fromkeys(ADDRESS_KEYS, "text")
    for slug, kind in kinds.items():
        sent = body.get(slug)
        if kind == "checkbox" and isinstance(sent, list):
            text = ",".join(php_text(v) for v in sent)
        else:
            text = php_text(sent)
        if not php_empty(text):
            values[slug] = "" if kind == "date" else text
    return values


def _tags(store: JetpackStore, body: Mapping[str, Any], objtype: int, now: int) -> list[int] | None:
    """The tag ids a body sets, or None when it sets none (an empty list sets none)."""
    sent = body.get("tags")
    if not isinstance(sent, list):
        return None
    names = [php_text(tag) for tag in sent]
    names = [name for name in names if name]
    return store.tag_ids(names, objtype, now) if names else None


def _insert(
    table: Table[Person],
    owner: int,
    fields: dict[str, str],
    custom: dict[str, str],
    tags: list[int] | None,
    now: int,
) -> Person:
    return table.insert(
        owner=owner, fields=fields, custom=custom, created=now, lastupdated=now, tag_ids=tags or []
    )


def _replace(
    record: Contact | Company,
    fields: dict[str, str],
    custom: dict[str, str],
    tags: list[int] | None,
    now: int,
) -> None:
    record["fields"], record["custom"], record["lastupdated"] = fields, custom, now
    if tags is not None:
        record["tag_ids"] = tags


def store_contact(
    store: JetpackStore, body: Mapping[str, Any], existing: Contact | None, now: int
) -> Contact:
    """Create a contact from a create_customer body, or replace `existing`'s columns."""
    fields = {key: php_text(body.get(key, "")) for key in CONTACT_COLUMNS}
    assign = php_int(body.get("assign"), -1)
    owner = assign if assign > 0 else -1
    tags = _tags(store, body, CONTACT_TAGS, now)
    if existing is None:
        custom = _custom(CONTACT_CUSTOM, body, dict.fromkeys(_slugs(CONTACT_CUSTOM), ""))
        return _insert(store.contacts, owner, fields, custom, tags, now)
    _replace(existing, fields, _custom(CONTACT_CUSTOM, body, existing["custom"]), tags, now)
    existing["owner"] = owner
    return existing


def store_company(
    store: JetpackStore, body: Mapping[str, Any], existing: Company | None, now: int
) -> Company:
    """Create a company, or replace `existing`'s columns (its owner is set afterwards, which a
    replace never reaches: the plugin dies first)."""
    fields = {key: php_text(body.get(key, "")) for key in COMPANY_COLUMNS}
    fields["status"] = fields["status"] or "Lead"
    tags = _tags(store, body, COMPANY_TAGS, now)
    if existing is None:
        custom = _custom(COMPANY_CUSTOM, body, dict.fromkeys(_slugs(COMPANY_CUSTOM), ""))
        assign = php_int(body.get("assign"), -1)
        return _insert(store.companies, assign if assign != 0 else -1, fields, custom, tags, now)
    _replace(existing, fields, _custom(COMPANY_CUSTOM, body, existing["custom"]), tags, now)
    return existing


def store_transaction(
    store: JetpackStore, body: Mapping[str, Any], contact: Contact | None, now: int
) -> Transaction:
    """Create the transaction `orderid` names, or replace every column of the existing one."""
    ref = php_text(body["orderid"])
    existing = store.transaction_by_ref(ref)
    values: dict[str, Any] = {
        key: php_text(body.get(key, ""))
        for key in ("status", "type", "title", "desc", "currency", "taxes", "shipping_taxes")
    }
    values |= {key: php_money(body.get(key, 0)) for key in _MONEY}
    custom = {field.slug: php_text(body.get(field.slug, "")) for field in TRANSACTION_CUSTOM}
    sent_date = php_int(body.get("date"), 0) if "date" in body else None
    if existing is None:
        return store.transactions.insert(
            owner=php_int(body.get("owner"), 0),
            contact_id=contact["id"] if contact else None,
            ref=ref,
            created=now,
            lastupdated=now,
            date=now if sent_date is None else sent_date,
            custom=custom,
            **values,
        )
    TRANSACTION.update(existing, values)
    existing["custom"] = custom
    existing["date"] = sent_date or 0
    if contact is not None:
        existing["contact_id"] = contact["id"]
    if "owner" in body:
        existing["owner"] = php_int(body["owner"], 0)
    existing["lastupdated"] = now
    return existing


def event_time(text: str) -> int:
    """`strtotime()` in UTC (WordPress runs PHP in UTC) of the formats create_event is sent."""
    for layout in _EVENT_TIMES:
        try:
            moment = datetime.strptime(text, layout)
        except ValueError:
            continue
        return int(moment.replace(tzinfo=timezone.utc).timestamp())
    return 0


def store_event(
    store: JetpackStore, task: Mapping[str, Any], existing: Event | None, now: int
) -> Event:
    """Create an event from create_event's normalised fields, or replace `existing`.

    `complete` -1 (not sent) is stored as complete, owner -1 as 0; the reminders are replaced by
    one a day before the start when `notify` is 24, by none otherwise.
    """
    customer = task["customer"]
    values: dict[str, Any] = {
        "title": task["title"],
        "desc": task["notes"],
        "start": event_time(task["from"]),
        "end": event_time(task["to"]),
        "complete": 0 if task["complete"] == 0 else 1,
        "owner": max(task["owner"], 0),
        "lastupdated": now,
    }
    event = existing or store.events.insert(created=now, **values)
    EVENT.update(event, values)
    if customer > 0 or existing is None:
        event["contact_ids"] = [customer] if customer in store.contacts else []
    event["reminders"] = []
    if task["notify"] == 24:
        reminder_id = store.next_id("reminder")
        reminder = REMINDER.row(id=reminder_id, event=event["id"], remind_at=-86400, created=now)
        event["reminders"] = [reminder]
    return event


def _slugs(fields: Iterable[CustomField]) -> list[str]:
    return [field.slug for field in fields] + list(ADDRESS_KEYS)
