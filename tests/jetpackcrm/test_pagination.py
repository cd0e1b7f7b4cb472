"""Page-number pagination: from 1, ``perpage`` per request, stop at an empty or short page;
in the JSON body for customers and companies, in the query for the others."""

from __future__ import annotations

import httpx
import pytest
import respx

from jbcrm import InvalidArgumentError
from jbcrm.jetpackcrm import JetpackCRM
from tests.jetpackcrm.conftest import API, body, query


def people(start: int, count: int) -> list[dict[str, object]]:
    return [{"id": str(i), "email": f"p{i}@example.com"} for i in range(start, start + count)]


def by_body_page(request: httpx.Request) -> httpx.Response:
    sent = body(request)
    page, perpage = sent["page"], sent["perpage"]
    first = (page - 1) * perpage + 1
    return httpx.Response(200, json=people(first, max(0, min(perpage, 7 - first + 1))))


async def test_customers_page_in_the_body_until_a_short_page(
    crm: JetpackCRM, site: respx.MockRouter
) -> None:
    route = site.post(f"{API}/customers/").mock(side_effect=by_body_page)
    customers = await crm.customers.list(search="p", perpage=3).to_list()
    assert [c.id for c in customers] == [1, 2, 3, 4, 5, 6, 7]
    sent = [body(call.request) for call in route.calls]
    assert sent == [{"search": "p", "page": n, "perpage": 3} for n in (1, 2, 3)]
    assert all("page" not in query(call.request) for call in route.calls)


async def test_a_full_last_page_is_followed_by_one_empty_page(
    crm: JetpackCRM, site: respx.MockRouter
) -> None:
    route = site.get(f"{API}/transactions/").mock(
        side_effect=[
            httpx.Response(200, json=[{"id": 1}, {"id": 2}]),
            httpx.Response(200, json=[]),
        ]
    )
    assert [t.id for t in await crm.transactions.list(perpage=2).to_list()] == [1, 2]
    assert [query(c.request)["page"] for c in route.calls] == ["1", "2"]


async def test_companies_page_in_the_body(crm: JetpackCRM, site: respx.MockRouter) -> None:
    route = site.post(f"{API}/companies/").mock(
        side_effect=[httpx.Response(200, json=[{"id": 1}]), httpx.Response(200, json=[])]
    )
    assert [c.id for c in await crm.companies.list(perpage=1).to_list()] == [1]
    assert [body(c.request) for c in route.calls] == [
        {"page": 1, "perpage": 1},
        {"page": 2, "perpage": 1},
    ]


async def test_nothing_is_sent_until_iteration_and_breaking_stops_requests(
    crm: JetpackCRM, site: respx.MockRouter
) -> None:
    route = site.get(f"{API}/invoices/").respond(json=[{"id": 1}, {"id": 2}])
    pages = crm.invoices.list(perpage=2)
    assert route.call_count == 0
    async for invoice in pages:
        assert invoice.id == 1
        break
    assert route.call_count == 1


async def test_pages_are_available_as_page_objects(crm: JetpackCRM, site: respx.MockRouter) -> None:
    site.get(f"{API}/events/").mock(
        side_effect=[httpx.Response(200, json=[{"id": 1}]), httpx.Response(200, json=[])]
    )
    numbers = [(page.number, len(page.items)) async for page in crm.events.list(perpage=1).pages()]
    assert numbers == [(1, 1), (2, 0)]


async def test_read_ahead_prefetches_pages_in_order(
    crm: JetpackCRM, site: respx.MockRouter
) -> None:
    def page(request: httpx.Request) -> httpx.Response:
        number = int(request.url.params["page"])
        return httpx.Response(200, json=[{"id": number}] if number <= 4 else [])

    route = site.get(f"{API}/quotes/").mock(side_effect=page)
    quotes = await crm.quotes.list(perpage=1, read_ahead=True).to_list()
    assert [q.id for q in quotes] == [1, 2, 3, 4]
    assert route.call_count > 5


async def test_prefetch_is_off_by_default(crm: JetpackCRM, site: respx.MockRouter) -> None:
    route = site.get(f"{API}/quotes/").mock(
        side_effect=[httpx.Response(200, json=[{"id": 1}]), httpx.Response(200, json=[])]
    )
    await crm.quotes.list(perpage=1).to_list()
    assert route.call_count == 2


@pytest.mark.parametrize("perpage", [0, -1])
def test_a_perpage_below_one_is_refused(crm: JetpackCRM, perpage: int) -> None:
    with pytest.raises(InvalidArgumentError, match="perpage"):
        crm.customers.list(perpage=perpage)
