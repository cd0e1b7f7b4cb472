"""Shared by the resource tests: every documented operation, and checks of what was sent."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import httpx
import pytest
import respx

from tests.leak_guard import JETBUILT_TOKEN

#: Every operation of the Jetbuilt document, as attribute paths on a ``Jetbuilt`` client.
OPERATIONS = (
    "company.get",
    "clients.list",
    "clients.get",
    "clients.create",
    "clients.update",
    "clients.contacts.list",
    "clients.contacts.get",
    "clients.contacts.create",
    "clients.contacts.update",
    "market_segments.list",
    "phases.list",
    "products.list",
    "products.get",
    "products.create",
    "products.update",
    "projects.list",
    "projects.get",
    "projects.create",
    "projects.update",
    "projects.revisions.create",
    "projects.items.list",
    "projects.items.create",
    "projects.items.update",
    "projects.options.list",
    "projects.options.get",
    "projects.options.rooms.list",
    "projects.options.rooms.get",
    "projects.options.purchasing.list",
    "projects.rooms.list",
    "projects.rooms.get",
    "projects.systems.list",
    "projects.tags.list",
    "projects.discussions.list",
    "projects.purchasing.list",
    "projects.service_packages.list",
    "projects.service_packages.get",
    "projects.service_packages.update",
    "purchasing.sources.list",
    "purchasing.sources.get",
    "purchase_orders.list",
    "purchase_orders.get",
    "tasks.list",
    "tasks.get",
    "time_sessions.list",
    "time_sessions.get",
    "stock.items.list",
    "stock.items.get",
    "stock.items.create",
    "stock.items.update",
    "stock.items.delete",
    "stock.locations.list",
    "stock.locations.get",
    "stock.locations.create",
    "stock.locations.update",
    "stock.locations.delete",
    "stock.products.list",
    "stock.products.get",
    "stock.products.items.list",
    "users.list",
    "users.get",
    "vendors.list",
    "vendors.get",
    "vendors.products.list",
    "vendors.products.get",
)


def operation(name: str) -> pytest.MarkDecorator:
    """Mark a test (or a parametrized case) as the test of operation ``name``."""
    return pytest.mark.operation(name)


def assert_sent(
    route: respx.Route,
    method: str,
    path: str,
    *,
    query: Mapping[str, str] | None = None,
    body: Any = None,
) -> httpx.Request:
    """Check the last request ``route`` saw: method, path under ``/api``, exact query,
    auth and version headers, and the JSON body (or no body)."""
    request: httpx.Request = route.calls.last.request
    assert request.method == method
    assert request.url.path == f"/api{path}"
    assert dict(request.url.params.multi_items()) == dict(query or {})
    assert request.headers["Authorization"] == f"Token token={JETBUILT_TOKEN}"
    assert request.headers["Accept"] == "application/vnd.jetbuilt.v1"
    if body is None:
        assert request.content == b""
        assert "Content-Type" not in request.headers
    else:
        assert request.headers["Content-Type"] == "application/json"
        assert json.loads(request.content) == body
    return request


def spot(obj: Any, expected: Mapping[str, Any]) -> None:
    """Compare a few attributes of a decoded model; keys may be dotted paths, with list
    indexes (``owner.full_name``, ``comments.0.comment``)."""
    for dotted, value in expected.items():
        current = obj
        for name in dotted.split("."):
            current = current[int(name)] if name.isdigit() else getattr(current, name)
        assert current == value, f"{dotted}: {current!r} != {value!r}"
