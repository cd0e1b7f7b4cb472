"""Purchasing sources, and a project's purchasing view (its items consolidated by source)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from jbcrm.sandbox.jetbuilt._http import find, ok, path_id, store_of
from jbcrm.sandbox.jetbuilt._routes._common import PROJECT, paged, paged_in, project_and_detail
from jbcrm.sandbox.jetbuilt._serialize import purchasing_groups
from jbcrm.sandbox.jetbuilt._store import public


async def list_sources(request: Request) -> Response:
    """GET /purchasing/sources."""
    return paged(request, list(store_of(request).sources.values()))


async def get_source(request: Request) -> Response:
    """GET /purchasing/sources/<ID>."""
    return ok(public(find(store_of(request).sources, path_id(request))))


async def list_purchasing(request: Request) -> Response:
    """GET /projects/<PROJECT_ID>/purchasing: consolidated items, paged."""
    _, detail = project_and_detail(request)
    groups = purchasing_groups(store_of(request), detail.line_items, sold_change_order=False)
    return paged_in(request, "line_items", groups)


ROUTES = [
    Route("/purchasing/sources", list_sources, methods=["GET"]),
    Route("/purchasing/sources/{id}", get_source, methods=["GET"]),
    Route(f"{PROJECT}/purchasing", list_purchasing, methods=["GET"]),
]
