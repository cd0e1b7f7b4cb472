"""The README's quick starts, run against the in-process sandboxes, so the docs stay true."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

import jbcrm
from jbcrm.sandbox import Faults, JetbuiltSandbox, JetpackSandbox


@pytest.fixture
async def jb() -> AsyncIterator[jbcrm.Jetbuilt]:
    sandbox = JetbuiltSandbox(scale=0.05, rate_limit=None)
    async with jbcrm.Jetbuilt(
        sandbox.api_key,
        base_url=sandbox.base_url,
        http_client=httpx.AsyncClient(transport=sandbox.transport()),
    ) as client:
        yield client


async def test_jetbuilt_quick_start_runs_as_written(jb: jbcrm.Jetbuilt) -> None:
    company = await jb.company.get()
    lost = [project async for project in jb.projects.list(stage="lost")]
    assert all(project.stage == "lost" for project in lost)

    first_100 = await jb.projects.list().to_list(limit=100)
    assert 0 < len(first_100) <= 100
    project = await jb.projects.get(first_100[0].id)
    assert project.id == first_100[0].id
    user = (await jb.users.list().to_list(limit=1))[0]
    client = await jb.clients.create(user_id=user.id, company_name="Awesome AV")
    updated = await jb.clients.update(client.id, delinquent=True)
    assert updated.delinquent is True

    items = [item async for item in jb.projects.items.list(project.id)]
    assert all(item.id for item in items)
    db_id = company.locations[0].product_database_id
    assert db_id is not None
    products = await jb.products.list(db_id).to_list(limit=30)
    assert products

    ids = [p.id for p in first_100[:20]]
    outcomes = await jbcrm.fetch_each(jb.projects.get, ids, concurrency=20)
    assert [o.result.id for o in outcomes if o.result is not None] == ids


async def test_pagination_section_runs_as_written(jb: jbcrm.Jetbuilt) -> None:
    paginator = jb.clients.list()
    count = 0
    async for _client in paginator:
        count += 1
    pages = [page async for page in jb.clients.list().pages()]
    assert sum(len(page.items) for page in pages) == count == paginator.total
    assert [page.number for page in pages] == list(range(1, len(pages) + 1))


async def test_jetpack_quick_start_runs_as_written() -> None:
    sandbox = JetpackSandbox(scale=0.05)
    async with jbcrm.JetpackCRM(
        sandbox.base_url,
        api_key=sandbox.api_key,
        api_secret=sandbox.api_secret,
        http_client=httpx.AsyncClient(transport=sandbox.transport()),
    ) as crm:
        status = await crm.status(full=True)
        assert status.crm_version
        listed = [c async for c in crm.customers.list(include_tags=True)]
        assert listed
        saved = await crm.customers.upsert(email="a@b.com", fname="Ann", custom_fields={"cf1": "x"})
        assert saved.id
        hits = await crm.customers.search("Ann").to_list()
        assert any(hit.email == "a@b.com" for hit in hits)
        one = await crm.customers.find_by_email("a@b.com")
        assert one is not None
        assert one.fname == "Ann"
        assert await crm.customers.find_by_email("nobody@example.com") is None
        changed = await crm.customers.update("a@b.com", lname="Lee")
        assert (changed.fname, changed.lname) == ("Ann", "Lee")


async def test_testing_section_fault_example_survives_server_errors(jb: jbcrm.Jetbuilt) -> None:
    sandbox = JetbuiltSandbox(scale=0.05, rate_limit=None, faults=Faults(error_rate=0.2, seed=1))
    async with jbcrm.Jetbuilt(
        sandbox.api_key,
        base_url=sandbox.base_url,
        http_client=httpx.AsyncClient(transport=sandbox.transport()),
        max_retries=8,
    ).with_options(max_retries=8) as client:
        projects = await client.projects.list().to_list()
    assert len(projects) == len(sandbox.store.listed_projects())
