"""Seeded company data: offices, users, clients, the product catalogue and vendors.

Everything comes from one `random.Random(seed)`, so a seed always gives the same company.
Projects and what hangs off them are built by `_seed_projects`.
"""

from __future__ import annotations

import random
from decimal import Decimal

from jbcrm.sandbox.jetbuilt import _names as names
from jbcrm.sandbox.jetbuilt._detail import build_detail
from jbcrm.sandbox.jetbuilt._fake import amount, email, lifespan, person, phone, to_stamp
from jbcrm.sandbox.jetbuilt._seed_projects import seed_projects
from jbcrm.sandbox.jetbuilt._store import Record, Store, copy_primary
from jbcrm.sandbox.jetbuilt._wire import money

_OFFICES = (
    ("Topish US", "Pacific Time (US & Canada)", 3, "123 Main St", "Irvine", "California",
     "92660", "US"),
    ("Topish East", "Eastern Time (US & Canada)", 3, "9 Harbor Blvd", "Boston", "Massachusetts",
     "02108", "US"),
    ("Topish UK", "London", 4, "123 First Ave", "Liverpool", "England", "12390", "GB"),
)  # fmt: skip
_CURRENCY_BY_DATABASE = {3: ("USD", "CAD"), 4: ("GBP", "EUR")}
_UNITS = (
    ("warranty", ("d", "mo", "yr")), ("rack", ("RU",)), ("power", ("W",)), ("poe", ("W",)),
    ("heat_load", ("BTU",)), ("weight", ("lb", "oz", "kg", "g")),
    ("height", ("in", "ft", "cm", "mm")), ("width", ("in", "ft", "cm", "mm")),
    ("depth", ("in", "ft", "cm", "mm")),
)  # fmt: skip


def build_store(seed: int, scale: float) -> Store:
    """Generate a whole sandbox company; `scale` multiplies every collection's size."""
    rng = random.Random(seed)

    def count(base: int, floor: int = 3) -> int:
        return max(floor, round(base * scale))

    company = _company(rng)
    users = _users(rng, count(24, 5))
    manufacturers = {250 + i: name for i, name in enumerate(names.MANUFACTURERS)}
    sources = _sources(rng)
    catalog = _catalog(rng, manufacturers, sources, count(30))
    store = Store(
        company=company,
        users=users,
        clients={},
        contacts={},
        market_segments=_segments(rng, company),
        phases=_phases(rng),
        manufacturers=manufacturers,
        products={db: _products(rng, db, catalog, count(400, 10)) for db in (3, 4)},
        catalog=catalog,
        vendors={db: _vendors(rng, manufacturers, sources) for db in (3, 4)},
        projects={},
        sources=sources,
        purchase_orders={},
        tasks={},
        time_sessions={},
        stock_locations={},
        stock_items={},
        detail_factory=lambda store, project: build_detail(store, project, seed),
    )
    _clients(rng, store, count(300))
    seed_projects(rng, store, count)
    return store


def _company(rng: random.Random) -> Record:
    created, updated = lifespan(rng, high=rng.uniform(1.5e9, 1.6e9))
    locations = []
    for office_id, office in enumerate(_OFFICES, start=1):
        name, zone, database, street, city, state, zipcode, country = office
        made, changed = lifespan(rng, created)
        locations.append(
            {"id": office_id, "name": name, "time_zone": zone, "product_database_id": database,
             "created_at": to_stamp(made), "updated_at": to_stamp(changed), "address": street,
             "city": city, "state": state, "zipcode": zipcode, "country": country}
        )  # fmt: skip
    return {
        "id": 1,
        "name": "Topish AV",
        "created_at": to_stamp(created),
        "updated_at": to_stamp(updated),
        "locations": locations,
    }


def _users(rng: random.Random, total: int) -> dict[int, Record]:
    users = {}
    for user_id in range(2901, 2901 + total):
        first, last = person(rng)
        created, updated = lifespan(rng)
        users[user_id] = {
            "id": user_id,
            "full_name": f"{first} {last}",
            "email": email(first, f"{last}{user_id}", "topish.example.com"),
            "created_at": to_stamp(created),
            "updated_at": to_stamp(updated),
        }
    return users


def _segments(rng: random.Random, company: Record) -> dict[int, Record]:
    segments: dict[int, Record] = {}
    for office in company["locations"]:
        for name in names.SEGMENTS:
            segment_id = 55 + len(segments)
            created, updated = lifespan(rng)
            segments[segment_id] = {
                "id": segment_id,
                "office_id": office["id"],
                "name": name,
                "vertical_segment": name,
                "created_at": to_stamp(created),
                "updated_at": to_stamp(updated),
            }
    return segments


def _phases(rng: random.Random) -> dict[int, Record]:
    phases = {}
    for offset, name in enumerate(names.PHASES):
        created, updated = lifespan(rng)
        phases[717 + offset] = {
            "id": 717 + offset,
            "name": name,
            "created_at": to_stamp(created),
            "updated_at": to_stamp(updated),
        }
    return phases


def _sources(rng: random.Random) -> dict[int, Record]:
    sources = {}
    for source_id, name in enumerate(names.DISTRIBUTORS, start=1):
        first, last = person(rng)
        created, updated = lifespan(rng)
        sources[source_id] = {
            "id": source_id,
            "company_name": name,
            "first_name": first,
            "last_name": last,
            "email": email(first, last, "supplier.example.com"),
            "phone": phone(rng).replace("-", ""),
            "default_ship": rng.choice(("project_site", "office", "warehouse")),
            "created_at": to_stamp(created),
            "updated_at": to_stamp(updated),
            "dealer_number": f"D{rng.randint(1000, 9999)}",
        }
    return sources


def _catalog(
    rng: random.Random, manufacturers: dict[int, str], sources: dict[int, Record], per: int
) -> dict[int, Record]:
    """The Jetbuilt product database: what vendors sell, with the dealer's connected price."""
    catalog: dict[int, Record] = {}
    for manufacturer_id, manufacturer in manufacturers.items():
        for index in range(per):
            code, kind = names.PRODUCT_KINDS[(index + manufacturer_id) % len(names.PRODUCT_KINDS)]
            msrp = amount(rng, 40, 9000, 0)
            created, updated = lifespan(rng)
            source = sources[1 + (manufacturer_id + index) % len(sources)]
            product_id = 392000 + len(catalog)
            catalog[product_id] = {
                "id": product_id,
                "model": f"{code}{11 + index * 7}-{manufacturer[:2].upper()}",
                "part_number": None if index % 3 else f"PN-{product_id}",
                "short_description": f"{manufacturer} {kind.lower()}",
                "long_description": f"A really great {kind.lower()} from {manufacturer}",
                "msrp": money(msrp),
                "mapp": money(Decimal(0) if index % 2 else msrp * Decimal("0.9")),
                "discontinued": index % 17 == 16,
                "created_at": to_stamp(created),
                "updated_at": to_stamp(updated),
                "dealer_price": {
                    "cost": money((msrp * Decimal("0.62")).quantize(Decimal("0.01"))),
                    "sheet_date": to_stamp(updated)[:10],
                    "updated_at": to_stamp(updated),
                },
                "manufacturer": manufacturer,
                "currency": "USD",
                "purchasing_source": {"id": source["id"], "dealer_number": source["dealer_number"]},
                "favorite": index % 5 == 0,
                "_manufacturer_id": manufacturer_id,
            }
    return catalog


def _vendors(
    rng: random.Random, manufacturers: dict[int, str], sources: dict[int, Record]
) -> dict[int, Record]:
    """Connected vendors of one product database: most manufacturers and every distributor."""
    vendors: dict[int, Record] = {}
    ids = sorted(rng.sample(sorted(manufacturers), k=len(manufacturers) * 2 // 3))
    for manufacturer_id in ids:
        vendors[manufacturer_id] = _vendor(rng, manufacturer_id, manufacturers[manufacturer_id])
        vendors[manufacturer_id]["_manufactured"] = [manufacturer_id]
    for offset, source in enumerate(sources.values()):
        vendor = _vendor(rng, 900 + offset, source["company_name"])
        carried = sorted(rng.sample(ids, k=min(len(ids), 6)))
        if offset == 0:
            vendor["manufacturer"] = True
            vendor["_manufactured"] = [carried[0]]
        vendor["distributor"] = True
        vendor["distributed_manufacturers"] = [{"id": i, "name": manufacturers[i]} for i in carried]
        vendor["_distributed"] = carried
        vendors[vendor["id"]] = vendor
    return vendors


def _vendor(rng: random.Random, vendor_id: int, name: str) -> Record:
    return {
        "id": vendor_id,
        "name": name,
        "rank": rng.choice(("low", "medium", "high")),
        "preferred": rng.random() < 0.3,
        "purchasing_source": rng.choice(names.DISTRIBUTORS),
        "price_list_date": f"{rng.choice(('Jan', 'Apr', 'Jul', 'Oct'))} {rng.randint(2019, 2024)}",
        "discount_percentage": str(rng.choice((0, 0, 5, 10, 12))),
        "dealer_pricing_status": "approved" if rng.random() < 0.85 else "pending",
        "manufacturer": vendor_id < 900,
        "distributor": False,
        "_manufactured": [],
        "_distributed": [],
    }


def _products(
    rng: random.Random, database: int, catalog: dict[int, Record], total: int
) -> dict[int, Record]:
    """A company product database: catalogue products with the dealer's prices, plus customs."""
    currencies = _CURRENCY_BY_DATABASE[database]
    base_id = 1_599_000 if database == 3 else 1_699_000
    linked = rng.sample(sorted(catalog), k=min(len(catalog), total * 17 // 20))
    products: dict[int, Record] = {}
    for index in range(total):
        product_id = base_id + index
        source = catalog[linked[index]] if index < len(linked) else None
        products[product_id] = _product(rng, product_id, source, currencies, index)
    return products


def _product(
    rng: random.Random,
    product_id: int,
    source: Record | None,
    currencies: tuple[str, str],
    index: int,
) -> Record:
    if source is None:
        manufacturer = {"id": 250 + index % len(names.MANUFACTURERS), "name": "Custom"}
        model, cost = f"CUSTOM-{product_id}", amount(rng, 5, 900)
        msrp: Decimal | None = None
        description = f"Custom assembly {index}"
    else:
        manufacturer = {"id": source["_manufacturer_id"], "name": source["manufacturer"]}
        model, msrp = source["model"], Decimal(source["msrp"])
        cost, description = Decimal(source["dealer_price"]["cost"]), source["short_description"]
    price = (cost * Decimal(str(rng.choice((1.25, 1.4, 1.6))))).quantize(Decimal("0.01"))
    created, updated = lifespan(rng)
    record: Record = {
        "id": product_id,
        "model": model,
        "currency_code": currencies[0] if index % 9 else currencies[1],
        "product_id": None if source is None else source["id"],
        "cost": money(cost),
        "price": money(price),
        "short_description": description,
        "msrp": None if msrp is None else money(msrp),
        "mapp": None if source is None else source["mapp"],
        "image_url": f"https://static.jetbuilt.com/productimages/images/{product_id}.jpg",
        "phase_id": 717 + index % len(names.PHASES) if index % 4 == 0 else None,
        "shipping_cost": "0.0",
        "shipping_price": money(amount(rng, 0, 60, 0)),
        "discontinued": False if source is None else source["discontinued"],
        "notes": "",
    }
    for field, units in _UNITS:
        record[f"{field}_value"] = money(amount(rng, 1, 500, 1))
        record[f"{field}_unit"] = units[index % len(units)]
    record.update(
        {"manufacturer": manufacturer, "custom": source is None,
         "direct_pricing": source is not None and index % 3 == 0, "tax_equipment": True,
         "tax_labor": index % 2 == 0, "tax_shipping": False, "favorite": index % 7 == 0,
         "created_at": to_stamp(created), "updated_at": to_stamp(updated)}
    )  # fmt: skip
    return record


def _clients(rng: random.Random, store: Store, total: int) -> None:
    contact_id = 37000
    for client_id in range(63000, 63000 + total):
        word, kind = rng.choice(names.COMPANY_WORDS), rng.choice(names.COMPANY_KINDS)
        city, state, zipcode = rng.choice(names.CITIES)
        created, updated = lifespan(rng)
        parents = [c for c in (client_id - 1, client_id - 2) if c in store.clients]
        client: Record = {
            "id": client_id,
            "company_name": f"{word} {kind}",
            "delinquent": rng.random() < 0.05,
            "payment_schedule": None,
            "created_at": to_stamp(created),
            "updated_at": to_stamp(updated),
        }
        contacts = []
        for position in range(rng.randint(1, 4)):
            contact_id += 1
            contacts.append(_contact(rng, contact_id, client_id, position == 0, created))
        copy_primary(client, contacts[0])
        client.update(
            {"address": f"{rng.randint(10, 9999)} {rng.choice(names.STREETS)}", "city": city,
             "state": state, "zipcode": zipcode, "country": "US",
             "external_ids": {"acumatica_id": str(client_id % 97)} if client_id % 4 == 0 else None,
             "parent_id": parents[0] if parents and rng.random() < 0.12 else None,
             "_user_id": rng.choice(sorted(store.users)), "_website": None, "_phone": None,
             "_description": None}
        )  # fmt: skip
        store.clients[client_id] = client
        store.contacts.update((contact["id"], contact) for contact in contacts)


def _contact(
    rng: random.Random, contact_id: int, client_id: int, primary: bool, after: float
) -> Record:
    first, last = person(rng)
    created, updated = lifespan(rng, after)
    return {
        "id": contact_id,
        "first_name": first,
        "last_name": last,
        "title": rng.choice(("", "CEO", "Owner", "Facilities Manager", "IT Director")),
        "email_address": email(first, f"{last}{contact_id}", "client.example.com"),
        "phone_number_1": phone(rng),
        "phone_number_2": "",
        "description": "",
        "primary": primary,
        "created_at": to_stamp(created),
        "updated_at": to_stamp(updated),
        "_client_id": client_id,
    }
