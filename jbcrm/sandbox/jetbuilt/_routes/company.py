"""The company, with its office locations and their product databases."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from jbcrm.sandbox.jetbuilt._http import ok, store_of


async def get_company(request: Request) -> Response:
    """GET /company: the company with its office locations and their product databases."""
    return ok(store_of(request).company)


ROUTES = [
    Route("/company", get_company, methods=["GET"]),
]
