"""A project's systems."""

from __future__ import annotations

from starlette.routing import Route

from jbcrm.sandbox.jetbuilt._routes._common import PROJECT, STAMPED, simple_list

ROUTES = [
    Route(f"{PROJECT}/systems", simple_list(STAMPED, "systems"), methods=["GET"]),
]
