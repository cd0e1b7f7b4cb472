"""Every Jetbuilt API route, one module per resource family."""

from __future__ import annotations

from starlette.routing import BaseRoute

from . import (
    clients,
    company,
    options,
    products,
    project_parts,
    projects,
    purchasing,
    stock,
    vendors,
    work,
)

ROUTES: list[BaseRoute] = [
    *company.ROUTES,
    *clients.ROUTES,
    *products.ROUTES,
    *vendors.ROUTES,
    *projects.ROUTES,
    *project_parts.ROUTES,
    *options.ROUTES,
    *purchasing.ROUTES,
    *work.ROUTES,
    *stock.ROUTES,
]
