"""Purchasing sources, and a project's purchasing view (its items consolidated by source)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from jbcrm.sandbox.jetbuilt._http import store_of
from jbcrm.sandbox.jetbuilt._routes._common import PROJECT, collection, paged_in, project_and_detail
from jbcrm.sandbox.jetbuilt._serialize import purchasing_groups


async def list_purchasing(request: Request) -> Response:
    """GET /projects/<PROJECT_ID>/purchasing: consolidated items, paged."""
    _, detail = project_and_detail(request)
    groups = purchasing_groups(store_of(request), detail.line_items, sold_change_order=False)
    return paged_in(request, "line_items", groups)


ROUTES = [
    *collection("/purchasing/sources", "sources"),
    Route(f"{PROJECT}/purchasing", list_purchasing, methods=["GET"]),
]
