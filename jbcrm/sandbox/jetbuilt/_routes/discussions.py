"""A project's discussions and their comments."""

from __future__ import annotations

from starlette.routing import Route

from jbcrm.sandbox.jetbuilt._routes._common import PROJECT, simple_list

ROUTES = [
    Route(
        f"{PROJECT}/discussions",
        simple_list(("id", "title", "comments"), "discussions"),
        methods=["GET"],
    ),
]
