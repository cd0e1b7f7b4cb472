"""A project's tags."""

from __future__ import annotations

from starlette.routing import Route

from jbcrm.sandbox.jetbuilt._routes._common import PROJECT, STAMPED, simple_list

ROUTES = [
    Route(f"{PROJECT}/tags", simple_list(STAMPED, "tags"), methods=["GET"]),
]
