"""The SDK against the sandboxes served on 127.0.0.1: real sockets, real header folding."""

from __future__ import annotations

import httpx
import pytest

import jbcrm
from jbcrm.jetpackcrm import JetpackCRM
from jbcrm.sandbox import JetbuiltSandbox, JetpackSandbox
from tests.leak_guard import SANDBOX_KEY, SANDBOX_SECRET


async def test_jetbuilt_pages_writes_and_404_over_loopback(jb_sandbox: JetbuiltSandbox) -> None:
    store = jb_sandbox.store
    async with jb_sandbox.serve() as url:
        async with httpx.AsyncClient() as probe:
            first = await probe.get(
                f"{url}/projects", headers={"Authorization": f"Token token={jb_sandbox.api_key}"}
            )
        assert len(first.headers.get_list("link")) >= 2

        jb = jbcrm.Jetbuilt(jb_sandbox.api_key, base_url=url, rate_limit=None)
        async with jb:
            pages = [page async for page in jb.projects.list().pages()]
            assert len(pages) >= 2
            ids = [project.id for page in pages for project in page.items]
            assert sorted(ids) == sorted(p["id"] for p in store.listed_projects())

            user_id = next(iter(store.users))
            created = await jb.clients.create(user_id=user_id, company_name="Loopback Ltd")
            assert store.clients[created.id]["company_name"] == "Loopback Ltd"
            assert (await jb.clients.get(created.id)).company_name == "Loopback Ltd"

            with pytest.raises(jbcrm.NotFoundError):
                await jb.projects.get(99_999_999)


async def test_jetpack_customer_pages_and_upsert_over_loopback() -> None:
    sandbox = JetpackSandbox(seed=3, scale=0.2, api_key=SANDBOX_KEY, api_secret=SANDBOX_SECRET)
    store = sandbox.store
    async with sandbox.serve() as url:
        crm = JetpackCRM(
            url,
            api_key=sandbox.api_key,
            api_secret=sandbox.api_secret,
            rate_limit=None,
        )
        async with crm:
            pages = [page async for page in crm.customers.list(perpage=10).pages()]
            assert len(pages) >= 2
            ids = [customer.id for page in pages for customer in page.items]
            assert sorted(ids) == sorted(store.contacts)

            created = await crm.customers.upsert(email="loop@example.com", fname="Loop")
            assert store.contacts[created.id]["fields"]["email"] == "loop@example.com"
