"""Quotes: newest first whatever is asked, line items, derived statuses."""

from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal
from typing import Any

from jbcrm.jetpackcrm import JetpackCRM, QuoteStatus
from tests.jetpackcrm.conftest import query

UTC = timezone.utc


async def test_list_pages_in_the_query_and_reads_line_items(recorded_site: Any) -> None:
    site, crm = recorded_site("quotes--list")
    quotes = await crm.quotes.list().to_list()
    sent = query(site.requests[0])
    assert (sent["page"], sent["perpage"], "order" in sent) == ("1", "10", False)
    assert [q.id for q in quotes] == [5, 4, 3, 2, 1]
    assert [q.status for q in quotes] == [
        QuoteStatus.ACCEPTED, QuoteStatus.PUBLISHED, QuoteStatus.ACCEPTED, QuoteStatus.PUBLISHED,
        QuoteStatus.DRAFT,
    ]  # fmt: skip
    [support] = quotes[0].lineitems or []
    assert (support.quantity, support.price, support.tax, support.total) == (
        Decimal("12"), Decimal("50.00"), Decimal("120.00"), Decimal("720.00"),
    )  # fmt: skip
    assert quotes[0].accepted == datetime.fromtimestamp(1796025643, UTC)
    assert quotes[0].content is None
    assert quotes[0].custom_fields == {"addr_floor": "", "secaddr_floor": ""}
    assert {"acceptedsigned", "acceptedip", "date_date"} <= quotes[0].extra.keys()


async def test_the_plugin_sends_quotes_newest_first_and_reads_no_order(
    sandbox_client: JetpackCRM,
) -> None:
    ids = [q.id for q in await sandbox_client.quotes.list(perpage=2).to_list()]
    assert ids == [5, 4, 3, 2, 1]
