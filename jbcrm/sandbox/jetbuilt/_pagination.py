"""Jetbuilt pagination: 25 per page, `?page=`, `X-Total-Count`, and an RFC 5988 `Link` header.

Links are absolute, built from the request's own URL (so they work in-process and on
loopback) with every other query parameter kept, in the order first, prev, last, next,
one entry per line as the API prints them. The first page has no first/prev, the last
page no last/next; a page past the end is an empty list.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from starlette.requests import Request

PER_PAGE = 25
LINK_SEPARATOR = ",\n  "

T = TypeVar("T")


def page_number(request: Request) -> int:
    """The requested page; missing, unreadable or below 1 means the first."""
    text = request.query_params.get("page", "1").strip()
    return max(1, int(text)) if text.isdigit() else 1


def paginate(request: Request, items: Sequence[T]) -> tuple[list[T], dict[str, str]]:
    """The slice of `items` for the requested page, and the headers describing the pages."""
    page = page_number(request)
    last = max(1, -(-len(items) // PER_PAGE))
    start = (page - 1) * PER_PAGE
    headers = {"X-Total-Count": str(len(items)), "X-Per-Page": str(PER_PAGE)}
    links = []
    if page > 1:
        links.append((1, "first"))
        links.append((page - 1, "prev"))
    if page < last:
        links.append((last, "last"))
        links.append((page + 1, "next"))
    if links:
        headers["Link"] = LINK_SEPARATOR.join(
            f'<{request.url.include_query_params(page=number)}>; rel="{rel}"'
            for number, rel in links
        )
    return list(items[start : start + PER_PAGE]), headers
