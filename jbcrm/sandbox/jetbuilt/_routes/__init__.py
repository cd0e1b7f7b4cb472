"""Every Jetbuilt API route, one module per resource family."""

from __future__ import annotations

from starlette.routing import BaseRoute

from jbcrm.sandbox.jetbuilt._routes import (
    clients,
    company,
    discussions,
    items,
    market_segments,
    options,
    phases,
    products,
    projects,
    purchase_orders,
    purchasing,
    rooms,
    service_packages,
    stock,
    systems,
    tags,
    tasks,
    time_sessions,
    users,
    vendors,
)

ROUTES: list[BaseRoute] = [
    *company.ROUTES,
    *users.ROUTES,
    *phases.ROUTES,
    *market_segments.ROUTES,
    *clients.ROUTES,
    *products.ROUTES,
    *vendors.ROUTES,
    *projects.ROUTES,
    *items.ROUTES,
    *rooms.ROUTES,
    *systems.ROUTES,
    *tags.ROUTES,
    *discussions.ROUTES,
    *service_packages.ROUTES,
    *options.ROUTES,
    *purchasing.ROUTES,
    *purchase_orders.ROUTES,
    *tasks.ROUTES,
    *time_sessions.ROUTES,
    *stock.ROUTES,
]
