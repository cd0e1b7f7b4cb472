"""Thousands of requests through 5xx answers, resets and stalls: every record arrives once."""

from __future__ import annotations

import httpx

import jbcrm
from jbcrm.sandbox import Faults, JetbuiltSandbox
from tests.conftest import fast_retries
from tests.leak_guard import SANDBOX_TOKEN


async def test_every_record_arrives_exactly_once_through_faults() -> None:
    sandbox = JetbuiltSandbox(
        api_key=SANDBOX_TOKEN,
        seed=11,
        scale=1.0,
        rate_limit=None,
        faults=Faults(
            latency=(0.0, 0.005),
            error_rate=0.05,
            reset_rate=0.01,
            stall_rate=0.01,
            stall_seconds=1.0,
            seed=4,
        ),
    )
    store = sandbox.store
    sent: list[str] = []

    async def count(request: httpx.Request) -> None:
        sent.append(str(request.url))

    async with httpx.AsyncClient(
        transport=sandbox.transport(), event_hooks={"request": [count]}
    ) as http:
        jb = jbcrm.Jetbuilt(
            sandbox.api_key,
            base_url=sandbox.base_url,
            rate_limit=None,
            http_client=http,
            max_retries=6,
            # Under the 1 s stalls, above what a starved CPU can add to a 5 ms answer: a
            # timeout here is an injected stall, not the machine's load.
            timeout=0.6,
            concurrency=64,
        )
        fast_retries(jb)
        clients = await jb.clients.list().to_list()
        projects = await jb.projects.list().to_list()
        client_ids = [c.id for c in clients]
        project_ids = [p.id for p in projects]
        assert sorted(client_ids) == sorted(store.clients)
        assert sorted(project_ids) == sorted(p["id"] for p in store.listed_projects())

        client_details = await jbcrm.fetch_each(jb.clients.get, client_ids, concurrency=64)
        project_details = await jbcrm.fetch_each(jb.projects.get, project_ids, concurrency=64)

        async def items(project_id: int) -> list[int]:
            return [item.id async for item in jb.projects.items.list(project_id)]

        line_items = await jbcrm.fetch_each(items, project_ids, concurrency=64)

        async def contacts(client_id: int) -> list[int]:
            return [contact.id async for contact in jb.clients.contacts.list(client_id)]

        client_contacts = await jbcrm.fetch_each(contacts, client_ids, concurrency=64)

    assert [o.result.id for o in client_details if o.result is not None] == client_ids
    assert [o.result.id for o in project_details if o.result is not None] == project_ids
    for project_id, outcome in zip(project_ids, line_items, strict=True):
        expected = [item["id"] for item in store.detail(project_id).line_items]
        assert outcome.result == expected
    for client_id, outcome in zip(client_ids, client_contacts, strict=True):
        expected = sorted(c["id"] for c in store.contacts.values() if c["_client_id"] == client_id)
        assert sorted(outcome.result or []) == expected
    logical = len(set(sent))
    retries = len(sent) - logical
    print(f"requests sent: {len(sent)}, distinct: {logical}, retries: {retries}")
    assert logical >= 3000
    # About 7% of attempts fail (5% 5xx, 1% resets, 1% stalls): retries stay near that.
    assert retries <= logical * 0.15
