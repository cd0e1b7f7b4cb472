"""The API key and secret travel in every URL: no log record, exception string, repr or stored
URL may show them, whatever goes wrong."""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timezone

import httpx
import pytest
import respx

from jbcrm import JBCRMError
from jbcrm.jetpackcrm import JetpackCRM
from tests.jetpackcrm.conftest import (
    API,
    KEY,
    SECRET,
    assert_no_secret,
    check_exception,
    make_client,
)

LEAKY_URL = f"{API}/status/?api_key={KEY}&api_secret={SECRET}"
NOON = datetime(2026, 12, 1, 12, tzinfo=timezone.utc)

Scenario = Callable[[JetpackCRM], Awaitable[object]]


def answers(site: respx.MockRouter) -> None:
    """Every way the site can fail, each echoing the credentials where it could."""
    echo = f"Request was {LEAKY_URL}"
    site.get(f"{API}/status/").respond(401, json={"success": False, "data": {"message": echo}})
    site.get(f"{API}/quotes/").respond(200, text=f"<html><title>{echo}</title></html>")
    site.get(f"{API}/invoices/").respond(404, text=f"<html><title>{echo}</title></html>")
    site.get(f"{API}/events/").respond(500, text=f"<html><title>{echo}</title>{echo}</html>")
    site.get(f"{API}/transactions/").respond(200, text=f"garbage {echo}")
    site.post(f"{API}/create_customer/").respond(200, json={"error": True, "message": echo})
    site.post(f"{API}/create_company/").respond(500, json={"code": "x", "message": echo})
    site.post(f"{API}/customers/").respond(301, headers={"Location": f"https://evil.test/{echo}"})
    site.post(f"{API}/companies/").respond(200, json=[{"id": "not-a-number", "note": echo}])
    site.get(f"{API}/customer_search/").mock(side_effect=httpx.ConnectError(echo))
    site.post(f"{API}/create_event/").mock(side_effect=httpx.ReadTimeout(echo))
    site.post(f"{API}/create_transaction/").respond(400, text=echo)


SCENARIOS: list[Scenario] = [
    lambda crm: crm.status(),
    lambda crm: crm.quotes.list().to_list(),
    lambda crm: crm.invoices.list().to_list(),
    lambda crm: crm.events.list().to_list(),
    lambda crm: crm.transactions.list().to_list(),
    lambda crm: crm.customers.upsert(email="a@b.co"),
    lambda crm: crm.companies.upsert(email="a@b.co"),
    lambda crm: crm.customers.list().to_list(),
    lambda crm: crm.companies.list().to_list(),
    lambda crm: crm.customers.find_by_email("a@b.co"),
    lambda crm: crm.events.upsert(id=3, title="x", start=NOON, end=NOON),
    lambda crm: crm.transactions.upsert(orderid="o", status="s", total=1),
]


async def test_no_log_record_exception_or_repr_shows_a_credential(
    site: respx.MockRouter, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    answers(site)
    errors: list[JBCRMError] = []
    async with make_client(max_retries=1) as crm:
        for scenario in SCENARIOS:
            with pytest.raises(JBCRMError) as info:
                await scenario(crm)
            errors.append(info.value)
        for shown in (crm, crm._transport, crm.customers, crm.customers.list(search="x")):
            assert_no_secret(repr(shown))
    assert len(errors) == len(SCENARIOS)
    for error in errors:
        check_exception(error)
        assert "***" in error.url  # type: ignore[attr-defined]
        cause = error.__cause__ or error.__context__
        while cause is not None:
            assert_no_secret(str(cause) if not isinstance(cause, httpx.HTTPError) else "")
            cause = cause.__cause__
    records = [record.getMessage() for record in caplog.records]
    assert any("zbs_api" in line for line in records)
    for line in records:
        assert_no_secret(line)


async def test_httpx_request_logs_are_redacted(
    site: respx.MockRouter, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    site.get(f"{API}/status/").respond(json={"data": {}})
    async with make_client() as crm:
        await crm.status()
    httpx_lines = [r.getMessage() for r in caplog.records if r.name == "httpx"]
    assert httpx_lines
    assert all("api_secret=***" in line for line in httpx_lines)


async def test_stored_page_requests_hold_no_credentials(site: respx.MockRouter) -> None:
    site.get(f"{API}/quotes/").respond(json=[])
    async with make_client() as crm:
        async for page in crm.quotes.list().pages():
            assert_no_secret(json.dumps([page.request.url, dict(page.request.params or {})]))


async def test_a_decode_error_excerpt_is_redacted(site: respx.MockRouter) -> None:
    site.get(f"{API}/transactions/").respond(200, text=f"Notice: bad query {LEAKY_URL}")
    async with make_client() as crm:
        with pytest.raises(JBCRMError) as info:
            await crm.transactions.list().to_list()
    check_exception(info.value)
    assert "api_secret=***" in str(info.value)
