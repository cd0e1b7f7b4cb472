"""Transactions: the plugin's columns apart from custom fields, an upsert that replaces, and an
update that keeps everything it does not change."""

from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal
from typing import Any

import pytest

from jbcrm import InvalidArgumentError
from jbcrm.jetpackcrm import JetpackCRM, RecordNotFoundError, RequestRejectedError
from tests.jetpackcrm.conftest import body, expect

UTC = timezone.utc


async def test_list_reads_the_plugins_columns_apart_from_the_custom_fields(
    recorded_site: Any,
) -> None:
    _, crm = recorded_site("transactions--list")
    first = (await crm.transactions.list().to_list())[0]
    assert first.custom_fields == {"channel": "web", "addr_floor": "", "secaddr_floor": ""}
    assert (first.hash, first.customer_ip, first.taxes, first.shipping_taxes) == ("", "", "1", "1")
    assert (first.date_completed, first.lineitems, first.owner) == (None, [], None)
    assert (first.total, first.shipping_tax, first.is_paid) == (
        Decimal("126.00"),
        Decimal("2.00"),
        True,
    )
    assert first.date == datetime.fromtimestamp(1795000000, UTC)


async def test_a_date_is_the_unix_time_and_its_site_local_text_stays_text(
    recorded_site: Any,
) -> None:
    _, crm = recorded_site("transactions--tz-new-york")
    [tx] = await crm.transactions.list(perpage=1).to_list()
    assert tx.date == datetime(2026, 11, 29, 9, tzinfo=UTC)
    assert tx.extra["date_date"] == "2026-11-29 04:00:00"


async def test_upsert_posts_every_column_given_and_the_custom_fields(recorded_site: Any) -> None:
    site, crm = recorded_site("create_transaction--new")
    tx = await crm.transactions.upsert(
        orderid="ORD-2001", email="ann.archer@example.com", status="Succeeded", type="Sale",
        title="Add-on seats", desc="Five extra seats", date=datetime.fromtimestamp(1795200000, UTC),
        currency="USD", net="50.00", fee="1.00", discount="0.00", tax=Decimal("10.00"),
        taxes="1", shipping="5.00", shipping_tax="1.00", shipping_taxes="1", total="66.00",
        custom_fields={"channel": "web"},
    )  # fmt: skip
    assert body(site.requests[0]) == {
        "orderid": "ORD-2001", "email": "ann.archer@example.com", "status": "Succeeded",
        "type": "Sale", "title": "Add-on seats", "desc": "Five extra seats", "date": 1795200000,
        "currency": "USD", "net": "50.00", "fee": "1.00", "discount": "0.00", "tax": "10.00",
        "taxes": "1", "shipping": "5.00", "shipping_tax": "1.00", "shipping_taxes": "1",
        "total": "66.00", "channel": "web",
    }  # fmt: skip
    assert (tx.id, tx.ref, tx.custom_fields) == (7, "ORD-2001", {"channel": "web"})


async def test_a_missing_required_field_is_rejected_with_the_plugins_words(
    recorded_site: Any,
) -> None:
    _, crm = recorded_site("create_transaction--missing-total")
    with expect(RequestRejectedError) as info:
        await crm.transactions.upsert(orderid="ORD-2003", status="Succeeded", total="")
    assert "Missing required field: total" in str(info.value)


async def test_upsert_by_an_existing_orderid_resets_what_is_not_sent(
    sandbox_client: JetpackCRM,
) -> None:
    await sandbox_client.transactions.upsert(orderid="ORD-1001", status="Refunded", total="126")
    first = (await sandbox_client.transactions.list().to_list())[0]
    assert (first.status, first.date, first.currency, first.net) == (
        "Refunded",
        None,
        "",
        Decimal("0.00"),
    )
    assert first.custom_fields["channel"] == ""


async def test_update_changes_some_fields_and_keeps_every_other(sandbox_client: JetpackCRM) -> None:
    saved = await sandbox_client.transactions.update(
        "ORD-1001", status="Refunded", custom_fields={"channel": "phone"}
    )
    first = (await sandbox_client.transactions.list().to_list())[0]
    for tx in (saved, first):
        assert (tx.status, tx.type, tx.title, tx.desc) == (
            "Refunded",
            "Sale",
            "Annual licence",
            "Licence renewal",
        )
        assert (tx.date, tx.currency, tx.net, tx.fee) == (
            datetime.fromtimestamp(1795000000, UTC),
            "USD",
            Decimal("100.00"),
            Decimal("2.50"),
        )
        assert (tx.taxes, tx.shipping_taxes, tx.tax, tx.total) == (
            "1",
            "1",
            Decimal("19.00"),
            Decimal("126.00"),
        )
        assert tx.custom_fields["channel"] == "phone"


async def test_update_can_move_the_date_and_finds_transactions_past_the_first_page(
    sandbox_client: JetpackCRM,
) -> None:
    for n in range(100):
        await sandbox_client.transactions.upsert(orderid=f"BULK-{n}", status="Completed", total=1)
    moved = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    saved = await sandbox_client.transactions.update("BULK-99", date=moved, title="Last")
    assert (saved.ref, saved.date, saved.title, saved.total) == (
        "BULK-99",
        moved,
        "Last",
        Decimal("1.00"),
    )


async def test_update_of_an_unknown_orderid_raises_not_found(sandbox_client: JetpackCRM) -> None:
    with expect(RecordNotFoundError):
        await sandbox_client.transactions.update("ORD-NOPE", status="Paid")
    with pytest.raises(InvalidArgumentError, match="cannot set orderid"):
        await sandbox_client.transactions.update("ORD-1001", orderid="ORD-2")


@pytest.mark.parametrize(
    "fields",
    [{"date": "2026-01-01"}, {"date": True}, {"custom_fields": ["channel"]}],
)
async def test_values_of_the_wrong_type_are_refused_before_anything_is_sent(
    crm: JetpackCRM, fields: dict[str, Any]
) -> None:
    with pytest.raises(InvalidArgumentError):
        await crm.transactions.upsert(orderid="A", status="Paid", total=1, **fields)


async def test_a_recorded_read_back_shows_what_an_upsert_by_orderid_resets(
    recorded_site: Any,
) -> None:
    _, crm = recorded_site("transactions--after-same-orderid")
    [tx] = await crm.transactions.list(perpage=1).to_list()
    assert (tx.ref, tx.title, tx.total) == ("ORD-2001", "Add-on seats (refunded)", Decimal("66.00"))
    assert (tx.date, tx.type, tx.currency, tx.net, tx.taxes) == (None, "", "", Decimal("0.00"), "")
    assert tx.custom_fields["channel"] == ""
