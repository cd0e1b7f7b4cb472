"""Seeded projects and the records that point at them: purchase orders, tasks, time, stock."""

from __future__ import annotations

import random
from collections.abc import Callable
from decimal import Decimal

from jbcrm.sandbox.jetbuilt import _names as names
from jbcrm.sandbox.jetbuilt._detail import FIRST_PROJECT_ID
from jbcrm.sandbox.jetbuilt._fake import EPOCH_END, amount, lifespan, moment, to_day, to_stamp
from jbcrm.sandbox.jetbuilt._store import Record, Store
from jbcrm.sandbox.jetbuilt._wire import cents, money, parse_stamp

_STAGE_WEIGHTS = (14, 10, 4, 12, 10, 8, 4, 20, 4, 10, 2, 2)
_BUSY_STAGES = {"contract", "install", "review", "completed"}


def seed_projects(rng: random.Random, store: Store, count: Callable[[int], int]) -> None:
    """Fill projects, purchase orders, tasks, time sessions and stock into `store`."""
    primaries = {c["_client_id"]: c["id"] for c in store.contacts.values() if c["primary"]}
    project_id = FIRST_PROJECT_ID
    for number in range(1, count(1200) + 1):
        versions = 1 if rng.random() < 0.88 else rng.randint(2, 3)
        template = _project(rng, store, project_id, number, primaries)
        for version in range(versions):
            record = dict(template) if version else template
            record.update(
                id=project_id + version,
                version=f"1.{version}",
                original_version_id=project_id,
                _listed=version == versions - 1,
            )
            store.projects[project_id + version] = record
        project_id += versions
    listed = store.listed_projects()
    _purchase_orders(rng, store, listed, count(300))
    _tasks(rng, store, listed, count(500))
    _time_sessions(rng, store, listed, count(400))
    _stock(rng, store, listed, count(400))


def user_ref(user: Record) -> Record:
    """How a project names a person: `{"id": ..., "full_name": ...}`."""
    return {"id": user["id"], "full_name": user["full_name"]}


def _project(
    rng: random.Random, store: Store, project_id: int, number: int, primaries: dict[int, int]
) -> Record:
    client = store.clients[rng.choice(sorted(store.clients))]
    office = rng.choice(store.company["locations"])
    users = [store.users[u] for u in rng.sample(sorted(store.users), 4)]
    created, updated = lifespan(rng)
    equipment = amount(rng, 800, 180000)
    labor = (equipment * Decimal(str(rng.uniform(0.2, 1.4)))).quantize(Decimal("0.01"))
    shipping = Decimal(0) if rng.random() < 0.6 else amount(rng, 20, 900)
    sales_tax = Decimal(rng.choice(("0.0", "0.0725", "0.1")))
    tax = (equipment * sales_tax).quantize(Decimal("0.01"))
    currency = "GBP" if office["country"] == "GB" else "USD"
    city, state, zipcode = rng.choice(names.CITIES)
    segments = [s for s in store.market_segments.values() if s["office_id"] == office["id"]]
    avso = rng.random() < 0.1
    return {
        "id": project_id,
        "name": f"{client['company_name']} {rng.choice(names.PROJECT_WORDS)}",
        "short_description": None if rng.random() < 0.5 else "Audio-visual scope of work",
        "payment_schedule": "",
        "custom_id": f"P - {number}",
        "version": "1.0",
        "price_valid_until": to_day(created + 30 * 86400),
        "probability": str(rng.choice((0.1, 0.25, 0.5, 0.75, 0.9, 1.0))),
        "created_at": to_stamp(created),
        "updated_at": to_stamp(updated),
        "close_date": to_day(moment(rng, created, created + 200 * 86400)),
        "budget": None if rng.random() < 0.5 else money(amount(rng, 5000, 250000, 0)),
        "paid_to_date": cents(amount(rng, 0, 5000) if rng.random() < 0.3 else Decimal(0), currency),
        "stage": rng.choices(names.STAGES, weights=_STAGE_WEIGHTS)[0],
        "contract_number": str(rng.randint(100, 999)) if rng.random() < 0.4 else None,
        "labor_tax": money(Decimal(rng.choice(("0.0", "0.1")))),
        "requires_engineering?": rng.random() < 0.3,
        "avso": avso,
        "avso_region": rng.choice(names.AVSO_REGIONS) if avso else None,
        "project_type": rng.choices(names.PROJECT_TYPES, weights=(80, 8, 4, 6, 2))[0],
        "sales_tax": money(sales_tax),
        "total_margin": money(amount(rng, 15, 55, 1)),
        "equipment_margin": money(amount(rng, 10, 45, 1)),
        "equipment_total": money(equipment),
        "labor_total": money(labor),
        "shipping_total": money(shipping),
        "tax_total": money(tax),
        "total": money(equipment + labor + shipping + tax),
        "address": f"{rng.randint(1, 999)} {rng.choice(names.STREETS)}",
        "city": city,
        "state": state,
        "zipcode": zipcode,
        "country": office["country"],
        "owner": user_ref(users[0]),
        "project_manager": user_ref(users[1]),
        "engineer": user_ref(users[2]),
        "second_engineer": user_ref(users[3]) if rng.random() < 0.3 else None,
        "client": {"id": client["id"]},
        "primary_contact": {"id": primaries.get(client["id"])},
        "company_location": {"id": office["id"], "name": office["name"]},
        "market_segment": {"id": rng.choice(segments)["id"]} if segments else None,
        "currency": currency,
        "exchange_rates": {"CAD": 1.243825} if currency == "USD" else {"USD": 1.27},
        "image_url": f"projects/project-avatar-{rng.randint(1, 6)}.jpg",
        "active": rng.random() < 0.8,
        "shared": rng.random() < 0.05,
        "original_version_id": project_id,
        "_listed": True,
    }


def _purchase_orders(rng: random.Random, store: Store, listed: list[Record], total: int) -> None:
    busy = [p for p in listed if p["stage"] in _BUSY_STAGES] or listed
    for po_id in range(120, 120 + total):
        project = rng.choice(busy)
        office = store.office(project["company_location"]["id"]) or store.company["locations"][0]
        created, updated = lifespan(rng, _seconds(project["created_at"]))
        store.purchase_orders[po_id] = {
            "id": po_id,
            "user_id": project["owner"]["id"],
            "project_id": project["id"],
            "purchasing_source_id": rng.choice(sorted(store.sources)),
            "custom_id": f"JB{po_id}",
            "notes": "",
            "status": rng.choice(("draft", "ordered", "ordered", "partially_received", "received")),
            "shipping_option": rng.choice(("Ground Shipping", "2nd Day Air", "Will Call")),
            "created_at": to_stamp(created),
            "updated_at": to_stamp(updated),
            "ship_to": office["name"],
            "ship_address": {
                "street": office["address"],
                "city": office["city"],
                "region": office["state"],
                "postal_code": office["zipcode"],
                "country": office["country"],
            },
        }


def _tasks(rng: random.Random, store: Store, listed: list[Record], total: int) -> None:
    user_ids = sorted(store.users)
    for task_id in range(300, 300 + total):
        kind = "install" if rng.random() < 0.6 else "sales"
        project = rng.choice(listed)
        created, updated = lifespan(rng, _seconds(project["created_at"]))
        done = rng.random() < 0.5
        start = moment(rng, created, created + 30 * 86400)
        start_text = to_day(start)
        steps = [
            {"description": f"Step {n}", "minutes": money(Decimal(rng.choice((10, 15, 30)))),
             "photo_required": rng.random() < 0.3}
            for n in range(1, rng.randint(1, 4) + 1)
        ]  # fmt: skip
        assigned = rng.choice(user_ids)
        store.tasks[task_id] = {
            "id": task_id,
            "name": rng.choice(("Install the thing", "Site survey", "Follow up call",
                                "Send proposal", "Program DSP", "Rack build")),
            "client_id": project["client"]["id"] if kind == "sales" else None,
            "project_id": project["id"],
            "created_by_id": rng.choice(user_ids),
            "completed_by_id": assigned if done else None,
            "completed_at": to_stamp(updated) if done else None,
            "minutes": money(Decimal(rng.choice((30, 60, 90, 240)))),
            "lineitem_id": None,
            "phase_id": rng.choice(sorted(store.phases)) if kind == "install" else None,
            "labor_type_id": None,
            "created_at": to_stamp(created),
            "updated_at": to_stamp(updated),
            "assigned_to_id": assigned,
            "due_on": to_day(start + 2 * 86400),
            "start_date": f"{start_text[5:7]}/{start_text[8:10]}/{start_text[:4]}",
            "start_time": rng.choice(("8:30 AM", "9:00 AM", "1:00 PM")),
            "time_zone": rng.choice(names.TIME_ZONES),
            "all_day": rng.random() < 0.2,
            "_type": kind,
            "_steps": steps,
            "_notes": [{"user_id": assigned, "comment": "Checked in on site."}] if done else [],
        }  # fmt: skip


def _time_sessions(rng: random.Random, store: Store, listed: list[Record], total: int) -> None:
    entry_id = 50
    for session_id in range(18, 18 + total):
        user = store.users[rng.choice(sorted(store.users))]
        project = rng.choice(listed)
        start = float(int(moment(rng) // 60 * 60))
        entries, cursor, work, rest = [], start, 0, 0
        zone = rng.choice(names.TIME_ZONES)
        for kind in ("work", "break", "work")[: rng.choice((1, 3))]:
            seconds = rng.randint(1, 4) * 1800 if kind == "work" else 1800
            entry_id += 1
            entries.append(
                {"id": entry_id, "start_at": to_stamp(cursor),
                 "end_at": to_stamp(cursor + seconds), "time_zone": zone, "duration": seconds,
                 "created_at": to_stamp(cursor + seconds + 60),
                 "updated_at": to_stamp(cursor + seconds + 90), "type": kind, "running": False,
                 "labor_type": {"id": 43234, "name": "Installation"}}
            )  # fmt: skip
            cursor += seconds
            work, rest = (work + seconds, rest) if kind == "work" else (work, rest + seconds)
        store.time_sessions[session_id] = {
            "id": session_id,
            "start_at": to_stamp(start),
            "end_at": to_stamp(cursor),
            "time_zone": zone,
            "duration": int(cursor - start),
            "work_duration": work,
            "break_duration": rest,
            "num_breaks": sum(1 for e in entries if e["type"] == "break"),
            "description": rng.choice(("Installed the new speakers", "Pulled cable", "Training")),
            "created_at": to_stamp(cursor + 60),
            "updated_at": to_stamp(cursor + 3600),
            "running": False,
            "user": user_ref(user),
            "project": {
                "id": project["id"],
                "full_name": f"{project['custom_id']} {project['name']}",
            },
            "category": None,
            "time_entries": entries,
        }


def _stock(rng: random.Random, store: Store, listed: list[Record], total: int) -> None:
    location_id = 382
    for office in store.company["locations"]:
        for position in ("Rack 1", "Rack 2"):
            created, updated = lifespan(rng, high=EPOCH_END - 86400 * 90)
            store.stock_locations[location_id] = {
                "id": location_id, "name": "Warehouse", "position": position,
                "description": "The rack in the back" if position == "Rack 2" else "",
                "office_id": office["id"], "project_id": None, "kind": "company",
                "created_at": to_stamp(created), "updated_at": to_stamp(updated),
            }  # fmt: skip
            location_id += 1
    for project in rng.sample(listed, k=min(3, len(listed))):
        created, updated = lifespan(rng, _seconds(project["created_at"]))
        store.stock_locations[location_id] = {
            "id": location_id, "name": "Job site", "position": None, "description": "",
            "office_id": None, "project_id": project["id"], "kind": "project",
            "created_at": to_stamp(created), "updated_at": to_stamp(updated),
        }  # fmt: skip
        location_id += 1
    products = list(store.products[3].values())[:60]
    locations = sorted(store.stock_locations)
    for item_id in range(12900, 12900 + total):
        product = rng.choice(products)
        serial = rng.random() < 0.3
        created, updated = lifespan(rng)
        store.stock_items[item_id] = {
            "id": item_id,
            "stock_location_id": rng.choice(locations),
            "quantity": 1 if serial else rng.randint(1, 12),
            "serial_num": f"SN{item_id:07d}" if serial else None,
            "status": rng.choice(("received", "received", "allocated", "ordered")),
            "created_at": to_stamp(created),
            "updated_at": to_stamp(updated),
            "company_product_id": product["id"],
            "name": f"{product['manufacturer']['name']} {product['model']}",
        }


def _seconds(stamp_text: str) -> float:
    return parse_stamp(stamp_text).timestamp()
