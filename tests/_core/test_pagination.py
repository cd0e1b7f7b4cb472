"""Pagination: lazy, in order, prefetching only when the end is known, loop-safe; Link-header
and page-number strategies."""

from __future__ import annotations

import asyncio
import json
import math
import random
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs
import httpx
import pytest

import jbcrm
from jbcrm._core.models import Model
from jbcrm._core.pagination import (
    AsyncPaginator,
    LinkHeaderStrategy,
    PageInfo,
    PageNumberStrategy,
    PageRequest,
    PaginationLoopError,
)
from jbcrm.jetbuilt._resource import JetbuiltResource
from tests._core.conftest import QueryKeyClient
from tests.conftest import BASE_URL

MakeJetbuilt = Callable[..., jbcrm.Jetbuilt]
MakeClient = Callable[..., QueryKeyClient]
THINGS = f"{BASE_URL}/things"

DECODED_FACTORS: list[str] = []


@attrs.frozen
class Thing(Model):
    id: int
    name: str


@attrs.frozen
class Factor(Model):
    name: str
    value: Decimal

    def __attrs_post_init__(self) -> None:
        DECODED_FACTORS.append(self.name)


class PagedServer:
    """Serves ``total`` things, ``per_page`` a page, the way Jetbuilt pages them."""

    def __init__(
        self,
        total: int,
        per_page: int = 25,
        *,
        last: bool = True,
        count: bool = True,
        latency: tuple[float, float] = (0.0, 0.0),
        wrap: str | None = None,
    ) -> None:
        self.total, self.per_page, self.last, self.count = total, per_page, last, count
        self.latency, self.wrap = latency, wrap
        self.requested: list[int] = []
        self.in_flight = self.max_in_flight = 0
        self.fail_page: int | None = None
        self._random = random.Random(5)

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        page = int(request.url.params.get("page", "1"))
        self.requested.append(page)
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        await asyncio.sleep(self._random.uniform(*self.latency))
        self.in_flight -= 1
        if page == self.fail_page:
            return httpx.Response(500, text="boom")
        first = (page - 1) * self.per_page + 1
        items = [
            {"id": i, "name": f"thing {i}"}
            for i in range(first, min(first + self.per_page - 1, self.total) + 1)
        ]
        links = []
        if page > 1:
            links += [f'<{THINGS}?page=1>; rel="first"', f'<{THINGS}?page={page - 1}>; rel="prev"']
        if page < self.pages:
            if self.last:
                links.append(f'<{THINGS}?page={self.pages}>; rel="last"')
            links.append(f'<{THINGS}?page={page + 1}>; rel="next"')
        headers = {"Link": ", ".join(links)} if links else {}
        if self.count:
            headers["X-Total-Count"] = str(self.total)
        body: Any = items
        if self.wrap:
            body = {self.wrap: items, "factors": [{"name": f"labor {page}", "value": "1.5"}]}
        return httpx.Response(200, json=body, headers=headers)


async def test_nothing_is_sent_until_iteration(make_jetbuilt: MakeJetbuilt) -> None:
    server = PagedServer(60)
    things = JetbuiltResource(make_jetbuilt(server))._list("things", Thing)
    await asyncio.sleep(0.01)
    assert server.requested == []
    assert things.total is None
    assert "AsyncPaginator(GET things" in repr(things)


async def test_breaking_out_after_the_first_item_sends_nothing_more(
    make_jetbuilt: MakeJetbuilt,
) -> None:
    server = PagedServer(200)
    things = JetbuiltResource(make_jetbuilt(server, concurrency=5))._list("things", Thing)
    async for thing in things:
        assert thing.id == 1
        break
    await asyncio.sleep(0.02)
    assert server.requested == [1]


async def test_async_for_yields_every_item_in_order(make_jetbuilt: MakeJetbuilt) -> None:
    server = PagedServer(60)
    things = JetbuiltResource(make_jetbuilt(server))._list("things", Thing)
    ids = [thing.id async for thing in things]
    assert ids == list(range(1, 61))
    assert sorted(server.requested) == [1, 2, 3]
    assert things.total == 60


async def test_pages_carry_items_total_links_and_number(make_jetbuilt: MakeJetbuilt) -> None:
    server = PagedServer(30, last=False)
    things = JetbuiltResource(make_jetbuilt(server))._list("things", Thing)
    pages = [page async for page in things.pages()]
    assert [page.number for page in pages] == [1, 2]
    assert [len(page.items) for page in pages] == [25, 5]
    assert pages[0].total == 30
    assert pages[0].links == {"next": f"{THINGS}?page=2"}
    assert pages[0].next is not None
    assert pages[1].next is None
    assert pages[1].links["first"] == f"{THINGS}?page=1"


async def test_to_list_stops_fetching_at_the_limit(make_jetbuilt: MakeJetbuilt) -> None:
    server = PagedServer(200, last=False)
    things = JetbuiltResource(make_jetbuilt(server))._list("things", Thing)
    first_30 = await things.to_list(limit=30)
    assert [t.id for t in first_30] == list(range(1, 31))
    assert server.requested == [1, 2]
    assert await things.to_list(limit=0) == []
    assert server.requested == [1, 2]
    assert len(await things.to_list()) == 200


async def test_prefetches_in_order_once_the_last_page_is_known(
    make_jetbuilt: MakeJetbuilt,
) -> None:
    server = PagedServer(25 * 8, latency=(0.005, 0.03))
    things = JetbuiltResource(make_jetbuilt(server, concurrency=3))._list("things", Thing)
    numbers: list[int | None] = []
    async for page in things.pages():
        numbers.append(page.number)
        assert page.number is not None
        # Never more than `concurrency` pages ahead of the consumer.
        assert max(server.requested) <= page.number + 3 - 1
        await asyncio.sleep(0.01)
    assert numbers == list(range(1, 9))
    assert sorted(server.requested) == list(range(1, 9))
    assert 1 < server.max_in_flight <= 3


@pytest.mark.parametrize("count", [True, False], ids=["total-only", "nothing"])
async def test_prefetch_needs_a_known_end(make_jetbuilt: MakeJetbuilt, count: bool) -> None:
    server = PagedServer(25 * 5, last=False, count=count, latency=(0.002, 0.01))
    things = JetbuiltResource(make_jetbuilt(server, concurrency=4))._list("things", Thing)
    assert len(await things.to_list()) == 125
    # X-Total-Count with the page size reveals the end as well as rel="last" does.
    assert server.max_in_flight == (4 if count else 1)


async def test_an_error_on_a_prefetched_page_surfaces_in_order(
    make_jetbuilt: MakeJetbuilt,
) -> None:
    server = PagedServer(25 * 6, latency=(0.001, 0.01))
    server.fail_page = 3
    client = make_jetbuilt(server, concurrency=4, max_retries=0)
    seen: list[int | None] = []

    async def read_all() -> None:
        async for page in JetbuiltResource(client)._list("things", Thing).pages():
            seen.append(page.number)

    with pytest.raises(jbcrm.InternalServerError):
        await read_all()
    assert seen == [1, 2]


@pytest.mark.parametrize(("pages", "next_of_last"), [(2, 2), (3, 1)], ids=["self", "back"])
async def test_a_next_link_that_loops_back_raises(
    make_jetbuilt: MakeJetbuilt, pages: int, next_of_last: int
) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        page = int(request.url.params.get("page", "1"))
        target = page + 1 if page < pages else next_of_last
        link = f'<{THINGS}?page={target}>; rel="next"'
        return httpx.Response(200, json=[{"id": page, "name": "x"}], headers={"Link": link})

    things = JetbuiltResource(make_jetbuilt(handler))._list("things", Thing)
    with pytest.raises(PaginationLoopError):
        await asyncio.wait_for(things.to_list(), 5)


async def test_item_key_with_extras_decoded_once(make_jetbuilt: MakeJetbuilt) -> None:
    DECODED_FACTORS.clear()
    server = PagedServer(60, wrap="line_items")
    items = JetbuiltResource(make_jetbuilt(server))._list(
        "things", Thing, item_key="line_items", extras={"factors": list[Factor]}
    )
    pages = [page async for page in items.pages()]
    assert [t.id for page in pages for t in page.items] == list(range(1, 61))
    assert [(f.name, f.value) for f in items.extras["factors"]] == [("labor 1", Decimal("1.5"))]
    assert [dict(page.extras) for page in pages[1:]] == [{}, {}]
    assert DECODED_FACTORS == ["labor 1"]


class NumberedServer:
    """``page``/``perpage`` from the query or the JSON body; no total, no links."""

    def __init__(self, total: int, where: str, latency: float = 0.0) -> None:
        self.total, self.where, self.latency = total, where, latency
        self.requested: list[int] = []
        self.in_flight = self.max_in_flight = 0

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        if self.where == "body":
            paging = json.loads(request.content)
            assert request.url.params.get("page") is None
        else:
            paging = dict(request.url.params)
        page, per_page = int(paging["page"]), int(paging["perpage"])
        self.requested.append(page)
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        await asyncio.sleep(self.latency)
        self.in_flight -= 1
        first = (page - 1) * per_page + 1
        ids = range(first, min(first + per_page - 1, self.total) + 1)
        return httpx.Response(200, json=[{"id": i, "name": str(i)} for i in ids])


@pytest.mark.parametrize("where", ["query", "body"])
@pytest.mark.parametrize(("total", "requests"), [(7, 3), (6, 3), (0, 1)])
async def test_page_numbers_stop_at_an_empty_or_short_page(
    make_client: MakeClient, where: Any, total: int, requests: int
) -> None:
    server = NumberedServer(total, where)
    method = "POST" if where == "body" else "GET"
    things = make_client(server)._paginator(
        PageRequest(
            "customers", method=method, json={"search": "doe"} if where == "body" else None
        ),
        Thing,
        strategy=PageNumberStrategy(per_page=3, where=where),
        idempotent=True,
    )
    assert [t.id for t in await things.to_list()] == list(range(1, total + 1))
    assert server.requested == list(range(1, requests + 1))
    assert server.max_in_flight == 1


async def test_page_number_read_ahead_is_opt_in(make_client: MakeClient) -> None:
    server = NumberedServer(20, "query", latency=0.01)
    things = make_client(server)._paginator(
        PageRequest("customers"),
        Thing,
        strategy=PageNumberStrategy(per_page=3),
        prefetch=3,
        read_ahead=True,
    )
    assert [t.id for t in await things.to_list()] == list(range(1, 21))
    assert server.max_in_flight > 1
    # Reading ahead costs at most a few requests past the end.
    assert set(range(1, 8)) <= set(server.requested) <= set(range(1, 10))


def test_link_strategy_works_out_the_last_page() -> None:
    strategy = LinkHeaderStrategy(per_page=25)
    request = PageRequest("things", number=1)
    by_total = httpx.Response(
        200,
        headers={
            "X-Total-Count": "101",
            "X-Per-Page": "20",
            "Link": f"<{THINGS}?page=2>; rel=next",
        },
    )
    info = strategy.describe(request, by_total, 20)
    assert (info.total, info.last_number) == (101, 6)
    assert info.next is not None
    assert info.next.number == 2
    end = httpx.Response(200, headers={"X-Total-Count": "²".encode("latin-1")})
    assert strategy.describe(PageRequest("things", number=4), end, 3) == PageInfo(None, None, 4)
    broken = httpx.Response(200, headers={"Link": '<http://x:port/?page=9>; rel="last"'})
    assert strategy.describe(request, broken, 0).last_number == 1
    nth = strategy.nth(PageRequest(f"{THINGS}?page=2&stage=lost", number=2), 5)
    assert httpx.URL(nth.url).params == httpx.QueryParams({"page": "5", "stage": "lost"})
    assert nth.number == 5


def test_page_number_strategy_builds_requests() -> None:
    body = PageNumberStrategy(per_page=50, where="body", page_name="p", per_page_name="n")
    request = body.nth(PageRequest("c", method="POST", json={"q": 1}), 4)
    assert (request.json, request.params, request.number) == ({"q": 1, "p": 4, "n": 50}, None, 4)
    query = PageNumberStrategy(per_page=10).first(PageRequest("c", params={"q": "x"}))
    assert query.params == {"q": "x", "page": 1, "perpage": 10}


async def test_a_null_page_is_an_empty_page(make_jetbuilt: MakeJetbuilt) -> None:
    client = make_jetbuilt(lambda request: httpx.Response(200, json={"line_items": None}))
    items = JetbuiltResource(client)._list("things", Thing, item_key="line_items")
    assert await items.to_list() == []


async def test_next_links_without_a_page_number_are_followed_one_by_one(
    make_jetbuilt: MakeJetbuilt,
) -> None:
    cursors = {"": "b", "b": "c"}
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        cursor = request.url.params.get("cursor", "")
        seen.append(cursor)
        links = [f'<{THINGS}?page=3>; rel="last"']
        if cursor in cursors:
            links.append(f'<{THINGS}?cursor={cursors[cursor]}>; rel="next"')
        return httpx.Response(
            200, json=[{"id": len(seen), "name": cursor}], headers={"Link": ", ".join(links)}
        )

    client = make_jetbuilt(handler, concurrency=5)
    things = await JetbuiltResource(client)._list("things", Thing).to_list()
    assert [t.id for t in things] == [1, 2, 3]
    assert seen == ["", "b", "c"]


async def collect(things: AsyncPaginator[Thing], into: list[int]) -> None:
    async for thing in things:
        into.append(thing.id)


class IgnoresPage:
    """A page-number server that answers page 1 whatever is asked (optionally with a
    timestamp in the body, so that the bodies differ)."""

    def __init__(self, size: int = 3, stamp: bool = False) -> None:
        self.size, self.stamp = size, stamp
        self.requests = 0

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests += 1
        items = [{"id": i, "name": str(i)} for i in range(1, self.size + 1)]
        if self.stamp:
            items[0]["name"] = f"at {self.requests}"
        return httpx.Response(200, json=items)


@pytest.mark.parametrize("stamp", [False, True], ids=["same-body", "body-differs"])
async def test_a_page_number_server_that_ignores_page_raises_before_any_repeat(
    make_client: MakeClient, stamp: bool
) -> None:
    server = IgnoresPage(stamp=stamp)
    things = make_client(server)._paginator(
        PageRequest("customers"), Thing, strategy=PageNumberStrategy(per_page=3)
    )
    seen: list[int] = []
    with pytest.raises(PaginationLoopError, match="repeat"):
        await collect(things, seen)
    assert seen == [1, 2, 3]
    assert server.requests == 2


async def test_a_cache_buster_in_next_links_does_not_defeat_the_loop_guard(
    make_jetbuilt: MakeJetbuilt,
) -> None:
    calls = 0

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        link = f'<{THINGS}?page=2&_={calls}>; rel="next"'
        items = [{"id": i, "name": "x"} for i in range(1, 26)]
        return httpx.Response(200, json=items, headers={"Link": link})

    things = JetbuiltResource(make_jetbuilt(handler))._list("things", Thing)
    seen: list[int] = []
    with pytest.raises(PaginationLoopError):
        await collect(things, seen)
    assert seen == list(range(1, 26))
    assert calls == 2


async def test_a_link_back_to_the_first_page_yields_no_duplicate(
    make_jetbuilt: MakeJetbuilt,
) -> None:
    server = PagedServer(75, last=False)

    async def looping(request: httpx.Request) -> httpx.Response:
        response = await server(request)
        if request.url.params.get("page") == "3":
            # The last page links back to the first one, by its absolute URL.
            response.headers["Link"] = f'<{THINGS}?page=1>; rel="next"'
        return response

    things = JetbuiltResource(make_jetbuilt(looping))._list("things", Thing)
    seen: list[int] = []
    with pytest.raises(PaginationLoopError):
        await collect(things, seen)
    assert seen == list(range(1, 76))


class CappedServer:
    """``page``/``perpage`` in the query, but never more than ``cap`` a page (newest first);
    ``insert_between`` records are added at the head after each page is served."""

    def __init__(self, total: int, cap: int, insert_between: int = 0) -> None:
        self.ids = list(range(total, 0, -1))
        self.cap, self.insert_between = cap, insert_between
        self.requested: list[int] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        page, asked = int(request.url.params["page"]), int(request.url.params["perpage"])
        self.requested.append(page)
        size = min(asked, self.cap)
        chunk = self.ids[(page - 1) * size : page * size]
        if chunk and self.insert_between:
            top = self.ids[0]
            self.ids[:0] = range(top + self.insert_between, top, -1)
        return httpx.Response(200, json=[{"id": i, "name": str(i)} for i in chunk])


async def test_a_server_that_caps_perpage_still_gives_every_record(
    make_client: MakeClient,
) -> None:
    server = CappedServer(500, cap=50)
    things = make_client(server)._paginator(
        PageRequest("customers"), Thing, strategy=PageNumberStrategy(per_page=100)
    )
    ids = [t.id async for t in things]
    assert sorted(ids) == list(range(1, 501))
    assert server.requested == list(range(1, 12))


@pytest.mark.parametrize(("total", "requests"), [(2, 2), (4, 2), (1, 2)])
async def test_a_short_first_page_costs_one_request_to_confirm_the_end(
    make_client: MakeClient, total: int, requests: int
) -> None:
    server = CappedServer(total, cap=3)
    things = make_client(server)._paginator(
        PageRequest("customers"), Thing, strategy=PageNumberStrategy(per_page=3)
    )
    pages = [page async for page in things.pages()]
    assert sorted(t.id for page in pages for t in page.items) == list(range(1, total + 1))
    assert len(server.requested) == requests
    # The confirming request's empty page is not yielded.
    assert all(page.items for page in pages)


async def test_records_inserted_between_pages_are_dropped_by_id_and_counted(
    make_client: MakeClient,
) -> None:
    server = CappedServer(100, cap=10, insert_between=4)
    things = make_client(server)._paginator(
        PageRequest("customers"), Thing, strategy=PageNumberStrategy(per_page=10)
    )
    ids = [t.id async for t in things]
    assert len(ids) == len(set(ids))
    assert set(range(1, 101)) <= set(ids)
    assert things.stats.repeats_dropped > 0
    assert things.stats.items == len(ids)
    assert things.stats.pages == len(server.requested)

    again = CappedServer(100, cap=10, insert_between=4)
    kept = make_client(again)._paginator(
        PageRequest("customers"), Thing, strategy=PageNumberStrategy(per_page=10)
    )
    kept.dedupe = False
    all_ids = [t.id async for t in kept]
    assert len(all_ids) - len(set(all_ids)) == things.stats.repeats_dropped
    assert kept.stats.repeats_dropped == 0


@pytest.mark.parametrize("digits", [400, 4_300, 20_000])
async def test_counts_and_page_numbers_with_thousands_of_digits_are_ignored(
    make_jetbuilt: MakeJetbuilt, digits: int
) -> None:
    huge = "9" * digits

    def handler(request: httpx.Request) -> httpx.Response:
        page = int(request.url.params.get("page", "1"))
        links = [f'<{THINGS}?page={huge}>; rel="last"']
        if page == 1:
            links.append(f'<{THINGS}?page=2>; rel="next"')
        headers = {"Link": ", ".join(links), "X-Total-Count": huge, "X-Per-Page": huge}
        return httpx.Response(200, json=[{"id": page, "name": "x"}], headers=headers)

    things = JetbuiltResource(make_jetbuilt(handler, concurrency=4))._list("things", Thing)
    assert [t.id for t in await things.to_list()] == [1, 2]
    assert things.total is None
