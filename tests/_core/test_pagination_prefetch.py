"""The paginator's pages ahead and its cached first page, against a fetch function (no HTTP):
what is fetched, when, and what becomes of pages fetched ahead that nobody reads."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

import attrs
import pytest

from jbcrm._core.errors import InvalidArgumentError
from jbcrm._core.pagination import (
    AsyncPaginator,
    Page,
    PageNumberStrategy,
    PageRequest,
    PaginationLoopError,
)

PER_PAGE = 3
STRATEGY = PageNumberStrategy(PER_PAGE)


class Pages:
    """Pages 1..``last`` of ``PER_PAGE`` records each, the end known from the first page on.
    Pages from ``stall`` on take ``stall_seconds`` to arrive."""

    def __init__(self, last: int = 5, *, stall: int | None = None, stall_seconds: float = 2.0):
        self.last, self.stall, self.stall_seconds = last, stall, stall_seconds
        self.fetched: list[int] = []
        self.cancelled: list[int] = []
        self.generation = 0

    async def __call__(self, request: PageRequest) -> Page[dict[str, Any]]:
        number = request.number or 1
        self.fetched.append(number)
        try:
            if self.stall is not None and number >= self.stall:
                await asyncio.sleep(self.stall_seconds)
            await asyncio.sleep(0)
        except asyncio.CancelledError:
            self.cancelled.append(number)
            raise
        first = (number - 1) * PER_PAGE
        items = [{"id": i, "generation": self.generation} for i in range(first, first + PER_PAGE)]
        following = STRATEGY.nth(request, number + 1) if number < self.last else None
        return Page(items, request, following, last_number=self.last)


def paginator(pages: Pages, prefetch: int) -> AsyncPaginator[dict[str, Any]]:
    return AsyncPaginator(pages, PageRequest("things"), strategy=STRATEGY, prefetch=prefetch)


async def test_leaving_a_listing_early_cancels_its_pages_ahead_and_waits_for_them() -> None:
    pages = Pages(stall=3)
    async with contextlib.aclosing(paginator(pages, prefetch=3).pages()) as listing:
        async for page in listing:
            if page.number == 2:
                break
    # Pages 3 and 4 were on their way; closing the listing cancelled them and saw them end
    # before returning (not 2 s later, and not left running).
    assert sorted(pages.fetched) == [1, 2, 3, 4]
    assert sorted(pages.cancelled) == [3, 4]


@pytest.mark.parametrize("prefetch", [1, 0, -2])
async def test_a_prefetch_of_one_or_less_fetches_no_page_ahead_of_the_reader(
    prefetch: int,
) -> None:
    pages = Pages()
    seen: list[list[int]] = []
    async for _ in paginator(pages, prefetch).pages():
        seen.append(list(pages.fetched))
    assert seen == [[1], [1, 2], [1, 2, 3], [1, 2, 3, 4], [1, 2, 3, 4, 5]]


async def test_a_second_iteration_fetches_the_first_page_again_and_yields_its_new_records() -> None:
    pages = Pages(last=2)
    listing = paginator(pages, prefetch=1)
    first = await listing.to_list()
    pages.generation = 1
    second = await listing.to_list()
    assert pages.fetched == [1, 2, 1, 2]
    assert [r["generation"] for r in first] == [0] * 2 * PER_PAGE
    assert [r["generation"] for r in second] == [1] * 2 * PER_PAGE


async def test_the_first_page_read_before_iterating_is_not_fetched_twice() -> None:
    pages = Pages(last=2)
    listing = paginator(pages, prefetch=1)
    await listing.first_page()
    assert len(await listing.to_list()) == 2 * PER_PAGE
    assert pages.fetched == [1, 2]


async def test_a_limit_of_exactly_one_page_fetches_that_page_only() -> None:
    pages = Pages()
    listing = paginator(pages, prefetch=1)
    assert [r["id"] for r in await listing.to_list(limit=PER_PAGE)] == list(range(PER_PAGE))
    assert pages.fetched == [1]
    assert len(await listing.to_list(limit=PER_PAGE + 1)) == PER_PAGE + 1
    assert pages.fetched == [1, 1, 2]


@pytest.mark.parametrize(("prefetch", "ahead"), [(2, [1, 2, 3]), (3, [1, 2, 3, 4])])
async def test_a_prefetch_of_n_has_the_next_n_pages_on_their_way(
    prefetch: int, ahead: list[int]
) -> None:
    pages = Pages()
    seen: list[list[int]] = []
    async for _ in paginator(pages, prefetch).pages():
        seen.append(sorted(pages.fetched))
    assert seen[:2] == [[1], ahead]
    assert sorted(pages.fetched) == [1, 2, 3, 4, 5]


async def test_a_paginator_built_with_the_defaults_reads_no_page_ahead() -> None:
    pages = Pages()
    seen: list[list[int]] = []
    async for _ in AsyncPaginator(pages, PageRequest("things"), strategy=STRATEGY).pages():
        seen.append(list(pages.fetched))
    assert seen == [[1], [1, 2], [1, 2, 3], [1, 2, 3, 4], [1, 2, 3, 4, 5]]


async def test_without_a_known_end_pages_are_fetched_one_by_one_unless_read_ahead() -> None:
    class Endless(Pages):
        async def __call__(self, request: PageRequest) -> Page[dict[str, Any]]:
            return attrs.evolve(await super().__call__(request), last_number=None)

    for read_ahead, at_page_two in ((None, [1, 2]), (False, [1, 2]), (True, [1, 2, 3, 4])):
        pages = Endless()
        chosen = {} if read_ahead is None else {"read_ahead": read_ahead}  # None: the default
        listing = AsyncPaginator(
            pages, PageRequest("things"), strategy=STRATEGY, prefetch=3, **chosen
        )
        seen = [sorted(pages.fetched) async for _ in listing.pages()]
        assert seen[1] == at_page_two
        assert len(seen) == 5


async def test_a_limit_of_one_gives_one_record() -> None:
    pages = Pages()
    assert [r["id"] for r in await paginator(pages, prefetch=1).to_list(limit=1)] == [0]
    assert pages.fetched == [1]


async def test_a_next_page_that_is_the_first_request_again_raises_before_it_is_sent() -> None:
    class BackToOne(Pages):
        async def __call__(self, request: PageRequest) -> Page[dict[str, Any]]:
            page = await super().__call__(request)
            if request.number == 2:
                page = attrs.evolve(page, next=STRATEGY.first(PageRequest("things")))
            return page

    pages = BackToOne()
    with pytest.raises(PaginationLoopError, match="fetched already"):
        await paginator(pages, prefetch=1).to_list()
    assert pages.fetched == [1, 2]


def _cursor_pages(fingerprint: bytes, fetched: list[str]) -> Any:
    """Pages of records without ids (told apart only by ``fingerprint``), linked by cursor."""

    async def fetch(request: PageRequest) -> Page[dict[str, Any]]:
        fetched.append(request.url)
        following = PageRequest(f"things?cursor={len(fetched)}") if len(fetched) < 5 else None
        return Page([{"name": "same"}], request, following, fingerprint=fingerprint)

    return fetch


async def test_pages_whose_records_have_no_ids_repeat_by_their_digest_and_the_error_says_so() -> (
    None
):
    fetched: list[str] = []
    listing = AsyncPaginator(
        _cursor_pages(b"one body", fetched), PageRequest("things"), strategy=STRATEGY
    )
    yielded: list[Any] = []

    async def read_all() -> None:
        async for record in listing:
            yielded.append(record)

    with pytest.raises(PaginationLoopError) as raised:
        await read_all()
    assert yielded == [{"name": "same"}]
    assert fetched == ["things", "things?cursor=1"]
    # The page has no number (a cursor link): the message says "page ?" and its URL.
    assert str(raised.value).startswith("page ? (things?cursor=1) is a repeat")
    assert raised.value.hint is not None
    assert "page parameter" in raised.value.hint


async def test_a_repeated_numbered_page_is_named_by_its_number() -> None:
    class Ignoring(Pages):
        async def __call__(self, request: PageRequest) -> Page[dict[str, Any]]:
            page = await super().__call__(request)
            return attrs.evolve(page, items=[{"id": 0, "generation": 0}])

    with pytest.raises(PaginationLoopError) as raised:
        await paginator(Ignoring(), prefetch=1).to_list()
    assert str(raised.value).startswith("page 2 (")


async def test_each_page_is_decoded_once_the_first_one_too_in_the_mode_asked_for() -> None:
    decoded: list[tuple[int, str]] = []

    async def fetch(request: PageRequest) -> Page[Any]:
        number = request.number or 1

        def decode(positions: Any, mode: str) -> list[Any]:
            decoded.append((number, mode))
            return [f"record {number}"]

        following = STRATEGY.nth(request, number + 1) if number < 3 else None
        return Page([{"id": number}], request, following, last_number=3, decode=decode)

    listing = AsyncPaginator(fetch, PageRequest("things"), strategy=STRATEGY)
    assert await listing.to_list() == ["record 1", "record 2", "record 3"]
    assert decoded == [(1, "raise"), (2, "raise"), (3, "raise")]
    decoded.clear()
    assert len(await listing.on_decode_error("keep_raw").to_list()) == 3
    assert decoded == [(1, "keep_raw"), (2, "keep_raw"), (3, "keep_raw")]
    assert len(await listing.on_decode_error("raise").to_list()) == 3


def test_a_decode_mode_other_than_raise_or_keep_raw_is_refused() -> None:
    listing = paginator(Pages(), prefetch=1)
    with pytest.raises(InvalidArgumentError, match="on_decode_error"):
        listing.on_decode_error("ignore")  # type: ignore[call-overload]


@pytest.mark.parametrize(("empty", "fetched"), [(1, [1, 2, 3, 4, 5]), (2, [1, 2])])
async def test_an_empty_page_ends_the_listing_unless_it_is_the_first(
    empty: int, fetched: list[int]
) -> None:
    class WithAHole(Pages):
        async def __call__(self, request: PageRequest) -> Page[dict[str, Any]]:
            page = await super().__call__(request)
            return attrs.evolve(page, items=[]) if request.number == empty else page

    pages = WithAHole()
    await paginator(pages, prefetch=1).to_list()
    assert pages.fetched == fetched
