"""Pagination as documented: 25 a page, Link (first, prev, last, next), X-Total-Count."""

from __future__ import annotations

import re

import httpx

from jbcrm.sandbox import JetbuiltSandbox
from tests.sandbox.jetbuilt.conftest import TOKEN

LINK = re.compile(r'<([^>]+)>; rel="(\w+)"')


def links(response: httpx.Response) -> list[tuple[str, str]]:
    return [(rel, url) for url, rel in LINK.findall(response.headers.get("link", ""))]


async def test_first_page_links_only_last_and_next(client: httpx.AsyncClient) -> None:
    response = await client.get("/clients")
    assert len(response.json()) == 25
    assert response.headers["x-total-count"] == "75"
    assert response.headers["x-per-page"] == "25"
    assert links(response) == [
        ("last", "http://jetbuilt.localhost/api/clients?page=3"),
        ("next", "http://jetbuilt.localhost/api/clients?page=2"),
    ]


async def test_middle_page_links_in_documented_order_one_per_line(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get("/clients", params={"page": 2})
    assert [rel for rel, _ in links(response)] == ["first", "prev", "last", "next"]
    assert response.headers["link"].count(",\n  <") == 3


async def test_last_page_has_no_last_or_next(client: httpx.AsyncClient) -> None:
    response = await client.get("/clients", params={"page": 3})
    assert [rel for rel, _ in links(response)] == ["first", "prev"]
    assert len(response.json()) == 25


async def test_past_the_end_is_an_empty_list(client: httpx.AsyncClient) -> None:
    response = await client.get("/clients", params={"page": 9})
    assert response.status_code == 200
    assert response.json() == []
    assert response.headers["x-total-count"] == "75"


async def test_following_next_visits_every_record_once(
    client: httpx.AsyncClient, sandbox: JetbuiltSandbox
) -> None:
    seen: list[int] = []
    url: str | None = "/projects"
    while url:
        response = await client.get(url)
        seen.extend(p["id"] for p in response.json())
        url = dict(links(response)).get("next")
    assert sorted(seen) == sorted(p["id"] for p in sandbox.store.listed_projects())


async def test_links_keep_filters(client: httpx.AsyncClient) -> None:
    response = await client.get("/projects", params={"stage": "completed", "page": 2})
    assert all("stage=completed" in url for _, url in links(response))


async def test_project_items_page_on_line_items_and_keep_all_factors(
    client: httpx.AsyncClient, sandbox: JetbuiltSandbox
) -> None:
    project = next(
        p["id"]
        for p in sandbox.store.listed_projects()
        if len(sandbox.store.detail(p["id"]).line_items) > 25
    )
    detail = sandbox.store.detail(project)
    first = await client.get(f"/projects/{project}/items")
    second = await client.get(f"/projects/{project}/items", params={"page": 2})
    assert first.headers["x-total-count"] == str(len(detail.line_items))
    ids = [i["id"] for i in first.json()["line_items"] + second.json()["line_items"]]
    assert ids == [i["id"] for i in detail.line_items]
    assert first.json()["factors"] == second.json()["factors"] == detail.factors


async def test_loopback_links_use_the_served_address(sandbox: JetbuiltSandbox) -> None:
    async with sandbox.serve() as base_url:
        assert base_url.endswith("/api")
        async with httpx.AsyncClient(
            base_url=base_url, headers={"Authorization": f"Token token={TOKEN}"}
        ) as client:
            response = await client.get("/clients", params={"page": 2})
    assert response.status_code == 200
    assert len(response.headers.get_list("link")) == 4
    assert dict(links(response))["next"] == f"{base_url}/clients?page=3"
