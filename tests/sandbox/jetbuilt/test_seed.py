"""Seeded data: deterministic per seed, sized by scale, projects filled in lazily."""

from __future__ import annotations

import httpx

from jbcrm.sandbox import JetbuiltSandbox
from jbcrm.sandbox.jetbuilt._wire import parse_loose, stamp


def test_same_seed_gives_the_same_company() -> None:
    first, second = JetbuiltSandbox(seed=3, scale=0.2), JetbuiltSandbox(seed=3, scale=0.2)
    assert first.store.clients == second.store.clients
    assert first.store.projects == second.store.projects
    project = next(iter(first.store.projects))
    later = list(second.store.projects)[5]
    second.store.detail(later)
    assert first.store.detail(project) == second.store.detail(project)


def test_other_seed_gives_other_data() -> None:
    assert (
        JetbuiltSandbox(seed=3, scale=0.2).store.clients
        != JetbuiltSandbox(seed=4, scale=0.2).store.clients
    )


def test_default_scale_has_the_documented_sizes_and_no_project_detail_yet() -> None:
    store = JetbuiltSandbox().store
    assert len(store.clients) == 300
    assert len(store.listed_projects()) == 1200
    assert set(store.products) == {3, 4}
    assert store.details == {}


def test_timestamps_look_like_jetbuilt() -> None:
    moment = parse_loose("2018-07-16T15:17:33.273Z")
    assert moment is not None
    assert stamp(moment) == "2018-07-16T08:17:33.273-07:00"
    assert parse_loose("2023-7-28") == parse_loose("2023-07-28T00:00:00+00:00")
    assert parse_loose("2023-7-28 15:33:33 -700") == parse_loose("2023-07-28T22:33:33Z")


async def test_default_rate_limit_is_50_per_10_seconds() -> None:
    sandbox = JetbuiltSandbox(scale=0.05, api_key="k")
    assert sandbox.rate_limit is not None
    assert (sandbox.rate_limit.requests, sandbox.rate_limit.per) == (50, 10.0)
    async with httpx.AsyncClient(
        transport=sandbox.transport(),
        base_url=sandbox.base_url,
        headers={"Authorization": "Token token=k"},
    ) as client:
        statuses = [(await client.get("/phases")).status_code for _ in range(51)]
    assert statuses.count(200) == 50
    assert statuses[-1] == 429
