"""Project phases."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from jbcrm.sandbox.jetbuilt._http import store_of
from jbcrm.sandbox.jetbuilt._routes._common import paged


async def list_phases(request: Request) -> Response:
    """GET /phases."""
    return paged(request, list(store_of(request).phases.values()))


ROUTES = [
    Route("/phases", list_phases, methods=["GET"]),
]
