"""Every Jetpack CRM operation of the SDK, run against the in-process sandbox."""

from __future__ import annotations

from datetime import datetime, timezone

from jbcrm.jetpackcrm import JetpackCRM
from jbcrm.sandbox import JetpackSandbox


async def test_status_answers(jetpack: JetpackCRM) -> None:
    status = await jetpack.status()
    assert status is not None


async def test_customers_list_search_find_upsert_and_update(
    jetpack: JetpackCRM, jp_sandbox: JetpackSandbox
) -> None:
    store = jp_sandbox.store
    customers = await jetpack.customers.list().to_list()
    assert len(customers) == len(store.contacts)
    assert {c.id for c in customers} == set(store.contacts)

    known = next(iter(store.contacts.values()))
    found = await jetpack.customers.find_by_email(known["fields"]["email"])
    assert found is not None
    assert found.id == known["id"]
    assert await jetpack.customers.find_by_email("nobody@nowhere.invalid") is None

    matches = await jetpack.customers.search(known["fields"]["lname"]).to_list()
    assert known["id"] in {c.id for c in matches}

    created = await jetpack.customers.upsert(email="grace@example.com", fname="Grace")
    assert created.id in store.contacts
    assert store.contacts[created.id]["fields"]["email"] == "grace@example.com"
    updated = await jetpack.customers.update("grace@example.com", lname="Hopper")
    assert updated.id == created.id
    assert store.contacts[created.id]["fields"]["lname"] == "Hopper"


async def test_companies_list_and_upsert(jetpack: JetpackCRM, jp_sandbox: JetpackSandbox) -> None:
    store = jp_sandbox.store
    companies = await jetpack.companies.list().to_list()
    assert {c.id for c in companies} == set(store.companies)
    created = await jetpack.companies.upsert(email="info@initech.example", name="Initech")
    assert created.id in store.companies
    assert created.id in {c.id for c in await jetpack.companies.list().to_list()}


async def test_quotes_invoices_transactions_and_events_list_the_store(
    jetpack: JetpackCRM, jp_sandbox: JetpackSandbox
) -> None:
    store = jp_sandbox.store
    assert {q.id for q in await jetpack.quotes.list().to_list()} == set(store.quotes)
    assert {i.id for i in await jetpack.invoices.list().to_list()} == set(store.invoices)
    transactions = await jetpack.transactions.list().to_list()
    assert {t.id for t in transactions} == set(store.transactions)
    assert {e.id for e in await jetpack.events.list().to_list()} == set(store.events)


async def test_transaction_and_event_upserts_are_stored(
    jetpack: JetpackCRM, jp_sandbox: JetpackSandbox
) -> None:
    store = jp_sandbox.store
    before = len(store.transactions)
    await jetpack.transactions.upsert(
        orderid="INT-1", status="Succeeded", total=42, email="buyer@example.com"
    )
    assert len(store.transactions) == before + 1

    customer_id = next(iter(store.contacts))
    start = datetime(2031, 5, 1, 9, tzinfo=timezone.utc)
    event = await jetpack.events.upsert(
        title="Site survey", customer=customer_id, start=start, end=start.replace(hour=10)
    )
    assert event.id in store.events
    assert event.id in {e.id for e in await jetpack.events.list().to_list()}


async def test_transaction_and_event_updates_keep_what_they_do_not_change(
    jetpack: JetpackCRM, jp_sandbox: JetpackSandbox
) -> None:
    store = jp_sandbox.store
    tx = next(t for t in store.transactions.values() if t["custom"]["channel"] and t["net"])
    saved = await jetpack.transactions.update(tx["ref"], title="Renamed")
    assert (saved.title, saved.net, saved.custom_fields["channel"]) == (
        "Renamed",
        tx["net"],
        tx["custom"]["channel"],
    )
    event = next(e for e in store.events.values() if e["reminders"] and e["contact_ids"])
    moved = await jetpack.events.update(event["id"], title="Moved")
    assert (moved.title, len(moved.reminders or []), [c.id for c in moved.contact or []]) == (
        "Moved",
        1,
        event["contact_ids"],
    )
