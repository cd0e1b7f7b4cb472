"""Wire shapes that combine records: what a list shows, what a single get adds."""

from __future__ import annotations

from decimal import Decimal

from jbcrm.sandbox.jetbuilt._store import ProjectDetail, Record, Store, public
from jbcrm.sandbox.jetbuilt._wire import money

_PROJECT_HEAD = (
    "id", "name", "short_description", "payment_schedule", "custom_id", "version",
    "price_valid_until", "probability", "created_at", "updated_at", "close_date", "budget",
    "paid_to_date", "stage", "contract_number", "labor_tax", "requires_engineering?", "avso",
    "avso_region", "project_type", "sales_tax",
)  # fmt: skip
_PROJECT_MONEY = (
    "equipment_total", "labor_total", "shipping_total", "tax_total", "total", "address", "city",
    "state", "zipcode", "country", "owner", "project_manager", "engineer", "second_engineer",
    "client", "primary_contact", "company_location",
)  # fmt: skip
_PROJECT_TAIL = (
    "currency", "exchange_rates", "image_url", "active", "shared", "original_version_id",
)  # fmt: skip
PROJECT_LIST_KEYS = (*_PROJECT_HEAD, *_PROJECT_MONEY, "market_segment", *_PROJECT_TAIL)
PROJECT_GET_KEYS = (
    *_PROJECT_HEAD, "total_margin", "equipment_margin", *_PROJECT_MONEY, *_PROJECT_TAIL,
)  # fmt: skip
_CLIENT_CONTACT_KEYS = (
    "id", "first_name", "last_name", "title", "email_address", "phone_number_1",
    "phone_number_2", "primary", "created_at", "updated_at",
)  # fmt: skip
_ROOM_LIST_KEYS = ("id", "name", "quantity", "created_at", "updated_at")


def pick(record: Record, keys: tuple[str, ...]) -> Record:
    """The given keys of a record, in that order."""
    return {key: record.get(key) for key in keys}


def project_summary(project: Record) -> Record:
    """A project as the collection lists it."""
    return pick(project, PROJECT_LIST_KEYS)


def project_full(store: Store, project: Record) -> Record:
    """A project with its rooms, systems, tags, phases, labor, bundles and other versions."""
    detail = store.detail(project["id"])
    body = pick(project, PROJECT_GET_KEYS)
    body["rooms"] = [pick(r, ("id", "name", "quantity", "scope", "active")) for r in detail.rooms]
    body["systems"] = [pick(s, ("id", "name", "scope", "active")) for s in detail.systems]
    body["tags"] = [pick(t, ("id", "name")) for t in detail.tags]
    body["phases"] = list(detail.phases)
    body["labor"] = list(detail.labor)
    body["bundles"] = list(detail.bundles)
    body["versions"] = [
        {"id": other["id"], "name": other["version"], "description": other.get("_description"),
         "locked": False}
        for other in store.projects.values()
        if other["original_version_id"] == project["original_version_id"]
        and other["id"] != project["id"]
    ]  # fmt: skip
    return body


def client_full(store: Store, client: Record) -> Record:
    """A client with its contacts and sub-clients (both lists and get show this)."""
    body = public(client)
    body["contacts"] = [
        pick(contact, _CLIENT_CONTACT_KEYS)
        for contact in store.contacts.values()
        if contact["_client_id"] == client["id"]
    ]
    body["subclients"] = [
        {key: value for key, value in public(other).items() if key != "parent_id"}
        for other in store.clients.values()
        if other["parent_id"] == client["id"]
    ]
    return body


def contacts_of(store: Store, client_id: int) -> list[Record]:
    """The contacts of one client, in id order."""
    return [public(c) for c in store.contacts.values() if c["_client_id"] == client_id]


def room_summary(room: Record) -> Record:
    """A room as room lists show it."""
    return pick(room, _ROOM_LIST_KEYS)


def room_totals(room: Record, items: list[Record], factors: list[Record]) -> Record:
    """A room's unrounded totals and its share of the project's factors."""
    equipment_cost = sum((Decimal(i["cost"]) * Decimal(i["quantity"]) for i in items), Decimal(0))
    equipment_price = sum((Decimal(i["total_equipment_price"]) for i in items), Decimal(0))
    labor_cost = labor_price = Decimal(0)
    for item in items:
        for labor in item["labor"]:
            labor_cost += Decimal(labor["cost"])
            labor_price += Decimal(labor["price"])
    factor_cost = sum((Decimal(f["total_cost"]) for f in factors), Decimal(0))
    factor_price = sum((Decimal(f["total_price"]) for f in factors), Decimal(0))
    share = Decimal(1) / Decimal(3)
    other_cost, other_price = factor_cost * share, factor_price * share
    total_price = equipment_price + labor_price + other_price
    body = room_summary(room)
    body.update(
        total_cost=money(equipment_cost + labor_cost + other_cost),
        total_price=money(total_price),
        total_tax=money(equipment_price * Decimal("0.0725")),
        equipment_total_cost=money(equipment_cost),
        equipment_total_price=money(equipment_price),
        labor_total_cost=money(labor_cost),
        labor_total_price=money(labor_price),
        other_total_cost=money(other_cost),
        other_total_price=money(other_price),
    )
    return body


def room_factors(factors: list[Record]) -> list[Record]:
    """A project's factors as one room sees them: a third of each, unrounded."""
    keys = ("id", "name", "description", "factor_method", "taxed", "hidden")
    return [
        {**pick(f, keys), "total_cost": money(Decimal(f["total_cost"]) / 3),
         "total_price": money(Decimal(f["total_price"]) / 3)}
        for f in factors
    ]  # fmt: skip


def option_summary(option: Record) -> Record:
    """An option as the option list shows it."""
    return public(option)


def purchasing_groups(
    store: Store, items: list[Record], *, sold_change_order: bool | None
) -> list[Record]:
    """Physical line items consolidated by product, as the purchasing endpoints show them.

    `sold_change_order=None` leaves that key out (purchase orders do not show it).
    """
    groups: dict[tuple[str, str], list[Record]] = {}
    for item in items:
        if item["kind"] == "physical":
            groups.setdefault((item["manufacturer_name"], item["model"]), []).append(item)
    sources = sorted(store.sources.values(), key=lambda s: int(s["id"]))
    result = []
    for (manufacturer, model), members in groups.items():
        quantity = sum((Decimal(i["quantity"]) for i in members), Decimal(0))
        first = members[0]
        source = sources[first["id"] % len(sources)] if sources and first["id"] % 3 else None
        group: Record = {
            "ids": [i["id"] for i in members],
            "full_name": f"{manufacturer} {model}",
            "short_description": first["short_description"],
            "order_status": ("not_ordered", "ordered", "received")[first["id"] % 3],
            "order_notes": None,
            "cost": first["cost"],
            "total_order_cost": money(Decimal(first["cost"]) * quantity),
            "project_quantity": money(quantity),
            "order_quantity": str(int(quantity)),
            "source": None
            if source is None
            else {"id": source["id"], "name": source["company_name"]},
        }
        if sold_change_order is not None:
            group["sold_change_order"] = sold_change_order
        result.append(group)
    return result


def items_in_room(detail: ProjectDetail, room_id: int) -> list[Record]:
    """The base line items placed in one project room."""
    return [item for item in detail.line_items if item["room"]["id"] == room_id]


def stock_products(store: Store) -> list[Record]:
    """Stock grouped by company product: the stock products collection."""
    totals: dict[int, Record] = {}
    for item in store.stock_items.values():
        entry = totals.setdefault(
            item["company_product_id"],
            {"name": item["name"], "company_product_id": item["company_product_id"],
             "quantity_available": 0},
        )  # fmt: skip
        entry["quantity_available"] += item["quantity"]
    return [totals[key] for key in sorted(totals)]


def stock_product_offices(store: Store, product_id: int) -> list[Record]:
    """Available quantity of one product per office (project stock counts at its office).

    The key is spelled `quantity_avaliable`, as the API spells it.
    """
    per_office: dict[int, int] = {}
    for item in store.stock_items.values():
        if item["company_product_id"] != product_id:
            continue
        location = store.stock_locations.get(item["stock_location_id"])
        office_id = _office_of(store, location) if location else None
        if office_id is not None:
            per_office[office_id] = per_office.get(office_id, 0) + item["quantity"]
    return [{"id": office, "quantity_avaliable": qty} for office, qty in sorted(per_office.items())]


def _office_of(store: Store, location: Record) -> int | None:
    if location["office_id"] is not None:
        return int(location["office_id"])
    project = store.projects.get(location["project_id"])
    return None if project is None else int(project["company_location"]["id"])


def vendor_products(
    store: Store, vendor: Record, distributed: bool, maker: int | None
) -> list[Record]:
    """A vendor's products: what it makes, or (asked, or filtered by maker) what it distributes."""
    if maker is not None:
        makers = {maker} & (set(vendor["_distributed"]) | set(vendor["_manufactured"]))
    elif distributed or not vendor["_manufactured"]:
        makers = set(vendor["_distributed"])
    else:
        makers = set(vendor["_manufactured"])
    return [public(p) for p in store.catalog.values() if p["_manufacturer_id"] in makers]
