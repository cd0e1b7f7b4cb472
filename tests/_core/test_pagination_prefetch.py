"""The paginator's pages ahead and its cached first page, against a fetch function (no HTTP):
what is fetched, when, and what becomes of pages fetched ahead that nobody reads."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

import pytest

from jbcrm._core.pagination import AsyncPaginator, Page, PageNumberStrategy, PageRequest

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
    return AsyncPaginator(
        pages, PageRequest("things"), strategy=STRATEGY, prefetch=prefetch
    )


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
    async for page in paginator(pages, prefetch).pages():
        seen.append(list(pages.fetched))
    assert seen == [[1], [1, 2], [1, 2, 3], [1, 2, 3, 4], [1, 2, 3, 4, 5]]


async def test_a_prefetch_of_three_has_the_next_three_pages_on_their_way() -> None:
    pages = Pages()
    seen: list[list[int]] = []
    async for page in paginator(pages, prefetch=3).pages():
        seen.append(sorted(pages.fetched))
    assert seen[:2] == [[1], [1, 2, 3, 4]]
    assert sorted(pages.fetched) == [1, 2, 3, 4, 5]


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
