"""Every Jetbuilt API route, one module per resource family."""

from __future__ import annotations

from starlette.routing import BaseRoute

from . import (
    clients,
    company,
    items,
    options,
    products,
    projects,
    purchasing,
    stock,
    tasks,
    vendors,
)

ROUTES: list[BaseRoute] = [
    *company.ROUTES,
    *clients.ROUTES,
    *products.ROUTES,
    *vendors.ROUTES,
    *projects.ROUTES,
    *items.ROUTES,
    *options.ROUTES,
    *purchasing.ROUTES,
    *tasks.ROUTES,
    *stock.ROUTES,
]
