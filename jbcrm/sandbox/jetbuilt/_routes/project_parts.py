"""What is inside a project: items, rooms, systems, tags, discussions, purchasing, packages."""

from __future__ import annotations

import json
import random
from decimal import Decimal
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .._detail import line_item
from .._http import fields, find, not_found, ok, path_id, store_of
from .._serialize import (
    items_in_room,
    purchasing_groups,
    room_factors,
    room_summary,
    room_totals,
)
from .._store import ProjectDetail, Record, Store, touch
from .._validate import Checker
from .._wire import money, now_stamp
from ._common import paged, paged_body, paged_in


def project_and_detail(request: Request) -> tuple[Record, ProjectDetail]:
    """The project named by `<PROJECT_ID>` and its content, or 404."""
    store = store_of(request)
    project = find(store.projects, path_id(request, "project_id"))
    return project, store.detail(project["id"])


def by_id(records: list[Record], record_id: int) -> Record:
    """A nested record by id, or 404."""
    for record in records:
        if record["id"] == record_id:
            return record
    raise not_found()


async def list_items(request: Request) -> Response:
    """GET /projects/<PROJECT_ID>/items: `{"line_items", "factors"}`, paged on line items."""
    _, detail = project_and_detail(request)
    return paged_in(request, "line_items", detail.line_items, factors=detail.factors)


async def create_item(request: Request) -> Response:
    """POST /projects/<PROJECT_ID>/items: `manufacturer_name` and `model` required."""
    store = store_of(request)
    project, detail = project_and_detail(request)
    check = Checker(await fields(request, "item"))
    check.required("manufacturer_name", "model")
    price = check.decimal("price")
    per_room = check.decimal("quantity_per_room")
    shipping = {name: check.decimal(name) for name in ("shipping_price", "shipping_cost")}
    flags = {name: check.boolean(name) for name in ("tax_equipment", "tax_shipping")}
    metadata = _metadata(check)
    check.done()
    room = _named(store, detail.rooms, check.text("room_name"), room=True)
    system = _named(store, detail.systems, check.text("system_name"), room=False)
    item_id = store.new_nested_id()
    product = _product(store, project, check)
    item = line_item(random.Random(item_id), item_id, product, project, detail, room, _now())
    item.update(
        kind="physical", labor=[], metadata=metadata or {}, notes=check.text("notes"),
        external_notes=check.text("external_notes"),
        currency_iso=(check.text("currency_code") or project["currency"]).upper(),
        price=money(price or Decimal(0)),
        shipping_price=money(shipping["shipping_price"] or Decimal(0)),
    )  # fmt: skip
    if check.given("short_description"):
        item["short_description"] = check.text("short_description")
    item["system"] = {"id": system["id"], "name": system["name"]}
    for name, flag in flags.items():
        if flag is not None:
            item[name] = flag
    _requantify(item, per_room or Decimal(1))
    detail.line_items.append(item)
    touch(project)
    return ok(item, status=201)


async def update_item(request: Request) -> Response:
    """PATCH or PUT /projects/<PROJECT_ID>/items/<ID>."""
    project, detail = project_and_detail(request)
    item = by_id(detail.line_items, path_id(request))
    check = Checker(await fields(request, str(item["id"])))
    places = {
        "room": _pick_nested(check, "room_id", detail.rooms),
        "system": _pick_nested(check, "system_id", detail.systems),
        "tag": _pick_nested(check, "tag_id", detail.tags),
        "phase": _pick_nested(check, "phase_id", list(store_of(request).phases.values())),
    }
    per_room = check.decimal("quantity_per_room")
    cost = check.decimal("cost")
    metadata = _metadata(check)
    check.done()
    for key, target in places.items():
        if target is not None:
            ref = {"id": target["id"], "name": target["name"]}
            if key == "room":
                ref["quantity"] = money(Decimal(target["quantity"]))
            item[key] = ref
    for name in ("short_description", "external_notes"):
        if check.given(name):
            item[name] = check.text(name)
    if cost is not None:
        item["cost"] = money(cost)
    if metadata is not None:
        item["metadata"] = metadata
    _requantify(item, per_room if per_room is not None else Decimal(item["quantity_per_room"]))
    item["updated_at"] = now_stamp()
    touch(project)
    return ok(item)


def _now() -> tuple[str, str]:
    now = now_stamp()
    return now, now


def _requantify(item: Record, per_room: Decimal) -> None:
    """Keep quantity and totals consistent with the per-room quantity and the room's count."""
    quantity = per_room * Decimal(item["room"]["quantity"])
    price = Decimal(item["price"])
    item["quantity_per_room"] = money(per_room)
    item["quantity"] = money(quantity)
    item["subtotal_equipment_price"] = money(price * per_room)
    item["total_equipment_price"] = money(price * quantity)


def _metadata(check: Checker) -> dict[str, Any] | None:
    value = check.data.get("metadata")
    if value is None:
        return None
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            value = None
    if not isinstance(value, dict):
        check.fail("metadata", "must be a JSON object")
        return None
    return value


def _pick_nested(check: Checker, name: str, records: list[Record]) -> Record | None:
    wanted = check.integer(name)
    if wanted is None:
        return None
    found = next((r for r in records if r["id"] == wanted), None)
    if found is None:
        check.fail(name[:-3], "must exist")
    return found


def _named(store: Store, records: list[Record], name: str | None, *, room: bool) -> Record:
    """The room or system with that name (created when new); the first one by default."""
    if name is None and records:
        return records[0]
    for existing in records:
        if existing["name"] == name:
            return existing
    now = now_stamp()
    record: Record = {
        "id": store.new_nested_id(),
        "name": name or ("Room 1" if room else "System A"),
    }
    if room:
        record["quantity"] = 1
    record.update(scope=None, active=True, created_at=now, updated_at=now)
    records.append(record)
    return record


def _product(store: Store, project: Record, check: Checker) -> Record:
    """The company product an item names, or a custom product shaped like one."""
    maker, model = check.text("manufacturer_name") or "", check.text("model") or ""
    for database in store.products.values():
        for product in database.values():
            if product["manufacturer"]["name"] == maker and product["model"] == model:
                return product
    return {
        "id": None, "manufacturer": {"id": None, "name": maker}, "model": model, "msrp": None,
        "mapp": None, "price": "0.0", "cost": "0.0", "currency_code": project["currency"],
        "short_description": "", "shipping_price": "0.0", "tax_equipment": True,
        "tax_shipping": False, "custom": True, "product_id": None,
    }  # fmt: skip


async def list_rooms(request: Request) -> Response:
    """GET /projects/<PROJECT_ID>/rooms."""
    _, detail = project_and_detail(request)
    return paged(request, detail.rooms, room_summary)


async def get_room(request: Request) -> Response:
    """GET /projects/<PROJECT_ID>/rooms/<ID>: totals, factors, and paged line items."""
    _, detail = project_and_detail(request)
    room = by_id(detail.rooms, path_id(request))
    items = items_in_room(detail, room["id"])
    body = room_totals(room, items, detail.factors)
    body["factors"] = room_factors(detail.factors)
    return paged_body(request, body, items)


def _simple_list(keys: tuple[str, ...], attribute: str) -> Any:
    async def endpoint(request: Request) -> Response:
        _, detail = project_and_detail(request)
        records = getattr(detail, attribute)
        return paged(request, records, lambda r: {k: r[k] for k in keys})

    endpoint.__doc__ = f"GET /projects/<PROJECT_ID>/{attribute}."
    return endpoint


async def list_purchasing(request: Request) -> Response:
    """GET /projects/<PROJECT_ID>/purchasing: consolidated items, paged."""
    _, detail = project_and_detail(request)
    groups = purchasing_groups(store_of(request), detail.line_items, sold_change_order=False)
    return paged_in(request, "line_items", groups)


async def list_service_packages(request: Request) -> Response:
    """GET /projects/<PROJECT_ID>/service_packages: `{"service_packages": [...]}`, paged."""
    _, detail = project_and_detail(request)
    return paged_in(request, "service_packages", detail.service_packages)


async def get_service_package(request: Request) -> Response:
    """GET /projects/<PROJECT_ID>/service_packages/<ID>."""
    _, detail = project_and_detail(request)
    return ok(by_id(detail.service_packages, path_id(request)))


async def update_service_package(request: Request) -> Response:
    """PUT or PATCH /projects/<PROJECT_ID>/service_packages/<ID>: price and cost."""
    project, detail = project_and_detail(request)
    package = by_id(detail.service_packages, path_id(request))
    check = Checker(await fields(request, str(package["id"])))
    amounts = {name: check.decimal(name) for name in ("price", "cost")}
    check.done()
    package.update({name: money(value) for name, value in amounts.items() if value is not None})
    touch(project)
    return ok(package)


_STAMPED = ("id", "name", "created_at", "updated_at")
_P = "/projects/{project_id}"
ROUTES = [
    Route(f"{_P}/items", list_items, methods=["GET"]),
    Route(f"{_P}/items", create_item, methods=["POST"]),
    Route(f"{_P}/items/{{id}}", update_item, methods=["PATCH", "PUT"]),
    Route(f"{_P}/rooms", list_rooms, methods=["GET"]),
    Route(f"{_P}/rooms/{{id}}", get_room, methods=["GET"]),
    Route(f"{_P}/systems", _simple_list(_STAMPED, "systems"), methods=["GET"]),
    Route(f"{_P}/tags", _simple_list(_STAMPED, "tags"), methods=["GET"]),
    Route(
        f"{_P}/discussions",
        _simple_list(("id", "title", "comments"), "discussions"),
        methods=["GET"],
    ),
    Route(f"{_P}/purchasing", list_purchasing, methods=["GET"]),
    Route(f"{_P}/service_packages", list_service_packages, methods=["GET"]),
    Route(f"{_P}/service_packages/{{id}}", get_service_package, methods=["GET"]),
    Route(f"{_P}/service_packages/{{id}}", update_service_package, methods=["PATCH", "PUT"]),
]
