"""Purchase orders: list with filters, and one order with its consolidated line items."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from jbcrm.sandbox.jetbuilt._http import find, ok, path_id, store_of
from jbcrm.sandbox.jetbuilt._routes._common import int_param, paged, within_times
from jbcrm.sandbox.jetbuilt._serialize import purchasing_groups
from jbcrm.sandbox.jetbuilt._store import public


async def list_purchase_orders(request: Request) -> Response:
    """GET /purchase_orders, optionally by `project_id` and created/updated times."""
    orders = within_times(request, list(store_of(request).purchase_orders.values()))
    project = int_param(request, "project_id")
    if project is not None:
        orders = [o for o in orders if o["project_id"] == project]
    return paged(request, orders)


async def get_purchase_order(request: Request) -> Response:
    """GET /purchase_orders/<ID>: with its consolidated line items."""
    store = store_of(request)
    order = find(store.purchase_orders, path_id(request))
    body = public(order)
    groups = []
    if order["project_id"] in store.projects:
        items = store.detail(order["project_id"]).line_items
        groups = purchasing_groups(store, items, sold_change_order=None)
        sourced = [
            g for g in groups if (g["source"] or {}).get("id") == order["purchasing_source_id"]
        ]
        groups = sourced or groups[:3]
    body["line_items"] = groups
    return ok(body)


ROUTES = [
    Route("/purchase_orders", list_purchase_orders, methods=["GET"]),
    Route("/purchase_orders/{id}", get_purchase_order, methods=["GET"]),
]
