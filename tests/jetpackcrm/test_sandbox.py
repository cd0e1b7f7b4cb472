"""Against the simulated site, which behaves like the real plugin: replace-on-upsert, sticky
statuses, misconfigured rewrites, body-only paging."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from jbcrm import ResponseDecodeError
from jbcrm.jetpackcrm import JetpackCRM, RequestRejectedError
from jbcrm.sandbox import JetpackSandbox
from tests.jetpackcrm.conftest import check_exception
from tests.leak_guard import SANDBOX_KEY, SANDBOX_SECRET


@pytest.fixture
def sandbox() -> JetpackSandbox:
    return JetpackSandbox(seed=3, scale=0.05, api_key=SANDBOX_KEY, api_secret=SANDBOX_SECRET)


def connect(sandbox: JetpackSandbox, **options: object) -> JetpackCRM:
    return JetpackCRM(
        sandbox.base_url,
        api_key=sandbox.api_key,
        api_secret=sandbox.api_secret,
        http_client=httpx.AsyncClient(transport=sandbox.transport()),
        rate_limit=None,
        **options,  # type: ignore[arg-type]
    )


@pytest.fixture
async def crm(sandbox: JetpackSandbox) -> AsyncIterator[JetpackCRM]:
    async with connect(sandbox) as client:
        yield client


async def test_every_list_reads_every_record(crm: JetpackCRM, sandbox: JetpackSandbox) -> None:
    store = sandbox.store
    assert len(await crm.customers.list(perpage=7).to_list()) == len(store.contacts)
    assert len(await crm.companies.list(perpage=2).to_list()) == len(store.companies)
    assert len(await crm.quotes.list(perpage=3).to_list()) == len(store.quotes)
    assert len(await crm.invoices.list(perpage=4).to_list()) == len(store.invoices)
    assert len(await crm.transactions.list(perpage=5).to_list()) == len(store.transactions)
    assert len(await crm.events.list(perpage=2).to_list()) == len(store.events)


async def test_upsert_blanks_unsent_fields_and_update_keeps_them(crm: JetpackCRM) -> None:
    await crm.customers.upsert(email="kim@example.com", fname="Kim", lname="Berg", mobtel="1")
    await crm.customers.update("kim@example.com", lname="Berg-Lund")
    kept = await crm.customers.find_by_email("kim@example.com")
    assert kept is not None
    assert (kept.fname, kept.lname, kept.mobtel) == ("Kim", "Berg-Lund", "1")
    await crm.customers.upsert(email="kim@example.com", lname="Lund")
    replaced = await crm.customers.find_by_email("kim@example.com")
    assert replaced is not None
    assert (replaced.fname, replaced.lname, replaced.mobtel) == ("", "Lund", "")


async def test_update_by_id_keeps_custom_fields_and_tags(crm: JetpackCRM) -> None:
    saved = await crm.customers.upsert(
        email="rosa@example.com", fname="Rosa", tags=["vip"], custom_fields={"cf1": "Ref 1"}
    )
    await crm.customers.update(saved.id, fname="Rosalind")
    found = await crm.customers.find_by_email("rosa@example.com")
    assert found is not None
    assert found.fname == "Rosalind"
    assert found.custom_fields["cf1"] == "Ref 1"
    assert [t.name for t in found.tags or []] == ["vip"]


async def test_a_customer_stays_a_customer_whatever_the_upsert_says(crm: JetpackCRM) -> None:
    await crm.customers.upsert(email="lee@example.com", status="Customer")
    echo = await crm.customers.upsert(email="lee@example.com", status="Lead")
    assert echo.status == "Lead"
    stored = await crm.customers.find_by_email("lee@example.com")
    assert stored is not None
    assert stored.status == "Customer"


async def test_a_transaction_for_a_new_email_creates_a_customer(crm: JetpackCRM) -> None:
    await crm.transactions.upsert(
        orderid="WEB-1", status="Completed", total="12.50", email="new@example.com", fname="Neo"
    )
    again = await crm.transactions.upsert(orderid="WEB-1", status="Completed", total="15.00")
    customer = await crm.customers.find_by_email("new@example.com")
    assert customer is not None
    assert (customer.fname, customer.status) == ("Neo", "Customer")
    listed = [t for t in await crm.transactions.list(perpage=50).to_list() if t.ref == "WEB-1"]
    assert [t.id for t in listed] == [again.id]


async def test_a_customer_upsert_by_an_id_that_changes_nothing_is_rejected(
    crm: JetpackCRM,
) -> None:
    saved = await crm.customers.upsert(email="same@example.com", fname="Sam")
    with pytest.raises(RequestRejectedError, match="error 100") as info:
        await crm.customers.upsert(id=saved.id, email="same@example.com", fname="Sam")
    check_exception(info.value)


async def test_an_event_round_trips_its_times(crm: JetpackCRM) -> None:
    from datetime import datetime, timezone

    start = datetime(2027, 3, 4, 9, tzinfo=timezone.utc)
    saved = await crm.events.upsert(title="Install", start=start, end=start.replace(hour=11))
    [stored] = [e for e in await crm.events.list(perpage=100).to_list() if e.id == saved.id]
    assert (stored.start, stored.end, stored.title) == (saved.start, saved.end, "Install")


async def test_unflushed_rewrites_fail_with_a_hint_and_the_query_route_works(
    sandbox: JetpackSandbox,
) -> None:
    sandbox.misconfigured = True
    async with connect(sandbox) as pretty:
        with pytest.raises(ResponseDecodeError, match="route='query'") as info:
            await pretty.status()
        check_exception(info.value)
    async with connect(sandbox, route="query") as query_route:
        assert (await query_route.status(full=True)).modules is not None
        assert len(await query_route.customers.list(perpage=100).to_list()) == len(
            sandbox.store.contacts
        )
