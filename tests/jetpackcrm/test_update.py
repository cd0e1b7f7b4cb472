"""Safe partial changes: ``customers.update`` reads, merges and writes, since upsert replaces."""

from __future__ import annotations

from datetime import datetime, timezone

import httpx
import pytest
import respx

from jbcrm import InvalidArgumentError
from jbcrm.jetpackcrm import CustomerNotFoundError, JetpackCRM
from tests.jetpackcrm.conftest import API, body, expect, fixture, query


def current() -> dict[str, object]:
    record = dict(fixture("real_customers")[0])
    for key in ("invoices", "transactions", "quotes", "facebook_pixel"):
        record.pop(key)
    return record


async def test_update_by_email_sends_every_current_field_with_the_change(
    crm: JetpackCRM, site: respx.MockRouter
) -> None:
    read = site.get(f"{API}/customer_search/").respond(json=current())
    write = site.post(f"{API}/create_customer/").mock(
        side_effect=lambda request: httpx.Response(200, json={**body(request), "id": 7})
    )
    saved = await crm.customers.update(
        "ann.lee@example.com", lname="Lee-Smith", custom_fields={"cf1": "gold"}
    )
    assert query(read.calls.last.request)["email"] == "ann.lee@example.com"
    assert "replace_hyphens_with_underscores_in_json_keys" not in query(read.calls.last.request)
    sent = body(write.calls.last.request)
    assert sent["id"] == 7
    assert sent["lname"] == "Lee-Smith"
    assert sent["fname"] == "Ann"
    assert sent["mobtel"] == "0113 496000"
    assert sent["addr1"] == "12 Mill Lane"
    assert sent["status"] == "Customer"
    assert sent["assign"] == 1
    assert sent["tags"] == ["VIP"]
    assert sent["favourite-colour"] == "teal"
    assert sent["addr_delivery"] == "Leave at reception"
    assert sent["cf1"] == "gold"
    assert saved.lname == "Lee-Smith"
    assert saved.custom_fields["cf1"] == "gold"


async def test_update_sends_nothing_when_nothing_changes(
    crm: JetpackCRM, site: respx.MockRouter
) -> None:
    site.get(f"{API}/customer_search/").respond(json=current())
    write = site.post(f"{API}/create_customer/").respond(json={"error": 100})
    saved = await crm.customers.update("ann.lee@example.com", fname="Ann")
    assert not write.called
    assert saved.id == 7


async def test_update_by_id_walks_the_list_until_it_finds_the_customer(
    crm: JetpackCRM, site: respx.MockRouter
) -> None:
    others = [{"id": str(i), "email": f"p{i}@example.com"} for i in range(1, 101)]
    listing = site.post(f"{API}/customers/").mock(
        side_effect=lambda request: httpx.Response(
            200, json=others if body(request)["page"] == 1 else [{**current(), "id": "107"}]
        )
    )
    write = site.post(f"{API}/create_customer/").respond(json={"id": 107, "fname": "Ann"})
    await crm.customers.update(107, worktel="555")
    assert [body(c.request)["page"] for c in listing.calls] == [1, 2]
    assert body(listing.calls.last.request)["tags"] is True
    assert body(write.calls.last.request)["worktel"] == "555"
    assert body(write.calls.last.request)["id"] == 107


async def test_update_of_an_unknown_customer_raises_not_found(
    crm: JetpackCRM, site: respx.MockRouter
) -> None:
    site.get(f"{API}/customer_search/").respond(json=[])
    with expect(CustomerNotFoundError):
        await crm.customers.update("ghost@example.com", fname="Casper")
    site.post(f"{API}/customers/").respond(json=[])
    with expect(CustomerNotFoundError):
        await crm.customers.update(99, fname="Casper")


async def test_update_refuses_unknown_field_names(crm: JetpackCRM) -> None:
    with pytest.raises(InvalidArgumentError, match="firstname"):
        await crm.customers.update("a@b.co", firstname="Ann")


async def test_upsert_needs_an_email_or_an_id(crm: JetpackCRM) -> None:
    with pytest.raises(InvalidArgumentError):
        await crm.customers.upsert(fname="Ann")
    with pytest.raises(InvalidArgumentError):
        await crm.companies.upsert(name="Acme")


async def test_a_custom_field_named_like_a_standard_field_is_refused(crm: JetpackCRM) -> None:
    with pytest.raises(InvalidArgumentError, match="fname"):
        await crm.customers.upsert(email="a@b.co", custom_fields={"fname": "x"})


async def test_event_times_off_the_hour_are_refused_not_moved(crm: JetpackCRM) -> None:
    with pytest.raises(InvalidArgumentError, match="whole hours"):
        await crm.events.upsert(
            title="Call", start=datetime(2024, 2, 1, 14, 30, tzinfo=timezone.utc)
        )


async def test_an_event_upsert_with_no_field_is_refused(crm: JetpackCRM) -> None:
    with pytest.raises(InvalidArgumentError):
        await crm.events.upsert()
