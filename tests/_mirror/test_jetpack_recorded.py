"""The Jetpack CRM mirror on what a real plugin 6.4.4 sent: every recorded list answer is
mirrored row for row, with no bad record."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import httpx
import pytest

import jbcrm
from tests._mirror.conftest import as_json, count, query
from tests.recorded_exchanges import exchange

KEY, SECRET = "jpcrm_pk_recorded", "jpcrm_sk_recorded"
#: The table each recorded listing fills, and the recording answering its first page.
RECORDED = {
    "customers": ("jetpack_customers", "customers--tags-string-true"),
    "companies": ("jetpack_companies", "companies--list"),
    "quotes": ("jetpack_quotes", "quotes--list"),
    "invoices": ("jetpack_invoices", "invoices--list"),
    "transactions": ("jetpack_transactions", "transactions--list"),
    "events": ("jetpack_events", "events--list"),
}


def _page(request: httpx.Request) -> int:
    if request.content:
        return int(json.loads(request.content).get("page", 1))
    return int(request.url.params.get("page", "1"))


@pytest.mark.parametrize("resource", list(RECORDED))
async def test_a_recorded_listing_is_mirrored_row_for_row(resource: str, sqlite_url: str) -> None:
    table, name = RECORDED[resource]
    recorded = exchange(name)

    def answer(request: httpx.Request) -> httpx.Response:
        assert request.url.path.rstrip("/").endswith(resource)
        if _page(request) == 1:
            return recorded.response(request, KEY, SECRET)
        return httpx.Response(200, json=[], request=request)

    async with (
        httpx.AsyncClient(transport=httpx.MockTransport(answer)) as http,
        jbcrm.JetpackCRM(
            "https://crm.example.com", api_key=KEY, api_secret=SECRET, rate_limit=None,
            http_client=http,
        ) as crm,
    ):  # fmt: skip
        summary = await jbcrm.mirror(crm, sqlite_url, resources=[resource])
    records = recorded.data()
    assert records
    assert summary.ok, summary.failures
    assert summary.tables[table].inserted == len(records)
    assert await count(sqlite_url, table) == len(records)
    first = records[0]
    [row] = await query(sqlite_url, f"SELECT * FROM {table} WHERE id = :id", id=int(first["id"]))
    assert as_json(row.raw) == first
    stamp = first.get("createduts", first.get("created"))
    if stamp not in (None, "", 0, "0", -1):
        expected = datetime.fromtimestamp(int(stamp), timezone.utc)
        assert str(row.created_at)[:19] == expected.strftime("%Y-%m-%d %H:%M:%S")
