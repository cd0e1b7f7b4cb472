"""Stock items, stock locations and stock products (stock levels per company product)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from jbcrm.sandbox.jetbuilt._http import fields, find, not_found, ok, path_id, store_of
from jbcrm.sandbox.jetbuilt._routes._common import collection, created, paged
from jbcrm.sandbox.jetbuilt._serialize import stock_product_offices, stock_products
from jbcrm.sandbox.jetbuilt._store import Record
from jbcrm.sandbox.jetbuilt._validate import BLANK, Checker
from jbcrm.sandbox.jetbuilt._wire import now_stamp


async def create_item(request: Request) -> Response:
    """POST /stock/items: product, location and quantity required (a serial means one)."""
    store = store_of(request)
    check = Checker(await fields(request, "item"))
    check.required("company_product_id", "stock_location_id")
    product_id = check.integer("company_product_id")
    product = store.product(product_id) if product_id is not None else None
    if product_id is not None and product is None:
        check.fail("company_product", "must exist")
    location = check.reference("stock_location_id", store.stock_locations, "stock_location")
    serial = check.text("serial_num") or None
    quantity = 1 if serial else _quantity(check)
    check.done()
    assert product is not None
    assert location is not None
    now = now_stamp()
    item: Record = {
        "id": store.new_id(store.stock_items), "stock_location_id": location["id"],
        "quantity": quantity, "serial_num": serial, "status": "received", "created_at": now,
        "updated_at": now, "company_product_id": product["id"],
        "name": f"{product['manufacturer']['name']} {product['model']}",
    }  # fmt: skip
    return created(store.stock_items, item)


async def update_item(request: Request) -> Response:
    """PATCH or PUT /stock/items/<ID>: only the quantity, which must stay above 0."""
    item = find(store_of(request).stock_items, path_id(request))
    check = Checker(await fields(request, str(item["id"])))
    quantity = _quantity(check)
    check.done()
    item.update(quantity=quantity, updated_at=now_stamp())
    return ok(item)


def _quantity(check: Checker) -> int:
    check.required("quantity")
    quantity = check.integer("quantity")
    if quantity is not None and quantity <= 0:
        check.fail("quantity", "must be greater than 0")
    return quantity or 0


async def delete_item(request: Request) -> Response:
    """DELETE /stock/items/<ID>: 200 with a message."""
    store = store_of(request)
    find(store.stock_items, path_id(request))
    del store.stock_items[path_id(request)]
    return ok({"message": "The item has been deleted"})


async def create_location(request: Request) -> Response:
    """POST /stock/locations: a company location (office, position) or a project one."""
    store = store_of(request)
    check = Checker(await fields(request, "location"))
    check.required("kind", "name")
    kind = check.choice("kind", ("company", "project"))
    office = project = None
    if kind == "company":
        check.required("office_id", "position")
        office_id = check.integer("office_id")
        office = store.office(office_id) if office_id is not None else None
        if office_id is not None and office is None:
            check.fail("office", "must exist")
    elif kind == "project":
        check.required("project_id")
        project = check.reference("project_id", store.projects, "project")
    check.done()
    now = now_stamp()
    location: Record = {
        "id": store.new_id(store.stock_locations), "name": check.text("name"),
        "position": check.text("position"), "description": check.text("description") or "",
        "office_id": None if office is None else office["id"],
        "project_id": None if project is None else project["id"], "kind": kind,
        "created_at": now, "updated_at": now,
    }  # fmt: skip
    return created(store.stock_locations, location)


async def update_location(request: Request) -> Response:
    """PATCH or PUT /stock/locations/<ID>: name, position, description."""
    location = find(store_of(request).stock_locations, path_id(request))
    check = Checker(await fields(request, str(location["id"])))
    for name in ("name", "position"):
        if check.given(name) and not str(check.data[name] or "").strip():
            check.fail(name, BLANK)
    check.done()
    for name in ("name", "position", "description"):
        if check.given(name):
            location[name] = check.text(name) or ""
    location["updated_at"] = now_stamp()
    return ok(location)


async def delete_location(request: Request) -> Response:
    """DELETE /stock/locations/<ID>: 204, no body."""
    store = store_of(request)
    find(store.stock_locations, path_id(request))
    del store.stock_locations[path_id(request)]
    return Response(status_code=204)


async def list_products(request: Request) -> Response:
    """GET /stock/products: quantity available per company product."""
    return paged(request, stock_products(store_of(request)))


def _stock_product(request: Request) -> Record:
    store = store_of(request)
    product_id = path_id(request)
    for entry in stock_products(store):
        if entry["company_product_id"] == product_id:
            return entry
    product = store.product(product_id)
    if product is None:
        raise not_found()
    name = f"{product['manufacturer']['name']} {product['model']}"
    return {"name": name, "company_product_id": product_id, "quantity_available": 0}


async def get_product(request: Request) -> Response:
    """GET /stock/products/<COMPANY_PRODUCT_ID>: totals, broken out by office."""
    entry = _stock_product(request)
    offices = stock_product_offices(store_of(request), entry["company_product_id"])
    return ok({**entry, "offices": offices})


async def list_product_items(request: Request) -> Response:
    """GET /stock/products/<COMPANY_PRODUCT_ID>/items."""
    entry = _stock_product(request)
    items = store_of(request).stock_items.values()
    return paged(
        request, [i for i in items if i["company_product_id"] == entry["company_product_id"]]
    )


ROUTES = [
    *collection("/stock/items", "stock_items"),
    Route("/stock/items", create_item, methods=["POST"]),
    Route("/stock/items/{id}", update_item, methods=["PATCH", "PUT"]),
    Route("/stock/items/{id}", delete_item, methods=["DELETE"]),
    *collection("/stock/locations", "stock_locations"),
    Route("/stock/locations", create_location, methods=["POST"]),
    Route("/stock/locations/{id}", update_location, methods=["PATCH", "PUT"]),
    Route("/stock/locations/{id}", delete_location, methods=["DELETE"]),
    Route("/stock/products", list_products, methods=["GET"]),
    Route("/stock/products/{id}", get_product, methods=["GET"]),
    Route("/stock/products/{id}/items", list_product_items, methods=["GET"]),
]
