"""Lazy pagination: one ``AsyncPaginator`` that iterates items or pages, fetching on demand.

A page strategy only knows "how to ask for the next page" and "how to ask for page n" (for
prefetch). Two strategies exist: :class:`LinkHeaderStrategy` (RFC 8288 ``Link`` headers,
``X-Total-Count``) and :class:`PageNumberStrategy` (``page``/``perpage`` in the query or the
JSON body, stop at an empty or short page).
"""

from __future__ import annotations

import asyncio
import contextlib
import math
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable, Mapping
from typing import Any, Generic, Literal, Protocol, TypeVar

import attrs
import httpx

from jbcrm._core.errors import JBCRMError
from jbcrm._core.links import parse_link_header

T = TypeVar("T")


class PaginationLoopError(JBCRMError):
    """The server's ``next`` page points back to a page already fetched."""


@attrs.frozen
class PageRequest:
    """How to ask for one page: method, path or absolute URL, query, JSON body."""

    url: str
    method: str = "GET"
    params: Mapping[str, Any] | None = None
    json: Mapping[str, Any] | None = None
    number: int | None = None

    def key(self) -> tuple[str, str, str]:
        """Identity of the page, to detect a ``next`` that loops back."""
        return (self.url, repr(sorted((self.params or {}).items())), repr(self.json))


@attrs.frozen
class Page(Generic[T]):
    """One page: its items, where it came from, and what the server said about the rest."""

    items: list[T]
    request: PageRequest
    next: PageRequest | None
    total: int | None = None
    last_number: int | None = None
    links: Mapping[str, str] = attrs.field(factory=dict)
    extras: Mapping[str, Any] = attrs.field(factory=dict)

    @property
    def number(self) -> int | None:
        return self.request.number


class PageStrategy(Protocol):
    """The two hooks a pagination style implements."""

    def first(self, request: PageRequest) -> PageRequest: ...

    def describe(
        self, request: PageRequest, response: httpx.Response, count: int
    ) -> tuple[PageRequest | None, int | None, int | None, Mapping[str, str]]:
        """(next request, total, last page number, links) for a fetched page."""
        ...

    def nth(self, template: PageRequest, number: int) -> PageRequest:
        """The request for page ``number``, shaped like ``template``."""
        ...


def _count(value: str | None) -> int | None:
    """A non-negative decimal number from a header or query value, else None."""
    value = (value or "").strip()
    return int(value) if value.isascii() and value.isdigit() else None


def _page_param(url: str) -> int | None:
    try:
        return _count(httpx.URL(url).params.get("page"))
    except httpx.InvalidURL:
        return None


@attrs.frozen
class LinkHeaderStrategy:
    """Follow ``Link: <...>; rel="next"``; the end is known from ``rel="last"`` or the total."""

    per_page: int = 25

    def first(self, request: PageRequest) -> PageRequest:
        return attrs.evolve(request, number=1)

    def describe(
        self, request: PageRequest, response: httpx.Response, count: int
    ) -> tuple[PageRequest | None, int | None, int | None, Mapping[str, str]]:
        links = parse_link_header(",".join(response.headers.get_list("Link")))
        total = _count(response.headers.get("X-Total-Count"))
        per_page = _count(response.headers.get("X-Per-Page")) or self.per_page
        last = _page_param(links["last"]) if "last" in links else None
        if last is None and total is not None and per_page > 0:
            last = max(1, math.ceil(total / per_page))
        next_url = links.get("next")
        if next_url is None:
            return None, total, last if last is not None else request.number, links
        # The next URL carries the query already; only the method is kept.
        following = PageRequest(next_url, method=request.method, number=_page_param(next_url))
        return following, total, last, links

    def nth(self, template: PageRequest, number: int) -> PageRequest:
        url = httpx.URL(template.url).copy_set_param("page", str(number))
        return attrs.evolve(template, url=str(url), number=number)


@attrs.frozen
class PageNumberStrategy:
    """``page``/``perpage`` from 1, in the query or the JSON body; stop at an empty or short
    page (the server sends no total)."""

    per_page: int = 10
    where: Literal["query", "body"] = "query"
    page_name: str = "page"
    per_page_name: str = "perpage"

    def first(self, request: PageRequest) -> PageRequest:
        return self.nth(request, 1)

    def describe(
        self, request: PageRequest, response: httpx.Response, count: int
    ) -> tuple[PageRequest | None, int | None, int | None, Mapping[str, str]]:
        number = request.number or 1
        if count == 0 or count < self.per_page:
            return None, None, number, {}
        return self.nth(request, number + 1), None, None, {}

    def nth(self, template: PageRequest, number: int) -> PageRequest:
        paging = {self.page_name: number, self.per_page_name: self.per_page}
        if self.where == "body":
            return attrs.evolve(template, json={**(template.json or {}), **paging}, number=number)
        return attrs.evolve(template, params={**(template.params or {}), **paging}, number=number)


Fetch = Callable[[PageRequest], Awaitable[Page[T]]]


class AsyncPaginator(Generic[T]):
    """Iterate items (``async for``) or pages (``.pages()``); nothing is sent until then.

    Breaking out of the loop sends no further requests. When the last page is known, up to
    ``prefetch`` pages are fetched ahead (through the same limiter), still yielded in order;
    ``read_ahead`` allows it when the end is unknown (page-number APIs), at the cost of a few
    requests past the end.
    """

    def __init__(
        self,
        fetch: Fetch[T],
        first: PageRequest,
        *,
        strategy: PageStrategy,
        prefetch: int = 1,
        read_ahead: bool = False,
    ) -> None:
        self._fetch = fetch
        self._strategy = strategy
        self._first = strategy.first(first)
        self._prefetch = max(1, prefetch)
        self._read_ahead = read_ahead
        self.total: int | None = None
        """The collection's size, once the first page said it (``X-Total-Count``)."""
        self.extras: Mapping[str, Any] = {}
        self._first_page: Page[T] | None = None
        """The non-item parts of the first page (e.g. Jetbuilt's ``factors``), once fetched."""

    def __repr__(self) -> str:
        return f"AsyncPaginator({self._first.method} {self._first.url}, total={self.total})"

    def __aiter__(self) -> AsyncIterator[T]:
        return self._items()

    async def _items(self) -> AsyncGenerator[T, None]:
        async with contextlib.aclosing(self.pages()) as pages:
            async for page in pages:
                for item in page.items:
                    yield item

    async def to_list(self, limit: int | None = None) -> list[T]:
        """Every item (or the first ``limit``) as a list; stops fetching once it has enough."""
        items: list[T] = []
        if limit is not None and limit <= 0:
            return items
        async with contextlib.aclosing(self._pages(limit)) as pages:
            async for page in pages:
                items.extend(page.items)
                if limit is not None and len(items) >= limit:
                    return items[:limit]
        return items

    async def first_page(self) -> Page[T]:
        """The first page (fetched now if need be); the next iteration starts from it instead of
        fetching it again. Sets :attr:`total` and :attr:`extras`."""
        if self._first_page is None:
            self._first_page = await self._fetch(self._first)
            self.total, self.extras = self._first_page.total, self._first_page.extras
        return self._first_page

    def pages(self) -> AsyncGenerator[Page[T], None]:
        """Each page in order, as :class:`Page` objects."""
        return self._pages(None)

    async def _pages(self, item_limit: int | None) -> AsyncGenerator[Page[T], None]:
        ahead: dict[int, asyncio.Task[Page[T]]] = {}
        try:
            page = await self.first_page()
            self._first_page = None
            # With a limit on items, prefetch stops at the page that reaches it (pages are
            # numbered from 1 and as full as the first one).
            needed = math.ceil(item_limit / len(page.items)) if item_limit and page.items else None
            seen = {self._first.key()}
            while True:
                yield page
                following = page.next
                if following is None:
                    return
                if following.key() in seen:
                    raise PaginationLoopError(
                        f"the next page ({following.url}) was fetched already; stopping instead "
                        "of looping forever"
                    )
                seen.add(following.key())
                self._schedule(page, following, ahead, needed)
                task = ahead.pop(following.number, None) if following.number else None
                page = await task if task is not None else await self._fetch(following)
        finally:
            for task in ahead.values():
                task.cancel()
            if ahead:
                await asyncio.gather(*ahead.values(), return_exceptions=True)

    def _schedule(
        self,
        page: Page[T],
        following: PageRequest,
        ahead: dict[int, asyncio.Task[Page[T]]],
        needed: int | None,
    ) -> None:
        if self._prefetch <= 1 or following.number is None:
            return
        last = page.last_number
        if last is None and not self._read_ahead:
            return
        first = following.number
        stop = first + self._prefetch - 1
        for bound in (last, needed):
            if bound is not None:
                stop = min(stop, bound)
        for number in range(first, stop + 1):
            if number not in ahead:
                request = following if number == first else self._strategy.nth(following, number)
                ahead[number] = asyncio.ensure_future(self._fetch(request))
