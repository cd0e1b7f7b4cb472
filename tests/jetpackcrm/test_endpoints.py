"""One test per operation: method, path with its trailing slash, query, JSON body, and the
decoding of the document's example response."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal

import httpx
import respx

from jbcrm.jetpackcrm import JetpackCRM, QuoteStatus
from tests.jetpackcrm.conftest import API, CREDENTIALS, body, fixture, query

UTC = timezone.utc


async def test_status_sends_get_with_credentials_and_decodes(
    crm: JetpackCRM, site: respx.MockRouter
) -> None:
    route = site.get(f"{API}/status/").respond(json=fixture("status"))
    status = await crm.status()
    request = route.calls.last.request
    assert request.url.path == "/zbs_api/status/"
    assert query(request) == CREDENTIALS
    assert status.status == "Successful Connection"
    assert status.crm_version == "6.7.2"
    assert status.db_version == "4.3"
    assert status.modules is None


async def test_status_full_asks_for_modules_and_extensions(
    crm: JetpackCRM, site: respx.MockRouter
) -> None:
    route = site.get(f"{API}/status/").respond(json=fixture("status_full"))
    status = await crm.status(full=True)
    assert query(route.calls.last.request) == {**CREDENTIALS, "full": "1"}
    assert status.modules == {"mail-campaigns": True, "client-portal": True}
    assert status.extensions is not None
    assert status.extensions["stripe"].name == "Stripe Sync"
    assert status.extensions["stripe"].version == "2.4.0"
    assert status.raw == fixture("status_full")["data"]


async def test_status_modules_sent_as_a_list_decode_to_a_mapping(
    crm: JetpackCRM, site: respx.MockRouter
) -> None:
    site.get(f"{API}/status/").respond(json=fixture("real_status_full"))
    status = await crm.status(full=True)
    assert status.modules == dict.fromkeys(
        ["invoices", "quotes", "transactions", "forms", "portal", "api"], True
    )
    assert status.extensions == {}
    assert status.raw["modules"] == fixture("real_status_full")["data"]["modules"]


async def test_customers_upsert_posts_json_body_with_custom_fields(
    crm: JetpackCRM, site: respx.MockRouter
) -> None:
    route = site.post(f"{API}/create_customer/").respond(json=fixture("create_customer"))
    customer = await crm.customers.upsert(
        email="johndoe@example.com",
        status="Lead",
        prefix="Mr",
        fname="John",
        lname="Doe",
        addr1="1 Sample Road",
        city="Sampleton",
        postcode="SAM PL4",
        assign=1,
        tags=["newsletter", "vip"],
        custom_fields={"custom-field": "bacon"},
    )
    request = route.calls.last.request
    assert request.url.path == "/zbs_api/create_customer/"
    assert query(request) == CREDENTIALS
    assert body(request) == {
        "email": "johndoe@example.com",
        "status": "Lead",
        "prefix": "Mr",
        "fname": "John",
        "lname": "Doe",
        "addr1": "1 Sample Road",
        "city": "Sampleton",
        "postcode": "SAM PL4",
        "assign": 1,
        "tags": ["newsletter", "vip"],
        "custom-field": "bacon",
    }
    assert customer.id == 135
    assert (customer.fname, customer.lname, customer.status) == ("John", "Doe", "Lead")
    assert customer.raw == fixture("create_customer")


async def test_customers_list_posts_paging_filters_and_string_include_flags(
    crm: JetpackCRM, site: respx.MockRouter
) -> None:
    route = site.post(f"{API}/customers/").respond(json=fixture("customers"))
    customers = await crm.customers.list(
        search="doe",
        owned=1,
        company=42,
        include_tags=True,
        include_invoices=True,
        include_quotes=True,
        include_transactions=True,
        perpage=20,
    ).to_list()
    request = route.calls[0].request
    assert request.url.path == "/zbs_api/customers/"
    assert query(request) == CREDENTIALS
    assert body(request) == {
        "page": 1,
        "perpage": 20,
        "search": "doe",
        "owned": 1,
        "company": 42,
        "tags": True,
        "invoices": "true",
        "quotes": "true",
        "transactions": "true",
    }
    [john] = customers
    assert john.id == 20267
    assert john.email == "john@example.com"
    assert john.created == datetime(2024, 4, 25, 3, 33, 38, tzinfo=UTC)
    assert john.createduts == datetime.fromtimestamp(1713994418, UTC)
    assert john.custom_fields == {"cf1": "Custom Field 1"}
    assert john.extra == {}


async def test_customers_list_sends_no_include_flags_by_default(
    crm: JetpackCRM, site: respx.MockRouter
) -> None:
    route = site.post(f"{API}/customers/").respond(json=[])
    assert await crm.customers.list().to_list() == []
    assert body(route.calls.last.request) == {"page": 1, "perpage": 10}


async def test_customers_search_sends_zbs_query_in_the_query_string(
    crm: JetpackCRM, site: respx.MockRouter
) -> None:
    route = site.get(f"{API}/customer_search/").respond(json=fixture("customer_search"))
    hits = await crm.customers.search("doe").to_list()
    request = route.calls[0].request
    assert request.url.path == "/zbs_api/customer_search/"
    assert query(request) == {**CREDENTIALS, "zbs_query": "doe", "page": "1", "perpage": "10"}
    assert request.content == b""
    assert [h.fullname for h in hits] == ["John Doe"]


async def test_customers_find_by_email_returns_the_customer_with_money_and_tags(
    crm: JetpackCRM, site: respx.MockRouter
) -> None:
    route = site.get(f"{API}/customer_search/").respond(json=fixture("customer_search_email"))
    customer = await crm.customers.find_by_email("john@example.com")
    assert query(route.calls.last.request) == {**CREDENTIALS, "email": "john@example.com"}
    assert customer is not None
    assert customer.id == 20267
    assert (customer.invoices, customer.transactions, customer.tags) == ([], [], [])


async def test_customers_find_by_email_returns_none_for_an_empty_array(
    crm: JetpackCRM, site: respx.MockRouter
) -> None:
    site.get(f"{API}/customer_search/").respond(json=[])
    assert await crm.customers.find_by_email("nobody@example.com") is None


async def test_companies_upsert_posts_json_body(crm: JetpackCRM, site: respx.MockRouter) -> None:
    route = site.post(f"{API}/create_company/").respond(json=fixture("create_company"))
    company = await crm.companies.upsert(
        name="Acme Inc.",
        email="hello@acme.com",
        status="Customer",
        maintel="1234 567 89",
        tags=["partner"],
        custom_fields={"custom-field": "bacon"},
    )
    request = route.calls.last.request
    assert request.url.path == "/zbs_api/create_company/"
    assert query(request) == CREDENTIALS
    assert body(request) == {
        "name": "Acme Inc.",
        "email": "hello@acme.com",
        "status": "Customer",
        "maintel": "1234 567 89",
        "tags": ["partner"],
        "custom-field": "bacon",
    }
    assert (company.id, company.name, company.city) == (442, "Acme Inc.", "Sample City")


async def test_companies_list_posts_paging_and_flags_in_the_body(
    crm: JetpackCRM, site: respx.MockRouter
) -> None:
    route = site.post(f"{API}/companies/").respond(json=fixture("companies"))
    [acme] = await crm.companies.list(
        search="acme", owned=1, include_invoices=True, include_transactions=True, perpage=20
    ).to_list()
    request = route.calls[0].request
    assert request.url.path == "/zbs_api/companies/"
    assert query(request) == CREDENTIALS
    assert body(request) == {
        "page": 1,
        "perpage": 20,
        "search": "acme",
        "owned": 1,
        "invoices": "true",
        "transactions": "true",
    }
    assert acme.created == datetime.fromtimestamp(1713994418, UTC)
    assert acme.invoices_total == Decimal("1500.00")
    assert acme.invoices_count == 3
    assert acme.transactions_paid_total == Decimal("1500.00")
    assert acme.total_value == Decimal("1500.00")
    assert acme.extra == {"created_date": "2024-04-25"}


async def test_quotes_list_gets_with_query_paging(crm: JetpackCRM, site: respx.MockRouter) -> None:
    route = site.get(f"{API}/quotes/").respond(json=fixture("quotes"))
    [quote] = await crm.quotes.list(order="ASC").to_list()
    request = route.calls[0].request
    assert request.url.path == "/zbs_api/quotes/"
    assert query(request) == {**CREDENTIALS, "order": "ASC", "page": "1", "perpage": "10"}
    assert quote.status is QuoteStatus.PUBLISHED
    assert quote.value == Decimal("500.00")
    assert quote.date == datetime.fromtimestamp(1492185770, UTC)
    assert quote.accepted is None
    assert quote.lastviewed is None
    assert quote.send_attachments is False


async def test_invoices_list_gets_with_query_paging(
    crm: JetpackCRM, site: respx.MockRouter
) -> None:
    route = site.get(f"{API}/invoices/").respond(json=fixture("invoices"))
    [invoice] = await crm.invoices.list().to_list()
    request = route.calls[0].request
    assert request.url.path == "/zbs_api/invoices/"
    assert query(request) == {**CREDENTIALS, "page": "1", "perpage": "10"}
    assert invoice.id_override == "INV-0042"
    assert invoice.total == Decimal("500.00")
    assert invoice.due_date == datetime.fromtimestamp(1716586418, UTC)
    assert invoice.paid_date is None


async def test_transactions_list_gets_with_query_paging(
    crm: JetpackCRM, site: respx.MockRouter
) -> None:
    route = site.get(f"{API}/transactions/").respond(json=fixture("transactions"))
    [tx] = await crm.transactions.list(perpage=5).to_list()
    request = route.calls[0].request
    assert request.url.path == "/zbs_api/transactions/"
    assert query(request) == {**CREDENTIALS, "page": "1", "perpage": "5"}
    assert (tx.ref, tx.status_bool, tx.type_accounting, tx.is_paid) == (
        "ORDER-0042",
        1,
        "credit",
        True,
    )
    assert tx.total == Decimal("79.99")
    assert tx.date_paid == datetime.fromtimestamp(1714237915, UTC)


async def test_transactions_upsert_posts_the_order(crm: JetpackCRM, site: respx.MockRouter) -> None:
    route = site.post(f"{API}/create_transaction/").respond(json=fixture("create_transaction"))
    tx = await crm.transactions.upsert(
        orderid="ORDER-0042",
        email="john@example.com",
        fname="John",
        status="Completed",
        total=Decimal("79.99"),
        net="59.99",
        tax="0.00",
        fee=10,
        discount="10.00",
        currency="USD",
        title="Your Item Name",
        date=datetime.fromtimestamp(1714237915, UTC),
        custom_fields={"channel": "web"},
    )
    request = route.calls.last.request
    assert request.url.path == "/zbs_api/create_transaction/"
    assert query(request) == CREDENTIALS
    assert body(request) == {
        "orderid": "ORDER-0042",
        "email": "john@example.com",
        "fname": "John",
        "status": "Completed",
        "total": "79.99",
        "net": "59.99",
        "tax": "0.00",
        "fee": 10,
        "discount": "10.00",
        "currency": "USD",
        "title": "Your Item Name",
        "date": 1714237915,
        "channel": "web",
    }
    assert tx.id == 20286
    assert tx.ref == "ORDER-0042"
    assert tx.net == Decimal("59.99")
    assert tx.custom_fields == {}


async def test_events_list_sends_owner_and_decodes_times(
    crm: JetpackCRM, site: respx.MockRouter
) -> None:
    route = site.get(f"{API}/events/").respond(json=fixture("events"))
    [event] = await crm.events.list(owner=1).to_list()
    request = route.calls[0].request
    assert request.url.path == "/zbs_api/events/"
    assert query(request) == {**CREDENTIALS, "owner": "1", "page": "1", "perpage": "10"}
    assert event.start == datetime(2024, 2, 1, 15, 0, tzinfo=UTC)
    assert event.end == datetime(2024, 2, 1, 16, 0, tzinfo=UTC)
    assert (event.complete, event.show_on_portal, event.show_on_cal) == (False, False, True)
    assert event.desc == "Discuss renewal options"


async def test_events_upsert_sends_the_hour_format_and_reads_the_echo_like_a_record(
    crm: JetpackCRM, site: respx.MockRouter
) -> None:
    route = site.post(f"{API}/create_event/").respond(json=fixture("create_event"))
    event = await crm.events.upsert(
        title="Follow-up call",
        customer=44149,
        notes="Discuss renewal options",
        start=datetime(2024, 2, 1, 14, tzinfo=UTC),
        end=datetime(2024, 2, 1, 15),
        remind_24h=True,
        complete=False,
        owner=1,
    )
    request = route.calls.last.request
    assert request.url.path == "/zbs_api/create_event/"
    assert body(request) == {
        "title": "Follow-up call",
        "customer": 44149,
        "notes": "Discuss renewal options",
        "from": "02/01/2024 14:00:00",
        "to": "02/01/2024 15:00:00",
        "notify": 24,
        "complete": 0,
        "owner": 1,
    }
    assert event.id == 44155
    assert event.desc == "Discuss renewal options"
    assert event.start == datetime(2024, 2, 1, 14, tzinfo=UTC)
    assert event.end == datetime(2024, 2, 1, 15, tzinfo=UTC)
    assert event.customer == 44149
    assert event.raw == fixture("create_event")


async def test_event_times_are_converted_to_utc(crm: JetpackCRM, site: respx.MockRouter) -> None:
    route = site.post(f"{API}/create_event/").respond(json={"id": 1})
    paris = timezone(timedelta(hours=1))
    await crm.events.upsert(id=1, start=datetime(2024, 2, 1, 15, tzinfo=paris))
    assert body(route.calls.last.request) == {"id": 1, "from": "02/01/2024 14:00:00"}


async def test_every_endpoint_answers_on_the_query_route(site: respx.MockRouter) -> None:
    from tests.jetpackcrm.conftest import SITE, make_client

    route = site.get(f"{SITE}/").mock(return_value=httpx.Response(200, json=[]))
    async with make_client(route="query") as crm:
        await crm.quotes.list().to_list()
    request = route.calls.last.request
    assert request.url.path == "/"
    assert query(request) == {**CREDENTIALS, "zbs_api": "quotes", "page": "1", "perpage": "10"}
