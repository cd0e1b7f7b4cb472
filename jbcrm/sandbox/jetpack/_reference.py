"""The reference site: the small Jetpack CRM the real plugin's answers were recorded on.

Contact #1 is a bare billing contact (quotes 1-3 and invoices 1-3 are its); #2-#13 have every
field set; companies #1-#3 have contacts #2-#3, #4-#5 and #6; quotes #4 and #5 and every
invoice have line items; events #1, #2 and #5 have a 24 h reminder. An address custom field
sent as "0" is not stored, so #6 and #11 have no `addr_floor` and #4 and #9 no `secaddr_floor`.
"""

from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal

from jbcrm.sandbox.jetpack._records import LINE_ITEM, REMINDER, LineItem
from jbcrm.sandbox.jetpack._schema import COMPANY_COLUMNS, CONTACT_COLUMNS
from jbcrm.sandbox.jetpack._store import CONTACT_TAGS, JetpackStore

__all__ = ["REFERENCE_NOW", "populate_reference"]

#: When the reference site was seeded (2026-12-01 08:00:40 UTC).
REFERENCE_NOW = 1796112040
_DAY = 86_400
_CENTS = Decimal("0.01")

# One row a record: "|"-separated, in the order of the comment above each table.
# prefix | first | last | email | city | country | owner | status | birthday (a date custom
# field) | score | tier | interests | tags
_PEOPLE = """
Dr|Ann|Archer|ann.archer|Springfield|US|1|Customer|1980-04-12|87|gold|email,phone|newsletter,vip
Mr|Ben|Baker|ben.baker|Leeds|UK|2|Lead|1975-11-03|42|silver|post|newsletter
Ms|Cara|Cole|cara.cole|Toronto|CA|1|Customer|1990-01-30|91|gold|email|vip
Mr|Dev|Dutta|dev.dutta|Pune|IN|2|Refused|1988-07-21|5|silver|phone|cold
Mrs|Zoë|O'Brien|zoe.obrien|Dublin|IE|1|Customer|1969-02-14|77|gold|email,post|
Mr|Femi|Falade|femi.falade|Lagos|NG|2|Lead|1995-09-09|63|silver|email,phone,post|
Ms|Gia|García|gia.garcia|Madrid|ES|1|Customer|1983-06-18|70|gold|phone|eu
Mr|Hal|Hughes|hal.hughes|Cardiff|UK|-1|Lead|1979-12-25|12|silver|post|uk
Ms|Ida|Ito|ida.ito|Osaka|JP|1|Customer|1992-03-03|99|gold|email|asia,vip
Mr|Jon|Jansen|jon.jansen|Utrecht|NL|2|Lead|1986-08-08|33|silver|email,phone|
Mx|Kim|Kowalski|kim.kowalski|Kraków|PL|-1|Customer|1991-10-10|58|gold|phone,post|
Mr|Lou|Lambert|lou.lambert|Lyon|FR|-1|Lead|1970-05-05|21|silver|email|
"""
# Floors cycle; "0" (never stored) where the README says so.
_FLOORS = ("1", "2", "3", "4", "")
_SECOND_FLOORS = ("3", "4", "", "1", "2")
_COMPANY_OF = {2: 1, 3: 1, 4: 2, 5: 2, 6: 3}
# name | email | city | owner | status | sector | founded | size | employees
_COMPANIES = """
Acme Tools Ltd|hello@acme-tools.example|Springfield|1|Customer|tools|2001-05-17|large|250
Globex Corporation|info@globex.example|Cypress Creek|2|Lead|energy|1989-09-01|medium|80
Initech|contact@initech.example|Austin|0|Customer|software|1996-02-19|small|12
"""
# ref | status | type | title | desc | date | currency | net | fee | discount | shipping |
# shipping tax | shipping taxes | taxes | tax | total | channel | contact
_TRANSACTIONS = """
ORD-1001|Succeeded|Sale|Annual licence|Licence renewal|1795000000|USD|100|2.50|5|10|2|1|1|19|126|web|2
ORD-1002|Completed|Sale|Starter pack||1795086400|GBP|40|0|0|4.99|0||2|2|46.99|phone|3
ORD-1003|Failed|Sale|Upgrade|Card declined|1795172800|CAD|250|0|0|0|0|||0|250|web|4
ORD-1004|Refunded|Refund|Annual licence refund|Partial refund|1795259200|USD|-50|0|0|0|0||1|-10|-60|web|2
ORD-1005|Succeeded|Sale|Consulting day|On site|1795345600|EUR|800|12|80|25|5|1|1|144|894|referral|5
ORD-1006|Pending|Sale|Hardware|Back-ordered|1795432000|EUR|300|0|0|20|0||2|15|335|web|8
"""  # noqa: E501
# (owner, title, desc, start, hours, complete, reminder, contact)
_EVENTS = (
    (1, "Kickoff call", "Agree scope", 1796220000, 1, 0, True, 2),
    (2, "Contract review", "Legal present", 1795165200, 1, 1, True, 3),
    (1, "Site visit", "Bring samples", 1796468400, 2, 0, False, 4),
    (0, "Follow-up email", "Send pricing", 1795622400, 0, 1, False, 6),
    (2, "Quarterly check-in", "No contact attached", 1800007200, 1, 0, True, None),
)


def _rows(table: str) -> list[list[str]]:
    return [line.split("|") for line in table.strip().splitlines()]


def _unix_day(day: str) -> str:
    moment = datetime.strptime(day, "%Y-%m-%d").replace(tzinfo=timezone.utc)
    return str(int(moment.timestamp()))


def _contacts(store: JetpackStore) -> None:
    names = ("vip", "newsletter", "cold", "eu", "uk", "asia", "latam", "partner", "beta")
    store.tag_ids(names, CONTACT_TAGS, REFERENCE_NOW)
    bare = dict.fromkeys(CONTACT_COLUMNS, "")
    bare |= {"status": "Customer", "email": "seed.billing@example.com"}
    bare |= {"fname": "Seed", "lname": "Billing"}
    custom = dict.fromkeys(("custom-field", "cf1", "birthday", "score", "tier", "interests"), "")
    custom |= {"addr_floor": "", "secaddr_floor": ""}
    store.contacts.insert(
        owner=-1, fields=bare, custom=custom, created=REFERENCE_NOW, lastupdated=REFERENCE_NOW
    )
    for n, person in enumerate(_rows(_PEOPLE), start=1):
        prefix, first, last, handle, city, country, owner, status = person[:8]
        birthday, score, tier, interests, tags = person[8:]
        fields = {
            "status": status, "email": f"{handle}@example.com", "prefix": prefix,
            "fname": first, "lname": last, "addr1": f"{n} Main Street", "addr2": f"Flat {n}",
            "city": city, "county": f"{city} County", "country": country,
            "postcode": f"PC{n:02d} {n}AB", "secaddr1": f"{n} Side Road",
            "secaddr2": f"Unit {n}", "seccity": f"{city} North", "seccounty": f"North {city}",
            "seccountry": country, "secpostcode": f"SC{n:02d} {n}ZZ",
            "hometel": f"0100 000 {n:03d}", "worktel": f"0200 000 {n:03d}",
            "mobtel": f"0700 000 {n:03d}", "tw": f"@{first.lower()}{n}",
            "li": f"https://linkedin.example/{first.lower()}",
            "fb": f"https://facebook.example/{first.lower()}",
        }  # fmt: skip
        values = {
            "custom-field": f"custom {first}", "cf1": f"cf1-{n}", "birthday": _unix_day(birthday),
            "score": score, "tier": tier, "interests": interests,
            "addr_floor": _FLOORS[(n - 1) % 5], "secaddr_floor": _SECOND_FLOORS[(n - 1) % 5],
        }  # fmt: skip
        created = REFERENCE_NOW + 1
        tag_ids = store.tag_ids(filter(None, tags.split(",")), CONTACT_TAGS, REFERENCE_NOW)
        store.contacts.insert(
            owner=int(owner), fields=fields, custom=values, created=created, lastupdated=created,
            tag_ids=tag_ids, company_ids=[_COMPANY_OF[n + 1]] if n + 1 in _COMPANY_OF else [],
        )  # fmt: skip


def _companies(store: JetpackStore) -> None:
    for i, (name, email, city, owner, status, *custom) in enumerate(_rows(_COMPANIES), start=1):
        fields = dict.fromkeys(COMPANY_COLUMNS, "")
        fields |= {
            "status": status, "name": name, "email": email, "addr1": f"{i}00 Industrial Way",
            "addr2": f"Building {i}", "city": city, "county": f"{city} County", "country": "US",
            "postcode": f"CO{i} {i}XY", "secaddr1": f"PO Box {i}0{i}", "secaddr2": "Mail room",
            "seccity": f"{city} East", "seccounty": "East County", "seccountry": "US",
            "secpostcode": f"CE{i} {i}QQ", "maintel": f"555-010{i}", "sectel": f"555-020{i}",
            "tw": f"@co{i}", "li": f"https://linkedin.example/co{i}",
            "fb": f"https://facebook.example/co{i}",
        }  # fmt: skip
        sector, founded, size, employees = custom
        values = {"sector": sector, "founded": _unix_day(founded), "size": size}
        values |= {"employees": employees, "addr_floor": str(i), "secaddr_floor": "G"}
        created = REFERENCE_NOW + 2
        store.companies.insert(
            owner=int(owner), fields=fields, custom=values, created=created, lastupdated=created
        )


def _item(
    store: JetpackStore, title: str, desc: str, quantity: int, price: str, **kw: str
) -> LineItem:
    tax = Decimal(kw.pop("tax", "0"))
    return LINE_ITEM.row(
        id=store.next_id("lineitem"), title=title, desc=desc, quantity=Decimal(quantity),
        price=Decimal(price), created=REFERENCE_NOW + 3, tax=tax, **kw,
    )  # fmt: skip


def _quotes_and_invoices(store: JetpackStore) -> None:
    now = REFERENCE_NOW
    for n in (1, 2, 3):
        store.quotes.insert(
            owner=1, contact_id=1, title=f"Live quote {n}", value=Decimal(f"{n}00.50"),
            date=now - n * _DAY, template=int(n > 1), accepted=now if n == 3 else 0,
            hash=f"qh{n}live", created=now - n * _DAY, lastupdated=now, notes=f"note {n}",
        )  # fmt: skip
    for n in (1, 2, 3):
        net = Decimal(f"{2 * n}00.00")
        store.invoices.insert(
            owner=1, contact_id=1, company_id=None, id_override=f"INV-LIVE-{n}",
            status="Paid" if n == 2 else "Unpaid", hash=f"ih{n}live", date=now - n * _DAY,
            due_date=now + 31 * _DAY, net=net, total=net + Decimal("0.99"),
            addressed_to="Someone", created=now - n * _DAY, lastupdated=now,
            lineitems=[_item(store, f"Line {n}", "", 1, f"{net}")],
        )  # fmt: skip
    design = [
        _item(store, "Design", "Five page designs", 5, "200.00", currency="USD"),
        _item(store, "Build", "Theme build", 10, "50.00", currency="USD"),
    ]
    support = [
        _item(store, "Support", "Monthly", 12, "50.00", currency="EUR", taxes="1", tax="120")
    ]
    store.quotes.insert(
        owner=1, contact_id=2, title="Website redesign", value=Decimal("1500.00"),
        date=now - 6 * _DAY, template=1, accepted=0, hash="qhlineitems001",
        created=now - 6 * _DAY, lastupdated=now + 3, notes="valid 30 days",
        content="<p>Redesign of five pages</p>", lineitems=design,
    )  # fmt: skip
    store.quotes.insert(
        owner=1, contact_id=3, title="Support plan", value=Decimal("600.00"),
        date=now - 4 * _DAY, template=1, accepted=now - _DAY, hash="qhlineitems002",
        created=now - 4 * _DAY, lastupdated=now + 3, currency="EUR", lineitems=support,
    )  # fmt: skip
    taxed = [
        _item(store, "Widget", "Blue", 4, "150.00", taxes="1", tax="120"),
        _item(store, "Gadget", "Red", 2, "200.00", taxes="1", tax="80"),
    ]
    paid = [_item(store, "Service", "Setup", 1, "300.00", taxes="2", tax="15")]
    store.invoices.insert(
        owner=1, contact_id=2, company_id=None, id_override="INV-2001", status="Unpaid",
        hash="ihtaxship0001", date=now - 5 * _DAY, due_date=now + 25 * _DAY,
        net=Decimal("1000.00"), total=Decimal("1115.00"), addressed_to="Ann Archer",
        created=now - 5 * _DAY, lastupdated=now + 3, discount=Decimal("10.00"),
        discount_type="%", shipping=Decimal("25.00"), shipping_tax=Decimal("5.00"),
        shipping_taxes="1", taxes="1", tax=Decimal("185.00"), lineitems=taxed,
    )  # fmt: skip
    store.invoices.insert(
        owner=1, contact_id=None, company_id=1, id_override="INV-2002", status="Paid",
        hash="ihcompany0002", date=now - 3 * _DAY, due_date=now + 27 * _DAY,
        net=Decimal("300.00"), total=Decimal("315.00"), addressed_to="Acme Tools Ltd",
        created=now - 3 * _DAY, lastupdated=now + 3, paid_date=now - _DAY, taxes="2",
        tax=Decimal("15.00"), lineitems=paid,
    )  # fmt: skip


def _transactions_and_events(store: JetpackStore) -> None:
    created = REFERENCE_NOW + 3
    money = ("net", "fee", "discount", "shipping", "shipping_tax")
    for row in _rows(_TRANSACTIONS):
        ref, status, kind, title, desc, date, currency = row[:7]
        amounts = {k: Decimal(v).quantize(_CENTS) for k, v in zip(money, row[7:12], strict=True)}
        shipping_taxes, taxes, tax, total, channel, contact = row[12:]
        store.transactions.insert(
            owner=0, contact_id=int(contact), ref=ref, status=status, created=created,
            lastupdated=created, type=kind, title=title, desc=desc, date=int(date),
            currency=currency, shipping_taxes=shipping_taxes, taxes=taxes,
            custom={"channel": channel}, tax=Decimal(tax).quantize(_CENTS),
            total=Decimal(total).quantize(_CENTS), **amounts,
        )  # fmt: skip
    for owner, title, desc, start, hours, complete, remind, contact_id in _EVENTS:
        event = store.events.insert(
            owner=owner, title=title, desc=desc, start=start, end=start + hours * 3600,
            complete=complete, created=created, lastupdated=created,
            contact_ids=[contact_id] if contact_id else [],
        )  # fmt: skip
        if remind:
            reminder_id = store.next_id("reminder")
            event["reminders"] = [
                REMINDER.row(id=reminder_id, event=event["id"], remind_at=-86400, created=created)
            ]


def populate_reference(store: JetpackStore) -> None:
    """Fill an empty store with the reference site."""
    _contacts(store)
    _companies(store)
    _quotes_and_invoices(store)
    _transactions_and_events(store)
