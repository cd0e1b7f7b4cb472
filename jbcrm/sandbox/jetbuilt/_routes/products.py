"""Company products in a product database: list with filters, get, create, update."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from jbcrm.sandbox.jetbuilt._http import (
    UPLOADED_IMAGE,
    Invalid,
    fields,
    find,
    not_found,
    ok,
    path_id,
    store_of,
)
from jbcrm.sandbox.jetbuilt._routes._common import created, paged, within_times
from jbcrm.sandbox.jetbuilt._store import Record, public
from jbcrm.sandbox.jetbuilt._validate import BLANK, Checker
from jbcrm.sandbox.jetbuilt._wire import money, now_stamp, to_int

UNITS = {
    "warranty": ("d", "mo", "yr"), "rack": ("RU",), "power": ("W",), "poe": ("W",),
    "heat_load": ("BTU",), "weight": ("lb", "oz", "kg", "g"), "height": ("in", "ft", "cm", "mm"),
    "width": ("in", "ft", "cm", "mm"), "depth": ("in", "ft", "cm", "mm"),
}  # fmt: skip
_MONEY = ("cost", "price", "shipping_cost", "shipping_price")
_FLAGS = ("favorite", "tax_equipment", "tax_labor", "tax_shipping")
_FIXED = ("product_id", "manufacturer_name", "model", "currency_code")
_EXACT_FILTERS: dict[str, Callable[[Record], object]] = {
    "manufacturer_name": lambda product: product["manufacturer"]["name"],
    "model": lambda product: product["model"],
    "currency_code": lambda product: product["currency_code"],
}
_IMAGE_HOST = "https://static.jetbuilt.com/productimages/images"


def database(request: Request) -> dict[int, Record]:
    """The product database named in the path, or 404."""
    found = store_of(request).products.get(path_id(request, "db_id"))
    if found is None:
        raise not_found()
    return found


async def list_products(request: Request) -> Response:
    """GET /product_databases/<DB_ID>/products with the documented filters."""
    products = list(database(request).values())
    params = request.query_params
    query = params.get("query", "").strip().lower()
    if query:
        words = query.split()
        products = [
            p for p in products
            if all(w in f"{p['manufacturer']['name']} {p['model']}".lower() for w in words)
        ]  # fmt: skip
        return paged(request, products)
    for param, read in _EXACT_FILTERS.items():
        wanted = params.get(param)
        if wanted:
            products = [p for p in products if read(p) == wanted]
    return paged(request, within_times(request, products))


async def get_product(request: Request) -> Response:
    """GET /product_databases/<DB_ID>/products/<ID>."""
    return ok(public(find(database(request), path_id(request))))


async def create_product(request: Request) -> Response:
    """POST /product_databases/<DB_ID>/products: a catalogue product, or a custom one."""
    store, products = store_of(request), database(request)
    check = Checker(await fields(request, "product"))
    if not check.given("product_id"):
        check.required("manufacturer_name", "model")
    source = check.reference("product_id", store.catalog, "product")
    currency = (check.text("currency_code") or "USD").upper()
    if source is not None:
        maker = {"id": source["_manufacturer_id"], "name": source["manufacturer"]}
        model = source["model"]
    else:
        name = check.text("manufacturer_name") or ""
        known = [i for i, n in store.manufacturers.items() if n.lower() == name.lower()]
        maker = {"id": known[0] if known else max(store.manufacturers) + 1, "name": name}
        model = check.text("model") or ""
        source = next(
            (c for c in store.catalog.values()
             if c["_manufacturer_id"] == maker["id"] and c["model"] == model),
            None,
        )  # fmt: skip
    taken = any(
        p["manufacturer"]["name"] == maker["name"]
        and p["model"] == model
        and p["currency_code"] == currency
        for p in products.values()
    )
    if taken and model:
        check.fail("model", "has already been taken")
    product = _blank(store.new_product_id(), maker, model, currency, source)
    _apply(product, check)
    if maker["id"] not in store.manufacturers and maker["name"]:
        store.manufacturers[maker["id"]] = maker["name"]
    return created(products, product)


async def update_product(request: Request) -> Response:
    """PATCH or PUT /product_databases/<DB_ID>/products/<ID> (or with `id` in the body)."""
    products = database(request)
    data = await fields(request, "product")
    if "id" in request.path_params:
        product = find(products, path_id(request))
    else:
        product_id = to_int(data.get("id"))
        if product_id is None:
            raise Invalid({"id": [BLANK]})
        product = find(products, product_id)
    check = Checker(data)
    current = {
        "product_id": product["product_id"],
        "manufacturer_name": product["manufacturer"]["name"],
        "model": product["model"],
        "currency_code": product["currency_code"],
    }
    for name in _FIXED:
        if check.given(name) and str(check.data[name]) != str(current[name]):
            check.fail(name, "cannot be changed after product creation")
    _apply(product, check)
    product["updated_at"] = now_stamp()
    return ok(public(product))


def _blank(
    product_id: int, maker: Record, model: str, currency: str, source: Record | None
) -> Record:
    now = now_stamp()
    product: Record = {
        "id": product_id, "model": model, "currency_code": currency,
        "product_id": None if source is None else source["id"], "cost": "0.0", "price": "0.0",
        "short_description": "" if source is None else source["short_description"],
        "msrp": None if source is None else source["msrp"],
        "mapp": None if source is None else source["mapp"], "image_url": None, "phase_id": None,
        "shipping_cost": "0.0", "shipping_price": "0.0", "discontinued": False, "notes": "",
    }  # fmt: skip
    for field in UNITS:
        product[f"{field}_value"] = None
        product[f"{field}_unit"] = None
    product.update(
        {"manufacturer": maker, "custom": source is None, "direct_pricing": False,
         "tax_equipment": True, "tax_labor": True, "tax_shipping": False, "favorite": False,
         "created_at": now, "updated_at": now}
    )  # fmt: skip
    return product


def _apply(product: Record, check: Checker) -> None:
    """Copy the writable data parameters onto a product, or answer 422."""
    changes: dict[str, Any] = {}
    for name in _MONEY:
        amount = check.decimal(name)
        if amount is not None:
            changes[name] = money(amount)
    for field, units in UNITS.items():
        value: Decimal | None = check.decimal(f"{field}_value")
        if value is not None:
            changes[f"{field}_value"] = money(value)
        unit = check.choice(f"{field}_unit", units)
        if unit is not None:
            changes[f"{field}_unit"] = unit
    for name in _FLAGS:
        flag = check.boolean(name)
        if flag is not None:
            changes[name] = flag
    phase = check.integer("phase_id")
    for name in ("short_description", "notes"):
        if check.given(name):
            changes[name] = check.text(name) or ""
    image = check.text(UPLOADED_IMAGE)
    check.done()
    if phase is not None:
        changes["phase_id"] = phase
    if image:
        changes["image_url"] = f"{_IMAGE_HOST}/{product['id']}/{image}"
    product.update(changes)


ROUTES = [
    Route("/product_databases/{db_id}/products", list_products, methods=["GET"]),
    Route("/product_databases/{db_id}/products", create_product, methods=["POST"]),
    Route("/product_databases/{db_id}/products", update_product, methods=["PATCH", "PUT"]),
    Route("/product_databases/{db_id}/products/{id}", get_product, methods=["GET"]),
    Route("/product_databases/{db_id}/products/{id}", update_product, methods=["PATCH", "PUT"]),
]
