"""Deterministic seed data for the simulated Jetpack CRM: people, companies and their money.

The records have every field the reference site's have (the same custom fields, second
addresses, tags, line items, reminders), with values drawn from a seeded generator.
"""

from __future__ import annotations

import random
from datetime import datetime, timezone
from decimal import Decimal

from jbcrm.sandbox.jetpack._records import (
    LINE_ITEM,
    REMINDER,
    Company,
    Contact,
    Invoice,
    LineItem,
    Quote,
)
from jbcrm.sandbox.jetpack._schema import COMPANY_COLUMNS, CONTACT_COLUMNS
from jbcrm.sandbox.jetpack._store import CONTACT_TAGS, JetpackStore

__all__ = ["SEED_NOW", "populate"]

# Seeded records are dated before this instant (2026-11-28 09:30:37 UTC), whatever the clock.
SEED_NOW = 1795858237
_DAY = 86_400

_FIRST = (
    "Ann", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kara",
    "Liam", "Maya", "Noah", "Olga", "Pedro", "Quinn", "Rosa", "Sam", "Tariq", "Uma", "Victor",
    "Wen", "Ximena", "Yusuf", "Zoe", "Amara", "Bruno", "Carmen", "Dmitri", "Esme", "Felix",
    "Greta", "Hugo", "Ivy", "Jamal", "Keiko", "Luca", "Mina", "Nils", "Omar", "Priya",
)  # fmt: skip
_LAST = (
    "Doe", "Smith", "Okafor", "Larsen", "García", "Nakamura", "Novak", "Kowalski", "Haddad",
    "Moreau", "Schmidt", "Rossi", "Patel", "Chen", "O'Brien", "Silva", "Müller", "Ivanova",
    "Andersen", "Kim", "Mensah", "Dubois", "Fischer", "Romero", "Tanaka", "Walsh", "Berg",
    "Costa", "Ahmed", "Jensen", "Lopez", "Nguyen", "Popescu", "Reyes", "Sato", "Weber",
)  # fmt: skip
_DOMAINS = ("example.com", "example.org", "example.net", "mail.example", "corp.example")
_STREETS = ("High Street", "Station Road", "Mill Lane", "Church Road", "Park Avenue", "Elm Way")
_CITIES = (
    ("Leeds", "West Yorkshire", "UK"), ("Bristol", "Avon", "UK"), ("Austin", "TX", "US"),
    ("Denver", "CO", "US"), ("Lyon", "Rhône", "FR"), ("Porto", "Porto", "PT"),
    ("Toronto", "ON", "CA"), ("Melbourne", "VIC", "AU"),
)  # fmt: skip
_TAGS = ("vip", "newsletter", "trade-show", "partner", "wholesale", "churn-risk", "beta", "webinar")
_STATUSES = ("Lead", "Customer", "Refused", "Blacklisted")
_INTERESTS = ("email", "phone", "post")
_SECTORS = ("tools", "energy", "software", "media", "retail", "education")
_COMPANY_WORDS = ("Acme", "Northwind", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Hooli")
_COMPANY_KINDS = ("Audio", "Visual", "Systems", "Media", "Labs", "Events", "Studios", "AV")
_TX_STATUSES = ("Succeeded", "Completed", "Refunded", "Failed", "Pending", "Cancelled")
_INVOICE_STATUSES = ("Draft", "Unpaid", "Paid", "Overdue")
_EVENT_TITLES = ("Follow-up call", "Site survey", "Demo", "Contract review", "Install visit")
_ITEMS = ("Cable pack", "Projector lamp", "Service call", "Speaker pair", "Install day")


def populate(store: JetpackStore, *, seed: int, scale: float) -> None:
    """Fill an empty store with about 500 contacts and 60 companies per unit of `scale`."""
    rng = random.Random(seed)
    store.tag_ids(_TAGS, CONTACT_TAGS, SEED_NOW - 900 * _DAY)
    companies = [_company(store, rng, i) for i in range(max(1, round(60 * scale)))]
    contacts = [_contact(store, rng, i) for i in range(max(1, round(500 * scale)))]
    for contact in contacts:
        if rng.random() < 0.4:
            contact["company_ids"].append(rng.choice(companies)["id"])
    for _ in range(max(1, round(150 * scale))):
        _quote(store, rng, rng.choice(contacts))
    for _ in range(max(1, round(250 * scale))):
        _invoice(store, rng, rng.choice(contacts))
    for i in range(max(1, round(300 * scale))):
        _transaction(store, rng, rng.choice(contacts), i)
    for _ in range(max(1, round(80 * scale))):
        _event(store, rng, contacts, companies)


def _when(rng: random.Random, days: int = 900) -> int:
    return SEED_NOW - rng.randrange(days * _DAY)


def _money(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randrange(low * 100, high * 100)) / 100


def _day(rng: random.Random, first_year: int, last_year: int) -> str:
    """A date custom field's value: unix seconds of a UTC midnight, as text."""
    moment = datetime(
        rng.randrange(first_year, last_year), rng.randrange(1, 13), 1 + rng.randrange(28)
    )
    return str(int(moment.replace(tzinfo=timezone.utc).timestamp()))


def _address(rng: random.Random, first: bool) -> dict[str, str]:
    city, county, country = rng.choice(_CITIES)
    keys = (
        ("addr1", "addr2", "city", "county", "country", "postcode")
        if first
        else ("secaddr1", "secaddr2", "seccity", "seccounty", "seccountry", "secpostcode")
    )
    values = (
        f"{rng.randrange(1, 300)} {rng.choice(_STREETS)}",
        rng.choice(("", "", f"Unit {rng.randrange(1, 40)}")),
        city,
        county,
        country,
        f"{rng.randrange(10000, 99999)}",
    )
    return dict(zip(keys, values, strict=True))


def _phone(rng: random.Random) -> str:
    return rng.choice(("", f"0{rng.randrange(100, 999)} {rng.randrange(100000, 999999)}"))


def _floors(rng: random.Random) -> dict[str, str]:
    return {
        "addr_floor": rng.choice(("", "1", "2", "3", "G")),
        "secaddr_floor": rng.choice(("", "", "1", "G")),
    }


def _contact(store: JetpackStore, rng: random.Random, index: int) -> Contact:
    fname, lname = rng.choice(_FIRST), rng.choice(_LAST)
    handle = f"{fname}.{lname}".lower().replace("'", "")
    fields = dict.fromkeys(CONTACT_COLUMNS, "")
    fields |= {
        "status": rng.choices(_STATUSES, weights=(45, 45, 7, 3))[0],
        "email": f"{handle}{index}@{rng.choice(_DOMAINS)}",
        "prefix": rng.choice(("", "Mr", "Ms", "Dr", "Mx")),
        "fname": fname,
        "lname": lname,
        "hometel": _phone(rng),
        "worktel": _phone(rng),
        "mobtel": _phone(rng),
    }
    fields |= _address(rng, first=True)
    if rng.random() < 0.3:
        fields |= _address(rng, first=False)
    interests = sorted(rng.sample(_INTERESTS, rng.randrange(len(_INTERESTS) + 1)))
    custom = {
        "custom-field": rng.choice(("", f"note {index}")),
        "cf1": rng.choice(("", f"Ref {rng.randrange(1000, 9999)}")),
        "birthday": rng.choice(("", _day(rng, 1950, 2005))),
        "score": rng.choice(("", str(rng.randrange(1, 100)))),
        "tier": rng.choice(("", "gold", "silver")),
        "interests": ",".join(interests),
    } | _floors(rng)
    created = _when(rng)
    # Keyword arguments are evaluated in order: the draws stay in the seed's sequence.
    return store.contacts.insert(
        owner=rng.choice((1, 1, 2, -1)),
        fields=fields,
        custom=custom,
        created=created,
        lastupdated=created + rng.randrange(0, SEED_NOW - created + 1),
        tag_ids=store.tag_ids(
            rng.sample(_TAGS, rng.choice((0, 0, 1, 1, 2, 3))), CONTACT_TAGS, created
        ),
    )


def _company(store: JetpackStore, rng: random.Random, index: int) -> Company:
    name = f"{rng.choice(_COMPANY_WORDS)} {rng.choice(_COMPANY_KINDS)} {index + 1}"
    slug = name.lower().replace(" ", "")
    fields = dict.fromkeys(COMPANY_COLUMNS, "")
    fields |= {
        "status": rng.choice(("Lead", "Customer")),
        "name": name,
        "email": f"hello@{slug}.example",
        "maintel": _phone(rng),
        "tw": rng.choice(("", f"@{slug}")),
    }
    fields |= _address(rng, first=True)
    custom = {
        "sector": rng.choice(_SECTORS),
        "founded": rng.choice(("", _day(rng, 1950, 2020))),
        "size": rng.choice(("small", "medium", "large")),
        "employees": str(rng.randrange(1, 5000)),
    } | _floors(rng)
    created = _when(rng)
    return store.companies.insert(
        owner=rng.choice((0, 1, 2)), fields=fields, custom=custom, created=created,
        lastupdated=created,
    )  # fmt: skip


def _items(store: JetpackStore, rng: random.Random, created: int) -> list[LineItem]:
    return [
        LINE_ITEM.row(
            id=store.next_id("lineitem"),
            title=rng.choice(_ITEMS),
            desc="",
            quantity=Decimal(rng.randrange(1, 10)),
            price=_money(rng, 10, 900),
            created=created,
        )
        for _ in range(rng.randrange(0, 4))
    ]


def _quote(store: JetpackStore, rng: random.Random, contact: Contact) -> Quote:
    date = _when(rng, 400)
    template = rng.choice((0, 1, 2, 3))
    accepted = date + rng.randrange(_DAY, 20 * _DAY) if template and rng.random() < 0.4 else 0
    return store.quotes.insert(
        owner=max(contact["owner"], 0),
        contact_id=contact["id"],
        title=rng.choice(("New Website", "Meeting room AV", "Support plan", "Lighting rig")),
        value=_money(rng, 200, 20000),
        date=date,
        template=template,
        accepted=accepted,
        hash=f"{rng.getrandbits(64):016x}",
        created=date,
        lastupdated=accepted or date,
        content=f"<p>Quote for {contact['fields']['fname']}</p>",
        lineitems=_items(store, rng, date),
    )


def _invoice(store: JetpackStore, rng: random.Random, contact: Contact) -> Invoice:
    date = _when(rng, 400)
    status = rng.choice(_INVOICE_STATUSES)
    net = _money(rng, 50, 8000)
    tax = (net * Decimal("0.2")).quantize(Decimal("0.01"))
    return store.invoices.insert(
        owner=max(contact["owner"], 0),
        contact_id=contact["id"],
        company_id=contact["company_ids"][0] if contact["company_ids"] else None,
        id_override=f"INV-{len(store.invoices) + 1:04d}",
        status=status,
        hash=f"{rng.getrandbits(64):016x}",
        date=date,
        due_date=date + 30 * _DAY,
        paid_date=date + rng.randrange(_DAY, 30 * _DAY) if status == "Paid" else 0,
        net=net,
        tax=tax,
        taxes="1",
        total=net + tax,
        addressed_to=f"{contact['fields']['fname']} {contact['fields']['lname']}",
        created=date,
        lastupdated=date,
        lineitems=_items(store, rng, date),
    )


def _transaction(store: JetpackStore, rng: random.Random, contact: Contact, index: int) -> None:
    date = _when(rng, 400)
    status = rng.choice(_TX_STATUSES)
    net = _money(rng, 10, 900)
    fee = (net * Decimal("0.03")).quantize(Decimal("0.01"))
    store.transactions.insert(
        owner=0,
        contact_id=contact["id"],
        ref=f"ORDER-{1000 + index}",
        status=status,
        created=date,
        lastupdated=date,
        type="Refund" if status == "Refunded" else "Sale",
        title=rng.choice(_ITEMS),
        date=date,
        currency="USD",
        net=net,
        fee=fee,
        total=net + fee,
        custom={"channel": rng.choice(("", "web", "phone", "referral"))},
    )


def _event(
    store: JetpackStore, rng: random.Random, contacts: list[Contact], companies: list[Company]
) -> None:
    start = SEED_NOW + rng.randrange(-60, 60) * _DAY + rng.randrange(8, 18) * 3600
    start -= start % 3600
    contact = rng.choice(contacts)
    event = store.events.insert(
        owner=rng.choice((0, 1, 2)),
        title=rng.choice(_EVENT_TITLES),
        desc=f"With {contact['fields']['fname']} {contact['fields']['lname']}",
        start=start,
        end=start + rng.choice((1, 1, 2)) * 3600,
        complete=1 if start < SEED_NOW and rng.random() < 0.7 else 0,
        created=start - 7 * _DAY,
        lastupdated=start - 7 * _DAY,
        contact_ids=[contact["id"]],
        company_ids=[rng.choice(companies)["id"]] if rng.random() < 0.3 else [],
    )
    if rng.random() < 0.3:
        reminder = REMINDER.row(
            id=store.next_id("reminder"), event=event["id"], remind_at=-86400,
            created=event["created"],
        )  # fmt: skip
        event["reminders"] = [reminder]
