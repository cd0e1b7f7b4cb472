"""A project's service packages: list, get, and update of price and cost."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from jbcrm.sandbox.jetbuilt._http import fields, ok, path_id
from jbcrm.sandbox.jetbuilt._routes._common import PROJECT, by_id, paged_in, project_and_detail
from jbcrm.sandbox.jetbuilt._store import touch
from jbcrm.sandbox.jetbuilt._validate import Checker
from jbcrm.sandbox.jetbuilt._wire import money


async def list_service_packages(request: Request) -> Response:
    """GET /projects/<PROJECT_ID>/service_packages: `{"service_packages": [...]}`, paged."""
    _, detail = project_and_detail(request)
    return paged_in(request, "service_packages", detail.service_packages)


async def get_service_package(request: Request) -> Response:
    """GET /projects/<PROJECT_ID>/service_packages/<ID>."""
    _, detail = project_and_detail(request)
    return ok(by_id(detail.service_packages, path_id(request)))


async def update_service_package(request: Request) -> Response:
    """PUT or PATCH /projects/<PROJECT_ID>/service_packages/<ID>: price and cost."""
    project, detail = project_and_detail(request)
    package = by_id(detail.service_packages, path_id(request))
    check = Checker(await fields(request, str(package["id"])))
    amounts = {name: check.decimal(name) for name in ("price", "cost")}
    check.done()
    package.update({name: money(value) for name, value in amounts.items() if value is not None})
    touch(project)
    return ok(package)


ROUTES = [
    Route(f"{PROJECT}/service_packages", list_service_packages, methods=["GET"]),
    Route(f"{PROJECT}/service_packages/{{id}}", get_service_package, methods=["GET"]),
    Route(f"{PROJECT}/service_packages/{{id}}", update_service_package, methods=["PATCH", "PUT"]),
]
