"""What is inside one project (rooms, systems, items, factors, options, discussions),
generated from the sandbox seed and the project id, so order of first use never matters."""

from __future__ import annotations

import random
from collections.abc import Callable
from decimal import Decimal

from jbcrm.sandbox.jetbuilt import _names as names
from jbcrm.sandbox.jetbuilt._fake import lifespan, to_stamp
from jbcrm.sandbox.jetbuilt._store import ProjectDetail, Record, Store
from jbcrm.sandbox.jetbuilt._wire import cents, money, now_stamp, parse_stamp

FIRST_PROJECT_ID = 97000


def build_detail(store: Store, project: Record, seed: int) -> ProjectDetail:
    """Generate the content of a seeded project version."""
    rng = random.Random(seed * 1_000_003 + project["id"])
    slot = project["id"] - FIRST_PROJECT_ID
    low = parse_stamp(project["created_at"]).timestamp()
    high = parse_stamp(project["updated_at"]).timestamp()

    def when() -> tuple[str, str]:
        created, updated = lifespan(rng, low, high)
        return to_stamp(created), to_stamp(updated)

    detail = ProjectDetail()
    for k, name in enumerate(rng.sample(names.ROOM_NAMES, rng.randint(1, 5))):
        made, changed = when()
        detail.rooms.append(
            {"id": 240000 + slot * 20 + k, "name": name, "quantity": rng.choice((1, 1, 1, 2, 3)),
             "scope": None, "active": True, "created_at": made, "updated_at": changed}
        )  # fmt: skip
    for k, name in enumerate(rng.sample(names.SYSTEM_NAMES, rng.randint(1, 3))):
        made, changed = when()
        detail.systems.append(
            {"id": 196000 + slot * 10 + k, "name": name, "scope": None, "active": True,
             "created_at": made, "updated_at": changed}
        )  # fmt: skip
    for k, name in enumerate(rng.sample(names.TAG_NAMES, rng.randint(0, 2))):
        made, changed = when()
        detail.tags.append(
            {"id": 30000 + slot * 10 + k, "name": name, "created_at": made, "updated_at": changed}
        )
    phases = rng.sample(sorted(store.phases), rng.choice((0, 0, 1, 2)))
    detail.phases = [{"id": p, "name": store.phases[p]["name"]} for p in phases]
    for k, (name, category, cost, price) in enumerate(rng.sample(names.LABOR_TYPES, 2)):
        detail.labor.append(
            {"id": 329000 + slot * 10 + k, "name": name, "category": category, "cost": cost,
             "price": price, "total_hours": money(Decimal(rng.randint(0, 40)) / 2)}
        )  # fmt: skip
    if rng.random() < 0.3:
        detail.bundles.append(
            {"id": 52000 + slot * 4, "name": "Conference Room Bundle", "description": "Bundle",
             "quantity": "1.0"}
        )  # fmt: skip
    catalogue = _products_for(store, project)
    for room in detail.rooms:
        for _ in range(rng.randint(2, 8)):
            item_id = 1_900_000 + slot * 100 + len(detail.line_items)
            detail.line_items.append(
                line_item(rng, item_id, rng.choice(catalogue), project, detail, room, when())
            )
    detail.factors = [_factor(rng, 25000 + slot * 10 + k, when()) for k in range(rng.randint(1, 3))]
    for k in range(rng.choice((0, 0, 1, 2, 3))):
        detail.options.append(_option(rng, slot, k, catalogue, project, detail, when()))
    for k in range(rng.choice((0, 1, 2))):
        detail.discussions.append(_discussion(rng, store, slot, k, when))
    for k in range(rng.choice((0, 1, 2))):
        detail.service_packages.append(_service_package(rng, 3300 + slot * 3 + k))
    return detail


def blank_detail(store: Store) -> ProjectDetail:
    """A new project: one room and one system, nothing in them yet."""
    now = now_stamp()
    room = {"id": store.new_nested_id(), "name": "Room 1", "quantity": 1, "scope": None,
            "active": True, "created_at": now, "updated_at": now}  # fmt: skip
    system = {"id": store.new_nested_id(), "name": "System A", "scope": None, "active": True,
              "created_at": now, "updated_at": now}  # fmt: skip
    return ProjectDetail(rooms=[room], systems=[system])


def _products_for(store: Store, project: Record) -> list[Record]:
    office = store.office(project["company_location"]["id"])
    database = store.products[office["product_database_id"] if office else 3]
    return list(database.values())[:150] or [
        p for db in store.products.values() for p in db.values()
    ]


def line_item(
    rng: random.Random,
    item_id: int,
    product: Record,
    project: Record,
    detail: ProjectDetail,
    room: Record,
    stamps: tuple[str, str],
    option: Record | None = None,
) -> Record:
    """A line item placing a company product in a room of a project."""
    per_room = Decimal(rng.choice((1, 1, 2, 2, 4, 6, 10)))
    quantity = per_room * room["quantity"]
    price = Decimal(product["price"])
    kind = rng.choices(("physical", "hourly_labor", "subcontract_labor"), weights=(90, 5, 5))[0]
    subcontract = kind == "subcontract_labor"
    system = rng.choice(detail.systems) if detail.systems else None
    tag = rng.choice(detail.tags) if detail.tags and rng.random() < 0.5 else None
    labor = detail.labor[0] if detail.labor else None
    minutes = Decimal(rng.choice((0, 30, 60, 120))) * quantity
    return {
        "id": item_id,
        "manufacturer_id": product["manufacturer"]["id"],
        "manufacturer_name": product["manufacturer"]["name"],
        "model": product["model"],
        "part_number": None,
        "owner_furnished": rng.random() < 0.03,
        "msrp": product["msrp"] or product["price"],
        "mapp": product["mapp"] or product["price"],
        "price": product["price"],
        "cost": product["cost"],
        "currency_iso": product["currency_code"],
        "short_description": product["short_description"],
        "shipping_price": product["shipping_price"],
        "subtotal_equipment_price": money(price * per_room),
        "total_equipment_price": money(price * quantity),
        "tax_equipment": product["tax_equipment"],
        "tax_shipping": product["tax_shipping"],
        "created_at": stamps[0],
        "updated_at": stamps[1],
        "notes": None,
        "external_notes": None,
        "subcontract_labor_cost": money(
            Decimal(rng.randint(50, 500)) if subcontract else Decimal(0)
        ),
        "subcontract_labor_price": money(
            Decimal(rng.randint(80, 900)) if subcontract else Decimal(0)
        ),
        "kind": kind,
        "hidden": False,
        "purchasing_released": rng.random() < 0.3,
        "engineering_released": rng.random() < 0.3,
        "avso_ranking": str(rng.randint(1, 10)),
        "avso_discount": "0.0",
        "avso_msrp": cents(Decimal(product["msrp"] or product["price"]), "CAD"),
        "avso_item_name": product["short_description"].split(" ")[-1].capitalize(),
        "discount": "0.0",
        "custom": product["custom"],
        "product_id": None if product["custom"] else product["product_id"],
        "custom_product_id": product["id"] if product["custom"] else None,
        "quantity": money(quantity),
        "quantity_per_room": money(per_room),
        "quantity_per_bundle": None,
        "bundle": None,
        "room": {
            "id": room["id"],
            "name": room["name"],
            "quantity": money(Decimal(room["quantity"])),
        },
        "system": None if system is None else {"id": system["id"], "name": system["name"]},
        "tag": None if tag is None else {"id": tag["id"], "name": tag["name"]},
        "phase": None,
        "option": None if option is None else {"id": option["id"], "name": option["name"]},
        "labor": []
        if labor is None or not minutes
        else [
            {
                "category": labor["category"],
                "minutes": money(minutes),
                "taxable": True,
                "cost": money(Decimal(labor["cost"]) * minutes / 60),
                "price": money(Decimal(labor["price"]) * minutes / 60),
                "labor_type": {"id": labor["id"], "name": labor["name"]},
            }
        ],
        "metadata": {},
    }


def _factor(rng: random.Random, factor_id: int, stamps: tuple[str, str]) -> Record:
    trip = rng.random() < 0.3
    cost = Decimal(rng.randint(0, 20) * 50)
    factor: Record = {
        "id": factor_id,
        "name": "Trip Factor" if trip else rng.choice(("Management", "Shipping", "Labor")),
        "description": "Trips" if trip else rng.choice(("Hours per day of install", "Percentage")),
        "factor_method": "trip_calc" if trip else rng.choice(("hours_per_day", "equipment_price")),
        "total_price": money(cost * Decimal("1.75")),
        "total_cost": money(cost),
        "taxed": False,
        "hidden": False,
        "created_at": stamps[0],
        "updated_at": stamps[1],
    }
    if trip:
        factor["trips"] = [{"description": "Install", "days": rng.randint(1, 9)}]
        factor["expenses"] = [
            {"expense_name": "Lodging", "calculation_method": "trip_flat_rate_per_day",
             "per_crew_member": True, "plus_supervisor": False, "cost": "100.0",
             "price": "175.0"}
        ]  # fmt: skip
    return factor


def _option(
    rng: random.Random,
    slot: int,
    k: int,
    catalogue: list[Record],
    project: Record,
    detail: ProjectDetail,
    stamps: tuple[str, str],
) -> Record:
    option_id = 27000 + slot * 4 + k
    change_order = project["stage"] in {"contract", "install", "review", "completed"}
    on_room = detail.rooms[0] if rng.random() < 0.3 else None
    option: Record = {
        "id": option_id,
        "name": f"{'Change order' if change_order else 'option'} {k + 1}",
        "sold": rng.random() < 0.4,
        "scope": "",
        "total": "0.0",
        "upgrade_total": "0.0",
        "payment_schedule": None,
        "created_at": stamps[0],
        "updated_at": stamps[1],
        "active": True,
        "change_order": change_order,
        "room": None if on_room is None else {"id": on_room["id"], "name": on_room["name"]},
    }
    rooms = []
    for r in range(rng.randint(1, 2)):
        rooms.append(
            {"id": 600000 + slot * 10 + k * 3 + r, "name": rng.choice(names.ROOM_NAMES),
             "quantity": 1, "created_at": stamps[0], "updated_at": stamps[1]}
        )  # fmt: skip
    items = []
    for n in range(rng.randint(1, 5)):
        room = rng.choice(rooms)
        item_id = 1_900_000 + slot * 100 + 80 + k * 6 + n
        item = line_item(rng, item_id, rng.choice(catalogue), project, detail, room, stamps, option)
        replaced = rng.choice(detail.line_items)["id"] if detail.line_items else None
        item["replacement_lineitem_ids"] = [] if replaced is None or n % 2 else [replaced]
        items.append(item)
    total = sum((Decimal(i["total_equipment_price"]) for i in items), Decimal(0))
    option["total"] = money(total)
    option["upgrade_total"] = money((total * Decimal("1.58")).quantize(Decimal("0.01")))
    cost = (total * Decimal("0.1")).quantize(Decimal("0.01"))
    option["_rooms"], option["_line_items"] = rooms, items
    option["_factors"] = [
        {"id": 155000 + slot * 4 + k, "name": "Labor", "description": "Labor",
         "factor_method": "equipment_price", "taxed": True, "hidden": False,
         "total_cost": money(cost), "total_price": money(cost * Decimal("4.5")),
         "total_tax": money(cost * Decimal("0.34875"))}
    ]  # fmt: skip
    return option


def _discussion(
    rng: random.Random, store: Store, slot: int, k: int, when: Callable[[], tuple[str, str]]
) -> Record:
    comments = []
    for n in range(rng.randint(1, 4)):
        user = store.users[rng.choice(sorted(store.users))]
        made, changed = when()
        comments.append(
            {"id": 11000 + slot * 20 + k * 5 + n, "created_at": made, "updated_at": changed,
             "user": {"id": user["id"], "full_name": user["full_name"]},
             "comment": rng.choice(("A comment", "Client approved the rack layout.",
                                    "Waiting on the electrician.", "Ordered the displays."))}
        )  # fmt: skip
    return {"id": 70000 + slot * 4 + k, "title": rng.choice(("Kickoff", "Install notes", "RFI")),
            "comments": comments}  # fmt: skip


def _service_package(rng: random.Random, package_id: int) -> Record:
    price = Decimal(rng.choice((200, 500, 1200)))
    return {
        "id": package_id,
        "name": rng.choice(("Annual Maintenance", "Priority Support", "Extended Warranty")),
        "purchase_type": rng.choice(("included", "optional")),
        "pricing_method": rng.choice(("flat_price", "percent_of_project")),
        "program_term": rng.choice(("annually", "monthly", "quarterly")),
        "price": money(price),
        "cost": money(price / 2),
        "sold": rng.random() < 0.5,
        "taxed": False,
        "taxable_amount_percent": "100.0",
    }
