"""Invoices: unix dates read as datetimes, the site-formatted ones kept as text."""

from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal
from typing import Any

from jbcrm.jetpackcrm import JetpackCRM

UTC = timezone.utc


async def test_dates_come_from_the_unix_times_and_their_printed_forms_stay_text(
    recorded_site: Any,
) -> None:
    _, crm = recorded_site("invoices--list")
    invoices = await crm.invoices.list().to_list()
    first, paid = invoices[0], invoices[4]
    assert first.date == datetime(2026, 11, 30, 8, 0, 40, tzinfo=UTC)
    assert (first.extra["date_date"], first.extra["due_date_date"]) == (
        "November 30, 2026",
        "December 31, 2026",
    )
    assert (first.paid_date, first.extra["paid_date_date"]) == (None, False)
    assert paid.paid_date == datetime.fromtimestamp(1796025643, UTC)
    assert paid.extra["paid_date_date"] == "11/30/2026"


async def test_money_taxes_and_line_items_are_typed(recorded_site: Any) -> None:
    _, crm = recorded_site("invoices--list")
    taxed = (await crm.invoices.list().to_list())[3]
    assert (taxed.net, taxed.discount, taxed.discount_type, taxed.shipping_tax) == (
        Decimal("1000.00"), Decimal("10.00"), "%", Decimal("5.00"),
    )  # fmt: skip
    assert (taxed.taxes, taxed.shipping_taxes, taxed.send_attachments) == ("1", "1", True)
    assert [item.title for item in taxed.lineitems or []] == ["Widget", "Gadget"]
    assert taxed.custom_fields == {"addr_floor": "", "secaddr_floor": ""}
    assert "pdf_template" in taxed.extra


async def test_invoices_come_in_ascending_id_order(sandbox_client: JetpackCRM) -> None:
    assert [i.id for i in await sandbox_client.invoices.list(perpage=2).to_list()] == [
        1,
        2,
        3,
        4,
        5,
    ]
