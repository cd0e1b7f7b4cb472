"""Market segments, optionally of one office."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from jbcrm.sandbox.jetbuilt._http import store_of
from jbcrm.sandbox.jetbuilt._routes._common import int_param, paged


async def list_market_segments(request: Request) -> Response:
    """GET /market_segments, optionally `?office_id=`."""
    segments = list(store_of(request).market_segments.values())
    office = int_param(request, "office_id")
    if office is not None:
        segments = [s for s in segments if s["office_id"] == office]
    return paged(request, segments)


ROUTES = [
    Route("/market_segments", list_market_segments, methods=["GET"]),
]
