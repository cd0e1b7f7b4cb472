"""Lists follow the server's Link headers page after page; line item lists keep the factors
once; single objects whose line items are paginated come back with all of them."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
import respx

from jbcrm import Jetbuilt
from jbcrm._core.pagination import Page
from jbcrm.jetbuilt.models import LineItem
from tests.jetbuilt.fixtures import load

BASE = "https://app.jetbuilt.com/api"


def link_header(path: str, page: int, last: int, query: str = "") -> str:
    """A Link header as Jetbuilt sends it: absolute URLs in the order first, prev, last, next
    (no first/prev on page 1, no last/next on the last page), one entry per line."""

    def url(number: int) -> str:
        return f"{BASE}{path}?{query}page={number}"

    links = []
    if page > 1:
        links += [f'<{url(1)}>; rel="first"', f'<{url(page - 1)}>; rel="prev"']
    if page < last:
        links += [f'<{url(last)}>; rel="last"', f'<{url(page + 1)}>; rel="next"']
    return ",\n  ".join(links)


def pages_of(path: str, bodies: list[Any], *, total: int, query: str = "") -> Any:
    """A respx side effect answering page n (from the ``page`` parameter) with ``bodies[n-1]``."""

    def answer(request: httpx.Request) -> httpx.Response:
        number = int(request.url.params.get("page", "1"))
        headers = {"X-Total-Count": str(total)}
        link = link_header(path, number, len(bodies), query)
        if link:
            headers["Link"] = link
        return httpx.Response(200, json=bodies[number - 1], headers=headers)

    return answer


def projects_page(first_id: int, count: int) -> list[dict[str, Any]]:
    template = load("projects_list")[0]
    return [{**template, "id": first_id + n} for n in range(count)]


async def test_list_follows_multiline_link_headers_across_three_pages(
    jb: Jetbuilt, api: respx.MockRouter
) -> None:
    bodies = [projects_page(1, 25), projects_page(26, 25), projects_page(51, 3)]
    route = api.get("/projects").mock(
        side_effect=pages_of("/projects", bodies, total=53, query="stage=lost&")
    )
    paginator = jb.projects.list(stage="lost")
    projects = [project async for project in paginator]
    assert [p.id for p in projects] == list(range(1, 54))
    assert paginator.total == 53
    sent = sorted(str(call.request.url) for call in route.calls)
    assert sent == [
        f"{BASE}/projects?stage=lost",
        f"{BASE}/projects?stage=lost&page=2",
        f"{BASE}/projects?stage=lost&page=3",
    ]


async def test_pages_expose_links_and_split_link_header_lines_are_joined(
    jb: Jetbuilt, api: respx.MockRouter
) -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        number = int(request.url.params.get("page", "1"))
        lines = link_header("/clients", number, 3).split(",\n  ")
        # Some servers send one Link header line per entry.
        headers = [("Link", line) for line in lines]
        body = [{**load("clients_list")[0], "id": number}]
        return httpx.Response(200, json=body, headers=headers)

    api.get("/clients").mock(side_effect=answer)
    pages: list[Page[Any]] = [page async for page in jb.clients.list().pages()]
    assert [[client.id for client in page.items] for page in pages] == [[1], [2], [3]]
    assert pages[1].links["prev"] == f"{BASE}/clients?page=1"
    assert "next" not in pages[2].links


async def test_breaking_out_of_the_loop_sends_no_further_requests(
    jb: Jetbuilt, api: respx.MockRouter
) -> None:
    bodies = [projects_page(1, 25), projects_page(26, 25), projects_page(51, 3)]
    route = api.get("/projects").mock(side_effect=pages_of("/projects", bodies, total=53))
    async for project in jb.projects.list():
        assert project.id == 1
        break
    assert route.call_count == 1


def items_page(first_id: int, count: int) -> dict[str, Any]:
    example = load("project_items_list")
    item = example["line_items"][0]
    items = [{**item, "id": first_id + n} for n in range(count)]
    return {"line_items": items, "factors": example["factors"]}


async def test_items_list_pages_line_items_and_returns_factors_once(
    jb: Jetbuilt, api: respx.MockRouter
) -> None:
    bodies = [items_page(1, 25), items_page(26, 25), items_page(51, 2)]
    path = "/projects/97739/items"
    route = api.get(path).mock(side_effect=pages_of(path, bodies, total=52))
    paginator = jb.projects.items.list(97739)
    items: list[LineItem] = await paginator.to_list()
    assert [item.id for item in items] == list(range(1, 53))
    assert route.call_count == 3
    factors = await paginator.factors()
    assert [factor.id for factor in factors] == [25144, 62411]
    assert [factor.id for factor in paginator.extras["factors"]] == [25144, 62411]
    assert route.call_count == 3


async def test_items_factors_before_iterating_fetch_only_the_first_page(
    jb: Jetbuilt, api: respx.MockRouter
) -> None:
    bodies = [items_page(1, 25), items_page(26, 1)]
    path = "/projects/97739/items"
    route = api.get(path).mock(side_effect=pages_of(path, bodies, total=26))
    factors = await jb.projects.items.list(97739).factors()
    assert [factor.name for factor in factors] == ["Management", "Trip Factor"]
    assert route.call_count == 1


async def test_items_iteration_after_factors_reuses_the_first_page(
    jb: Jetbuilt, api: respx.MockRouter
) -> None:
    bodies = [items_page(1, 25), items_page(26, 1)]
    path = "/projects/97739/items"
    route = api.get(path).mock(side_effect=pages_of(path, bodies, total=26))
    paginator = jb.projects.items.list(97739)
    await paginator.factors()
    items = await paginator.to_list()
    assert [item.id for item in items] == list(range(1, 27))
    assert route.call_count == 2


@pytest.mark.parametrize(
    ("call", "path", "fixture"),
    [
        pytest.param(
            lambda jb: jb.projects.options.get(97739, 27409),
            "/projects/97739/options/27409",
            "project_option_get",
            id="option",
        ),
        pytest.param(
            lambda jb: jb.projects.rooms.get(97739, 3234),
            "/projects/97739/rooms/3234",
            "project_room_get",
            id="room",
        ),
        pytest.param(
            lambda jb: jb.projects.options.rooms.get(97739, 27409, 3234),
            "/projects/97739/options/27409/rooms/3234",
            "project_room_get",
            id="option-room",
        ),
    ],
)
async def test_get_with_paginated_line_items_fetches_every_page(
    jb: Jetbuilt, api: respx.MockRouter, call: Any, path: str, fixture: str
) -> None:
    example = load(fixture)
    item = load("project_items_list")["line_items"][0]
    bodies = [
        {**example, "line_items": [{**item, "id": n} for n in range(page * 25, page * 25 + size)]}
        for page, size in enumerate([25, 25, 4])
    ]
    route = api.get(path).mock(side_effect=pages_of(path, bodies, total=54))
    detail = await call(jb)
    assert [li.id for li in detail.line_items] == list(range(54))
    assert len(detail.raw["line_items"]) == 54
    assert detail.id == example["id"]
    assert route.call_count == 3
