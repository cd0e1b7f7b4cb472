"""Seeded data of the simulated Jetpack CRM: deterministic, scalable, realistic enough."""

from __future__ import annotations

import httpx

from jbcrm.sandbox import JetpackSandbox
from jbcrm.sandbox.jetpack._php import is_valid_email


def _snapshot(sandbox: JetpackSandbox) -> list[object]:
    store = sandbox.store
    return [
        list(store.contacts.values()),
        list(store.companies.values()),
        list(store.transactions.values()),
        list(store.events.values()),
    ]


def test_same_seed_gives_the_same_data_and_another_seed_does_not() -> None:
    assert _snapshot(JetpackSandbox(seed=5)) == _snapshot(JetpackSandbox(seed=5))
    assert _snapshot(JetpackSandbox(seed=5)) != _snapshot(JetpackSandbox(seed=6))


def test_default_scale_has_about_500_contacts_and_60_companies() -> None:
    store = JetpackSandbox().store
    assert len(store.contacts) == 500
    assert len(store.companies) == 60
    assert store.quotes
    assert store.invoices
    assert store.transactions
    assert store.events


def test_scale_multiplies_the_record_counts() -> None:
    store = JetpackSandbox(scale=0.1).store
    assert len(store.contacts) == 50
    assert len(store.companies) == 6


def test_contacts_have_unique_valid_emails_names_and_some_tags() -> None:
    contacts = list(JetpackSandbox().store.contacts.values())
    emails = [c["fields"]["email"] for c in contacts]
    assert len(set(emails)) == len(emails)
    assert all(is_valid_email(e) for e in emails)
    assert all(c["fields"]["fname"] and c["fields"]["lname"] for c in contacts)
    assert any(c["tag_ids"] for c in contacts)
    assert any(c["custom"]["birthday"] for c in contacts)
    assert any(c["fields"]["seccity"] for c in contacts)


def test_money_records_are_attached_to_contacts() -> None:
    store = JetpackSandbox().store
    with_invoices = [c for c in store.contacts.values() if store.invoices_of(c["id"])]
    with_transactions = [c for c in store.contacts.values() if store.transactions_of(c["id"])]
    assert with_invoices
    assert with_transactions
    assert any(store.quotes_of(c["id"]) for c in store.contacts.values())


def test_the_reference_site_holds_the_recorded_sites_records() -> None:
    store = JetpackSandbox(data="reference").store
    counts = [len(store.contacts), len(store.companies), len(store.quotes), len(store.invoices)]
    assert counts == [13, 3, 5, 5]
    assert (len(store.transactions), len(store.events)) == (6, 5)
    assert store.contacts[2]["fields"]["email"] == "ann.archer@example.com"
    assert [c["id"] for c in store.members_of(1)] == [2, 3]


async def test_writes_persist_in_one_instance_only() -> None:
    first, second = JetpackSandbox(), JetpackSandbox()
    params = {"api_key": first.api_key, "api_secret": first.api_secret}
    async with httpx.AsyncClient(transport=first.transport(), base_url=first.base_url) as client:
        body = {"email": "kept@example.com"}
        await client.post("/zbs_api/create_customer/", params=params, json=body)
    assert first.store.contact_by_email("kept@example.com") is not None
    assert second.store.contact_by_email("kept@example.com") is None
