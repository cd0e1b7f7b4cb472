"""Connected vendors of a product database and their products with dealer pricing."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from jbcrm.sandbox.jetbuilt._http import APIError, find, not_found, ok, path_id, store_of
from jbcrm.sandbox.jetbuilt._routes._common import int_param, paged
from jbcrm.sandbox.jetbuilt._serialize import vendor_products
from jbcrm.sandbox.jetbuilt._store import Record, public
from jbcrm.sandbox.jetbuilt._wire import to_bool


def _vendors(request: Request) -> dict[int, Record]:
    found = store_of(request).vendors.get(path_id(request, "db_id"))
    if found is None:
        raise not_found()
    return found


def _approved_vendor(request: Request) -> Record:
    vendor = find(_vendors(request), path_id(request, "vendor_id"))
    if vendor["dealer_pricing_status"] != "approved":
        raise APIError(
            403, {"error": "The dealer pricing integration must be approved for this vendor"}
        )
    return vendor


async def list_vendors(request: Request) -> Response:
    """GET /product_databases/<DB_ID>/vendors."""
    return paged(request, list(_vendors(request).values()))


async def get_vendor(request: Request) -> Response:
    """GET /product_databases/<DB_ID>/vendors/<ID>."""
    return ok(public(find(_vendors(request), path_id(request))))


async def list_vendor_products(request: Request) -> Response:
    """GET .../vendors/<VENDOR_ID>/products (`distributed_products`, `manufacturer_id`)."""
    vendor = _approved_vendor(request)
    distributed = to_bool(request.query_params.get("distributed_products", "false")) or False
    maker = int_param(request, "manufacturer_id")
    return paged(request, vendor_products(store_of(request), vendor, distributed, maker))


async def get_vendor_product(request: Request) -> Response:
    """GET .../vendors/<VENDOR_ID>/products/<ID>: answered as a one-element array."""
    vendor = _approved_vendor(request)
    product = find(store_of(request).catalog, path_id(request))
    makers = set(vendor["_manufactured"]) | set(vendor["_distributed"])
    if product["_manufacturer_id"] not in makers:
        raise not_found()
    return ok([public(product)])


ROUTES = [
    Route("/product_databases/{db_id}/vendors", list_vendors, methods=["GET"]),
    Route("/product_databases/{db_id}/vendors/{id}", get_vendor, methods=["GET"]),
    Route(
        "/product_databases/{db_id}/vendors/{vendor_id}/products",
        list_vendor_products,
        methods=["GET"],
    ),
    Route(
        "/product_databases/{db_id}/vendors/{vendor_id}/products/{id}",
        get_vendor_product,
        methods=["GET"],
    ),
]
