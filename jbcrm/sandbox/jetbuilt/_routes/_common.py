"""Helpers every route family uses: paged answers, the shared query filters, a project's
content and its nested records."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from jbcrm.sandbox.jetbuilt._http import APIError, find, not_found, ok, path_id, store_of
from jbcrm.sandbox.jetbuilt._pagination import paginate
from jbcrm.sandbox.jetbuilt._store import ProjectDetail, Record, Store, public
from jbcrm.sandbox.jetbuilt._wire import parse_loose, parse_stamp

#: Where the routes of a project's content start.
PROJECT = "/projects/{project_id}"
#: The keys of the records a project lists with their timestamps (systems, tags).
STAMPED = ("id", "name", "created_at", "updated_at")
TIME_FILTERS = (
    ("min_created_at", "created_at", 1),
    ("max_created_at", "created_at", -1),
    ("min_updated_at", "updated_at", 1),
    ("max_updated_at", "updated_at", -1),
)


def paged(
    request: Request, items: Sequence[Record], render: Callable[[Record], Record] = public
) -> Response:
    """One page of a collection as a JSON array (each record rendered), with page headers."""
    page, headers = paginate(request, items)
    return ok([render(record) for record in page], headers=headers)


def paged_in(request: Request, key: str, items: Sequence[Any], **extra: object) -> Response:
    """One page of `items` wrapped as `{key: [...], **extra}`, with the pagination headers."""
    page, headers = paginate(request, items)
    return ok({key: page, **extra}, headers=headers)


def paged_body(request: Request, body: Record, items: Sequence[Any]) -> Response:
    """A single record whose nested `line_items` are paginated (the other keys always whole)."""
    page, headers = paginate(request, items)
    body["line_items"] = page
    return ok(body, headers=headers)


def created(table: dict[int, Record], record: Record) -> Response:
    """Keep a new record in its collection and answer 201 with it."""
    table[record["id"]] = record
    return ok(public(record), status=201)


def within_times(request: Request, records: list[Record]) -> list[Record]:
    """Apply `min_/max_created_at` and `min_/max_updated_at` (inclusive; loose dates, UTC)."""
    for param, field, direction in TIME_FILTERS:
        text = request.query_params.get(param)
        if not text:
            continue
        bound = parse_loose(text)
        if bound is None:
            raise APIError(400, {"error": f"{param} is not a valid date or date time"})
        records = [
            r for r in records if (parse_stamp(r[field]) - bound).total_seconds() * direction >= 0
        ]
    return records


def int_param(request: Request, name: str) -> int | None:
    """An integer query parameter; present but unreadable is a bad request."""
    text = request.query_params.get(name)
    if text is None or text == "":
        return None
    if not text.strip().isdigit():
        raise APIError(400, {"error": f"{name} must be an integer"})
    return int(text)


def project_and_detail(request: Request) -> tuple[Record, ProjectDetail]:
    """The project named by `<PROJECT_ID>` and its content, or 404."""
    store = store_of(request)
    project = find(store.projects, path_id(request, "project_id"))
    return project, store.detail(project["id"])


def by_id(records: list[Record], record_id: int) -> Record:
    """A nested record by id, or 404."""
    for record in records:
        if record["id"] == record_id:
            return record
    raise not_found()


def simple_list(keys: tuple[str, ...], attribute: str) -> Any:
    """An endpoint listing a project's ``attribute`` records, each cut to ``keys``."""

    async def endpoint(request: Request) -> Response:
        _, detail = project_and_detail(request)
        records = getattr(detail, attribute)
        return paged(request, records, lambda r: {k: r[k] for k in keys})

    endpoint.__doc__ = f"GET /projects/<PROJECT_ID>/{attribute}."
    return endpoint


def collection(
    path: str, attribute: str, render: Callable[[Store, Record], Record] = lambda _, r: public(r)
) -> list[Route]:
    """``GET <path>`` (paged) and ``GET <path>/<ID>`` of the store's ``attribute`` records, each
    shown by ``render`` (by default as kept)."""

    async def listing(request: Request) -> Response:
        store = store_of(request)
        records = list(getattr(store, attribute).values())
        return paged(request, records, lambda record: render(store, record))

    async def one(request: Request) -> Response:
        store = store_of(request)
        return ok(render(store, find(getattr(store, attribute), path_id(request))))

    listing.__doc__, one.__doc__ = f"GET {path}.", f"GET {path}/<ID>."
    return [
        Route(path, listing, methods=["GET"]),
        Route(f"{path}/{{id}}", one, methods=["GET"]),
    ]
