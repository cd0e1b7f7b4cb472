"""Lazy pagination: one ``AsyncPaginator`` that iterates items or pages, fetching on demand.

A page strategy only knows "how to ask for the next page" and "how to ask for page n" (for
prefetch). Two strategies exist: :class:`LinkHeaderStrategy` (RFC 8288 ``Link`` headers,
``X-Total-Count``) and :class:`PageNumberStrategy` (``page``/``perpage`` in the query or the
JSON body, stop at an empty or short page). The :class:`~jbcrm._core.pageguard.PageGuard`
catches servers whose pages repeat and drops records that come back twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import math
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable, Mapping, Sequence
from typing import Any, Generic, Literal, Protocol, TypeVar, overload

import attrs
import httpx

from jbcrm._core.errors import InvalidArgumentError, JBCRMError
from jbcrm._core.links import parse_link_header
from jbcrm._core.models import UndecodedRecord
from jbcrm._core.pageguard import PageGuard, PaginatorStats

T = TypeVar("T")


#: What a listing does with a record that does not fit its model: raise
#: :class:`~jbcrm.ResponseDecodeError` (``"raise"``), or yield it as an
#: :class:`~jbcrm.UndecodedRecord` and go on (``"keep_raw"``).
DecodeMode = Literal["raise", "keep_raw"]
#: Decodes the records of a fetched page at the given positions (all of them for ``None``).
Decode = Callable[[Sequence[int] | None, DecodeMode], list[Any]]

#: A count or page number longer than this is not believed (and never costs an int parse).
MAX_COUNT_DIGITS = 15


class PaginationLoopError(JBCRMError):
    """The server's pages repeat: a ``next`` page already fetched, or a page whose content
    (its records' ids, or its body) was already seen."""


@attrs.frozen
class PageRequest:
    """How to ask for one page: method, path or absolute URL, query, JSON body."""

    url: str
    method: str = "GET"
    params: Mapping[str, Any] | None = None
    json: Mapping[str, Any] | None = None
    number: int | None = None
    #: Page-number listings: the most records a page of this listing has held so far (the
    #: page size the server really serves, which may be less than the one asked for).
    largest: int | None = None
    #: Asked for only to check that the short page before it was the end: a repeat of that
    #: page (a server that ignores ``page``) confirms it was.
    confirms_end: bool = False

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
    #: A digest of the page's body, to recognise a repeated page whose records have no ids.
    fingerprint: bytes | None = attrs.field(default=None, repr=False)
    #: Set while the page is only fetched: ``items`` holds the records' JSON, and this decodes
    #: them once the page is read (a prefetched page costs no decoding while it waits).
    _decode: Decode | None = attrs.field(default=None, repr=False, eq=False)

    @property
    def number(self) -> int | None:
        return self.request.number


@attrs.frozen
class PageInfo:
    """What a fetched page says about the rest of the listing."""

    next: PageRequest | None
    total: int | None = None
    last_number: int | None = None
    links: Mapping[str, str] = attrs.field(factory=dict)


class PageStrategy(Protocol):
    """The hooks a pagination style implements."""

    def first(self, request: PageRequest) -> PageRequest: ...

    def describe(self, request: PageRequest, response: httpx.Response, count: int) -> PageInfo:
        """What a fetched page of ``count`` records says about the rest."""
        ...

    def nth(self, template: PageRequest, number: int) -> PageRequest:
        """The request for page ``number``, shaped like ``template``."""
        ...


def _count(value: str | None) -> int | None:
    """A non-negative decimal number from a header or query value, else None (also for a
    number too long to be true)."""
    value = (value or "").strip()
    if len(value) > MAX_COUNT_DIGITS or not (value.isascii() and value.isdigit()):
        return None
    return int(value)


def _page_param(url: str) -> int | None:
    try:
        return _count(httpx.URL(url).params.get("page"))
    except httpx.InvalidURL:
        return None


@attrs.frozen
class LinkHeaderStrategy:
    """Follow ``Link: <...>; rel="next"``; the end is known from ``rel="last"`` or the total."""

    per_page: int

    def first(self, request: PageRequest) -> PageRequest:
        return attrs.evolve(request, number=1)

    def describe(self, request: PageRequest, response: httpx.Response, count: int) -> PageInfo:
        links = parse_link_header(",".join(response.headers.get_list("Link")))
        total = _count(response.headers.get("X-Total-Count"))
        per_page = _count(response.headers.get("X-Per-Page")) or self.per_page
        last = _page_param(links["last"]) if "last" in links else None
        if last is None and total is not None and per_page > 0:
            last = max(1, -(-total // per_page))
        next_url = links.get("next")
        if next_url is None:
            return PageInfo(None, total, last if last is not None else request.number, links)
        # The next URL carries the query already; only the method is kept.
        following = PageRequest(next_url, method=request.method, number=_page_param(next_url))
        return PageInfo(following, total, last, links)

    def nth(self, template: PageRequest, number: int) -> PageRequest:
        url = httpx.URL(template.url).copy_set_param("page", str(number))
        return attrs.evolve(template, url=str(url), number=number)


@attrs.frozen
class PageNumberStrategy:
    """``page``/``perpage`` from 1, in the query or the JSON body; stop at an empty page, or at
    a page shorter than the server has shown it serves (it sends no total).

    A server may cap ``perpage`` below what was asked, so a short page proves the end only
    once a page of the listing was longer. When the very first page is short, one more page is
    asked for to tell the end from a cap: one extra request for a listing that fits in one
    page, none for longer ones."""

    per_page: int
    where: Literal["query", "body"] = "query"
    page_name: str = "page"
    per_page_name: str = "perpage"

    def first(self, request: PageRequest) -> PageRequest:
        return self.nth(request, 1)

    def describe(self, request: PageRequest, response: httpx.Response, count: int) -> PageInfo:
        number = request.number or 1
        largest = request.largest
        if count == 0 or (largest is not None and count < largest):
            return PageInfo(None, last_number=number)
        following = attrs.evolve(
            self.nth(request, number + 1),
            largest=max(count, largest or 0),
            confirms_end=largest is None and count < self.per_page,
        )
        return PageInfo(following)

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

    A record that does not fit its model raises :class:`~jbcrm.ResponseDecodeError` naming the
    model, the field and the record's index; :meth:`on_decode_error` with ``"keep_raw"`` yields
    it as an :class:`~jbcrm.UndecodedRecord` instead, so one odd record does not stop a sync.

    Pages that repeat (the server ignores ``page``, a ``next`` link with a cache-buster or back
    to an earlier page) raise :class:`PaginationLoopError` before any repeated record is
    yielded. Records that come back on a later page (inserted records shift offset pages) are
    dropped by id, and counted in :attr:`stats`; pass ``dedupe=False`` (or set
    :attr:`dedupe`) to keep them. Offset pages can also *miss* a record when another one is
    deleted between two pages: no client can see that; list again to be sure.
    """

    def __init__(
        self,
        fetch: Fetch[T],
        first: PageRequest,
        *,
        strategy: PageStrategy,
        prefetch: int = 1,
        read_ahead: bool = False,
        dedupe: bool = True,
    ) -> None:
        self._mode: DecodeMode = "raise"
        self._fetch = fetch
        self._strategy = strategy
        self._first = strategy.first(first)
        self._prefetch = max(1, prefetch)
        self._read_ahead = read_ahead
        self.total: int | None = None
        """The collection's size, once the first page said it (``X-Total-Count``)."""
        self.extras: Mapping[str, Any] = {}
        """The non-item parts of the first page (e.g. Jetbuilt's ``factors``), once fetched."""
        self.dedupe = dedupe
        """Whether records already yielded (same id) are dropped when a later page repeats
        them."""
        self.stats = PaginatorStats()
        """Pages and items yielded by the latest iteration, and repeated records dropped."""
        self._first_page: Page[T] | None = None
        self._first_decoded: Page[T] | None = None

    @overload
    def on_decode_error(self, mode: Literal["raise"]) -> AsyncPaginator[T]: ...

    @overload
    def on_decode_error(self, mode: Literal["keep_raw"]) -> AsyncPaginator[T | UndecodedRecord]: ...

    def on_decode_error(self, mode: DecodeMode) -> AsyncPaginator[Any]:
        """A copy of this paginator that treats records that do not fit the model this way:
        ``"raise"`` (the default) or ``"keep_raw"``, which yields each such record as an
        :class:`~jbcrm.UndecodedRecord` (its ``raw`` JSON and the ``error``) and goes on."""
        if mode not in ("raise", "keep_raw"):
            raise InvalidArgumentError(
                f"on_decode_error must be 'raise' or 'keep_raw', got {mode!r}"
            )
        clone = copy.copy(self)
        clone._mode = mode
        clone._first_decoded = None
        return clone

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
            self._first_decoded = None
        if self._first_decoded is None:
            self._first_decoded = self._decoded(self._first_page, None)
        return self._first_decoded

    def _decoded(self, page: Page[T], positions: Sequence[int] | None) -> Page[T]:
        if page._decode is None:
            return page
        return attrs.evolve(page, items=page._decode(positions, self._mode), decode=None)

    def pages(self) -> AsyncGenerator[Page[T], None]:
        """Each page in order, as :class:`Page` objects."""
        return self._pages(None)

    async def _pages(self, item_limit: int | None) -> AsyncGenerator[Page[T], None]:
        ahead: dict[int, asyncio.Task[Page[T]]] = {}
        try:
            first_decoded: Page[T] | None = await self.first_page()
            page = self._first_page
            assert page is not None
            self._first_page = self._first_decoded = None
            # With a limit on items, prefetch stops at the page that reaches it (pages are
            # numbered from 1 and as full as the first one).
            needed = math.ceil(item_limit / len(page.items)) if item_limit and page.items else None
            guard = PageGuard(dedupe=self.dedupe)
            self.stats = guard.stats
            guard.request_repeats(self._first.key())
            while True:
                items, repeated = guard.admit(page.items, page.fingerprint)
                if page.request.confirms_end and (repeated is not None or not page.items):
                    return
                if repeated is not None:
                    raise PaginationLoopError(
                        f"page {page.number or '?'} ({page.request.url}) is a repeat: {repeated}; "
                        "stopping instead of looping forever",
                        hint="the server may ignore the page parameter, or records were added "
                        "faster than the listing read them",
                    )
                if len(items) == len(page.items):
                    page = self._decoded(page, None) if first_decoded is None else first_decoded
                else:
                    kept = {id(item) for item in items}
                    positions = [i for i, item in enumerate(page.items) if id(item) in kept]
                    page = self._decoded(page, positions)
                first_decoded = None
                guard.count(len(page.items))
                yield page
                following = page.next
                # An empty page after the first ends the listing (Jetbuilt answers `[]` past
                # the end; a server that links to empty pages forever ends here too).
                if following is None or (not page.items and guard.stats.pages > 1):
                    return
                if guard.request_repeats(following.key()):
                    raise PaginationLoopError(
                        f"the next page ({following.url}) was fetched already; stopping instead "
                        "of looping forever"
                    )
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
