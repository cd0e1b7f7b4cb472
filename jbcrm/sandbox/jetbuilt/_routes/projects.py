"""Projects: list with filters, get, create, update, and new revisions (versions)."""

from __future__ import annotations

from decimal import Decimal

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from jbcrm.sandbox.jetbuilt._detail import blank_detail
from jbcrm.sandbox.jetbuilt._http import fields, find, ok, path_id, store_of
from jbcrm.sandbox.jetbuilt._names import AVSO_REGIONS, PROJECT_TYPES, STAGES
from jbcrm.sandbox.jetbuilt._routes._common import paged, within_times
from jbcrm.sandbox.jetbuilt._seed_projects import user_ref
from jbcrm.sandbox.jetbuilt._serialize import (
    PROJECT_GET_KEYS,
    PROJECT_LIST_KEYS,
    project_full,
    project_summary,
)
from jbcrm.sandbox.jetbuilt._store import Record, Store
from jbcrm.sandbox.jetbuilt._validate import Checker
from jbcrm.sandbox.jetbuilt._wire import cents, money, now_stamp

_TEXT = {"custom_id": "custom_id", "short_description": "short_description", "city": "city",
         "state": "state", "street_address": "address", "zipcode": "zipcode",
         "country": "country", "contract_number": "contract_number"}  # fmt: skip
_PEOPLE = {"user_id": "owner", "project_manager_id": "project_manager",
           "engineer_id": "engineer", "second_engineer_id": "second_engineer"}  # fmt: skip


async def list_projects(request: Request) -> Response:
    """GET /projects: active versions only; time filters and `stage`."""
    projects = within_times(request, store_of(request).listed_projects())
    stage = request.query_params.get("stage")
    if stage:
        projects = [p for p in projects if p["stage"] == stage]
    return paged(request, projects, project_summary)


async def get_project(request: Request) -> Response:
    """GET /projects/<ID>: with rooms, systems, tags, phases, labor, bundles and versions."""
    store = store_of(request)
    return ok(project_full(store, find(store.projects, path_id(request))))


async def create_project(request: Request) -> Response:
    """POST /projects: `location_id`, `user_id`, `client_id` and `name` required."""
    store = store_of(request)
    check = Checker(await fields(request, "project"))
    check.required("location_id", "user_id", "client_id", "name")
    office_id = check.integer("location_id")
    office = store.office(office_id) if office_id is not None else None
    if office_id is not None and office is None:
        check.fail("location", "must exist")
    client = check.reference("client_id", store.clients, "client")
    now = now_stamp()
    project: Record = dict.fromkeys((*PROJECT_LIST_KEYS, *PROJECT_GET_KEYS))
    project_id = store.new_id(store.projects)
    currency = "GBP" if office is not None and office["country"] == "GB" else "USD"
    project.update(
        {"id": project_id, "payment_schedule": "", "version": "1.0", "probability": "0.0",
         "created_at": now, "updated_at": now, "paid_to_date": cents(Decimal(0), currency),
         "stage": "opportunity", "labor_tax": "0.0", "requires_engineering?": False,
         "avso": False, "project_type": "project", "sales_tax": "0.0", "total_margin": "0.0",
         "equipment_margin": "0.0", "equipment_total": "0.0", "labor_total": "0.0",
         "shipping_total": "0.0", "tax_total": "0.0", "total": "0.0", "currency": currency,
         "exchange_rates": {}, "image_url": "projects/project-avatar-1.jpg", "active": True,
         "shared": False, "original_version_id": project_id, "_listed": True}
    )  # fmt: skip
    if office is not None:
        project["company_location"] = {"id": office["id"], "name": office["name"]}
    if client is not None:
        project["client"] = {"id": client["id"]}
    _apply(store, project, check, creating=True)
    store.projects[project_id] = project
    store.details[project_id] = blank_detail(store)
    return ok(project_full(store, project), status=201)


async def update_project(request: Request) -> Response:
    """PATCH or PUT /projects/<ID>."""
    store = store_of(request)
    project = find(store.projects, path_id(request))
    data = await fields(request, str(project["id"]))
    if "close_date_" in data:
        data.setdefault("close_date", data.pop("close_date_"))
    check = Checker(data)
    if check.given("name"):
        check.required("name")
    project["stage"] = check.choice("stage", STAGES) or project["stage"]
    _apply(store, project, check, creating=False)
    project["updated_at"] = now_stamp()
    return ok(project_full(store, project))


def _apply(store: Store, project: Record, check: Checker, *, creating: bool) -> None:
    people = {key: check.reference(name, store.users, name[:-3]) for name, key in _PEOPLE.items()}
    segment = check.reference("market_segment_id", store.market_segments, "market_segment")
    contact = check.reference("primary_contact_id", store.contacts, "primary_contact")
    amounts = {
        name: check.decimal(name) for name in ("budget", "paid_to_date", "probability", "tax")
    }
    probability = amounts["probability"]
    if probability is not None and not 0 <= probability <= 1:
        check.fail("probability", "must be between 0 and 1")
    days = {name: check.day(name) for name in ("close_date", "price_valid_until")}
    project_type = check.choice("project_type", PROJECT_TYPES)
    avso = check.boolean("avso")
    check.done()
    for key, user in people.items():
        if user is not None:
            project[key] = user_ref(user)
    if segment is not None:
        project["market_segment"] = {"id": segment["id"]}
    if contact is not None:
        project["primary_contact"] = {"id": contact["id"]}
    if amounts["budget"] is not None:
        project["budget"] = money(amounts["budget"])
    if amounts["paid_to_date"] is not None:
        project["paid_to_date"] = cents(amounts["paid_to_date"], project["currency"])
    if probability is not None:
        project["probability"] = money(probability)
    if amounts["tax"] is not None:
        project["sales_tax"] = money(amounts["tax"])
    for name, day in days.items():
        if day is not None:
            project[name] = day.isoformat()
    if project_type is not None:
        project["project_type"] = project_type
    if avso is not None:
        project["avso"] = avso
    if check.given("avso_region"):
        region = check.text("avso_region")
        project["avso_region"] = region if region in AVSO_REGIONS else None
    for name, key in _TEXT.items():
        if check.given(name):
            project[key] = check.text(name)
    if check.given("name"):
        project["name"] = check.text("name")
    if creating and check.given("currency"):
        project["currency"] = (check.text("currency") or project["currency"]).upper()


async def create_revision(request: Request) -> Response:
    """POST /projects/<PROJECT_ID>/revisions: a new version becomes the active one."""
    store = store_of(request)
    source = find(store.projects, path_id(request, "project_id"))
    check = Checker(await fields(request, "revision"))
    check.done()
    revision = dict(source)
    revision_id = store.new_id(store.projects)
    now = now_stamp()
    siblings = [p for p in store.projects.values()
                if p["original_version_id"] == source["original_version_id"]]  # fmt: skip
    revision.update(
        id=revision_id,
        version=check.text("name") or f"1.{len(siblings)}",
        created_at=now,
        updated_at=now,
        _description=check.text("description"),
        _listed=True,
    )
    for sibling in siblings:
        sibling["_listed"] = False
    store.copy_detail(source["id"], revision_id)
    store.projects[revision_id] = revision
    return ok(project_full(store, revision), status=201)


ROUTES = [
    Route("/projects", list_projects, methods=["GET"]),
    Route("/projects", create_project, methods=["POST"]),
    Route("/projects/{id}", get_project, methods=["GET"]),
    Route("/projects/{id}", update_project, methods=["PATCH", "PUT"]),
    Route("/projects/{project_id}/revisions", create_revision, methods=["POST"]),
]
