"""Helpers every route family uses: paged answers and the shared query filters."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from .._http import APIError, ok
from .._pagination import paginate
from .._store import Record, public
from .._wire import parse_loose, parse_stamp

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
