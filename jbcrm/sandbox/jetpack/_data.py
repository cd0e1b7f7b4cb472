"""Deterministic seed data for the simulated Jetpack CRM: people, companies and their money."""

from __future__ import annotations

import random
from decimal import Decimal

from jbcrm.sandbox.jetpack._records import (
    COMPANY_FIELDS,
    CONTACT_FIELDS,
    Company,
    Contact,
    Event,
    Invoice,
    Quote,
    Transaction,
)
from jbcrm.sandbox.jetpack._store import JetpackStore

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
_COLOURS = ("red", "green", "blue", "teal", "orange", "purple")
_COMPANY_WORDS = ("Acme", "Northwind", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Hooli")
_COMPANY_KINDS = ("Audio", "Visual", "Systems", "Media", "Labs", "Events", "Studios", "AV")
_TX_STATUSES = ("Succeeded", "Completed", "Paid", "Refunded", "Failed", "Pending")
_INVOICE_STATUSES = ("Draft", "Unpaid", "Paid", "Overdue")
_EVENT_TITLES = ("Follow-up call", "Site survey", "Demo", "Contract review", "Install visit")


def populate(store: JetpackStore, *, seed: int, scale: float) -> None:
    """Fill an empty store with about 500 contacts and 60 companies per unit of `scale`."""
    rng = random.Random(seed)
    count = max(1, round(500 * scale))
    companies = [_company(store, rng, i) for i in range(max(1, round(60 * scale)))]
    contacts = [_contact(store, rng, i) for i in range(count)]
    for contact in contacts:
        if rng.random() < 0.4:
            contact.company_ids.append(rng.choice(companies).id)
    for _ in range(max(1, round(150 * scale))):
        _quote(store, rng, rng.choice(contacts))
    for _ in range(max(1, round(250 * scale))):
        _invoice(store, rng, rng.choice(contacts), companies)
    for i in range(max(1, round(300 * scale))):
        _transaction(store, rng, rng.choice(contacts), i)
    for _ in range(max(1, round(80 * scale))):
        _event(store, rng, contacts, companies)


def _when(rng: random.Random, days: int = 900) -> int:
    return SEED_NOW - rng.randrange(days * _DAY)


def _money(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randrange(low * 100, high * 100)) / 100


def _address(rng: random.Random, prefix: str) -> dict[str, str]:
    city, county, country = rng.choice(_CITIES)
    return {
        f"{prefix}addr1": f"{rng.randrange(1, 300)} {rng.choice(_STREETS)}",
        f"{prefix}addr2": rng.choice(("", "", f"Unit {rng.randrange(1, 40)}")),
        f"{prefix}city": city,
        f"{prefix}county": county,
        f"{prefix}country": country,
        f"{prefix}postcode": f"{rng.randrange(10000, 99999)}",
    }


def _phone(rng: random.Random) -> str:
    return rng.choice(("", f"0{rng.randrange(100, 999)} {rng.randrange(100000, 999999)}"))


def _contact(store: JetpackStore, rng: random.Random, index: int) -> Contact:
    fname, lname = rng.choice(_FIRST), rng.choice(_LAST)
    handle = f"{fname}.{lname}".lower().replace("'", "")
    fields = dict.fromkeys(CONTACT_FIELDS, "")
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
    fields |= _address(rng, "")
    if rng.random() < 0.2:
        fields |= _address(rng, "sec")
    custom = {
        "favourite-colour": rng.choice(("", *_COLOURS)),
        "cf1": rng.choice(("", f"Ref {rng.randrange(1000, 9999)}")),
        "addr_delivery": rng.choice(("", "Leave at reception")),
        "secaddr_delivery": "",
    }
    tags = sorted(rng.sample(_TAGS, rng.choice((0, 0, 1, 1, 2, 3))))
    created = _when(rng)
    lastupdated = created + rng.randrange(0, SEED_NOW - created + 1)
    return store.contacts.insert(
        Contact(
            id=0,
            owner=rng.choice((1, 1, 2, 3)),
            fields=fields,
            custom=custom,
            tags=tags,
            created=created,
            lastupdated=lastupdated,
        )
    )


def _company(store: JetpackStore, rng: random.Random, index: int) -> Company:
    name = f"{rng.choice(_COMPANY_WORDS)} {rng.choice(_COMPANY_KINDS)} {index + 1}"
    slug = name.lower().replace(" ", "")
    fields = dict.fromkeys(COMPANY_FIELDS, "")
    fields |= {
        "status": rng.choice(("Lead", "Customer")),
        "name": name,
        "email": f"hello@{slug}.example",
        "maintel": _phone(rng),
        "tw": rng.choice(("", f"https://twitter.com/{slug}")),
    }
    fields |= _address(rng, "")
    created = _when(rng)
    return store.companies.insert(
        Company(
            id=0,
            owner=rng.choice((1, 2)),
            fields=fields,
            tags=sorted(rng.sample(_TAGS, rng.choice((0, 1)))),
            created=created,
            lastupdated=created,
        )
    )


def _quote(store: JetpackStore, rng: random.Random, contact: Contact) -> Quote:
    date = _when(rng, 400)
    template = rng.choice((0, 1, 2, 3))
    accepted = date + rng.randrange(_DAY, 20 * _DAY) if template and rng.random() < 0.4 else 0
    return store.quotes.insert(
        Quote(
            id=0,
            owner=contact.owner,
            contact_id=contact.id,
            title=rng.choice(("New Website", "Meeting room AV", "Support plan", "Lighting rig")),
            value=_money(rng, 200, 20000),
            date=date,
            template=template,
            accepted=accepted,
            hash=f"{rng.getrandbits(64):016x}",
            created=date,
            lastupdated=accepted or date,
            content=f"<p>Quote for {contact.fullname}</p>",
        ),
    )


def _invoice(
    store: JetpackStore, rng: random.Random, contact: Contact, companies: list[Company]
) -> Invoice:
    date = _when(rng, 400)
    status = rng.choice(_INVOICE_STATUSES)
    net = _money(rng, 50, 8000)
    tax = (net * Decimal("0.2")).quantize(Decimal("0.01"))
    company_id = contact.company_ids[0] if contact.company_ids else None
    return store.invoices.insert(
        Invoice(
            id=0,
            owner=contact.owner,
            contact_id=contact.id,
            company_id=company_id,
            id_override=f"INV-{len(store.invoices) + 1:04d}",
            status=status,
            hash=f"{rng.getrandbits(64):016x}",
            date=date,
            due_date=date + 30 * _DAY,
            paid_date=date + rng.randrange(_DAY, 30 * _DAY) if status == "Paid" else 0,
            net=net,
            discount=Decimal("0.00"),
            tax=tax,
            shipping=Decimal("0.00"),
            total=net + tax,
            addressed_from="Sandbox AV Ltd",
            addressed_to=contact.fullname,
            created=date,
            lastupdated=date,
        ),
    )


def _transaction(
    store: JetpackStore, rng: random.Random, contact: Contact, index: int
) -> Transaction:
    date = _when(rng, 400)
    status = rng.choice(_TX_STATUSES)
    net = _money(rng, 10, 900)
    fee = (net * Decimal("0.03")).quantize(Decimal("0.01"))
    return store.transactions.insert(
        Transaction(
            id=0,
            owner=contact.owner,
            contact_id=contact.id,
            ref=f"ORDER-{1000 + index}",
            status=status,
            type="Refund" if status == "Refunded" else "Sale",
            title=rng.choice(("Cable pack", "Projector lamp", "Service call", "Speaker pair")),
            desc="",
            date=date,
            currency="USD",
            net=net,
            fee=fee,
            discount=Decimal("0.00"),
            tax=Decimal("0.00"),
            shipping=Decimal("0.00"),
            total=net + fee,
            origin="",
            created=date,
            lastupdated=date,
            date_paid=date if status in ("Succeeded", "Completed", "Paid") else 0,
        ),
    )


def _event(
    store: JetpackStore, rng: random.Random, contacts: list[Contact], companies: list[Company]
) -> Event:
    start = SEED_NOW + rng.randrange(-60, 60) * _DAY + rng.randrange(8, 18) * 3600
    start -= start % 3600
    contact = rng.choice(contacts)
    return store.events.insert(
        Event(
            id=0,
            owner=rng.choice((-1, 1, 2)),
            title=rng.choice(_EVENT_TITLES),
            desc=f"With {contact.fullname}",
            start=start,
            end=start + rng.choice((1, 1, 2)) * 3600,
            complete=1 if start < SEED_NOW and rng.random() < 0.7 else 0,
            notify=rng.random() < 0.3,
            created=start - 7 * _DAY,
            lastupdated=start - 7 * _DAY,
            contact_ids=[contact.id],
            company_ids=[rng.choice(companies).id] if rng.random() < 0.3 else [],
        ),
    )
