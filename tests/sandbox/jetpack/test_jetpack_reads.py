"""The simulated read endpoints: paging rules, include flags, shapes and types."""

from __future__ import annotations

from typing import Any

import httpx

from jbcrm.sandbox import JetpackSandbox

Auth = dict[str, str]


async def _customers(client: httpx.AsyncClient, auth: Auth, body: Any) -> Any:
    response = await client.post("/zbs_api/customers/", params=auth, json=body)
    assert response.status_code == 200
    return response.json()


async def _get(client: httpx.AsyncClient, auth: Auth, endpoint: str, **params: str) -> Any:
    response = await client.get(f"/zbs_api/{endpoint}/", params={**auth, **params})
    assert response.status_code == 200
    return response.json()


def _ids(rows: list[dict[str, Any]]) -> list[int]:
    return [int(row["id"]) for row in rows]


async def test_status_full_lists_module_names(client: httpx.AsyncClient, auth: Auth) -> None:
    plain = await _get(client, auth, "status")
    assert plain["data"]["status"] == "Successful Connection"
    assert "modules" not in plain["data"]
    full = await _get(client, auth, "status", full="1")
    assert isinstance(full["data"]["modules"], list)
    assert all(isinstance(name, str) for name in full["data"]["modules"])


async def test_customers_page_defaults_to_ten_in_ascending_id_order(
    client: httpx.AsyncClient, auth: Auth
) -> None:
    assert _ids(await _customers(client, auth, {})) == list(range(1, 11))
    assert _ids(await _customers(client, auth, {"page": 2, "perpage": 3})) == [4, 5, 6]


async def test_customers_page_zero_or_negative_is_the_first_page(
    client: httpx.AsyncClient, auth: Auth
) -> None:
    for page in (0, -3, "0"):
        rows = await _customers(client, auth, {"page": page, "perpage": 2})
        assert _ids(rows) == [1, 2]


async def test_customers_past_the_end_and_perpage_zero_give_empty_lists(
    client: httpx.AsyncClient, auth: Auth
) -> None:
    assert await _customers(client, auth, {"page": 999, "perpage": 10}) == []
    assert await _customers(client, auth, {"perpage": 0}) == []


async def test_customers_minus_one_paging_returns_everyone(
    sandbox: JetpackSandbox, client: httpx.AsyncClient, auth: Auth
) -> None:
    rows = await _customers(client, auth, {"page": -1, "perpage": -1})
    assert len(rows) == len(sandbox.store.contacts) == 500
    assert _ids(rows) == sorted(_ids(rows))


async def test_customers_ignores_paging_in_the_query_string(
    client: httpx.AsyncClient, auth: Auth
) -> None:
    response = await client.get("/zbs_api/customers/", params={**auth, "page": "3"})
    assert _ids(response.json()) == list(range(1, 11))


async def test_customers_accepts_any_method_and_reads_its_json_body(
    client: httpx.AsyncClient, auth: Auth
) -> None:
    for method in ("GET", "POST", "PUT", "DELETE", "PATCH"):
        response = await client.request(
            method, "/zbs_api/customers/", params=auth, json={"perpage": 2, "page": 2}
        )
        assert _ids(response.json()) == [3, 4], method


async def test_customers_bad_json_is_an_error_inside_a_200(
    client: httpx.AsyncClient, auth: Auth
) -> None:
    response = await client.post("/zbs_api/customers/", params=auth, content=b"{nope")
    assert response.status_code == 200
    assert response.json() == {"error": True, "message": "Invalid JSON data"}


async def test_customers_include_flags_count_only_the_string_true(
    client: httpx.AsyncClient, auth: Auth
) -> None:
    flags = {"invoices": True, "quotes": 1, "transactions": "yes"}
    ignored = (await _customers(client, auth, {"perpage": 1, **flags}))[0]
    assert not {"invoices", "quotes", "transactions"} & ignored.keys()
    body = {"perpage": 1, "invoices": "true", "quotes": "true", "transactions": "true"}
    included = (await _customers(client, auth, body))[0]
    assert {"invoices", "quotes", "transactions"} <= included.keys()


async def test_customers_tags_flag_is_a_php_bool_cast(
    client: httpx.AsyncClient, auth: Auth
) -> None:
    for truthy in ("false", True, 1, "no"):
        assert "tags" in (await _customers(client, auth, {"perpage": 1, "tags": truthy}))[0]
    for falsy in (False, 0, "", "0"):
        assert "tags" not in (await _customers(client, auth, {"perpage": 1, "tags": falsy}))[0]


async def test_customers_filters_by_search_owner_and_company(
    sandbox: JetpackSandbox, client: httpx.AsyncClient, auth: Auth
) -> None:
    found = await _customers(client, auth, {"search": "doe", "perpage": -1})
    assert found
    assert all("doe" in f"{c['fullname']} {c['email']}".lower() for c in found)
    owned = await _customers(client, auth, {"owned": 2, "perpage": -1})
    assert owned
    assert {c["owner"] for c in owned} == {"2"}
    company_id = next(c.company_ids[0] for c in sandbox.store.contacts.values() if c.company_ids)
    members = await _customers(client, auth, {"company": company_id, "perpage": -1})
    assert members
    assert all(company_id in sandbox.store.contacts[int(c["id"])].company_ids for c in members)


async def test_contacts_carry_the_plugin_types_and_custom_fields(
    client: httpx.AsyncClient, auth: Auth
) -> None:
    contact = (await _customers(client, auth, {"perpage": 1}))[0]
    for key in ("id", "owner", "createduts", "lastupdated"):
        assert isinstance(contact[key], str), key
        assert contact[key].lstrip("-").isdigit(), key
    assert len(contact["created"]) == 19
    assert contact["created"][4] == "-"
    assert contact["created"][13] == ":"
    assert contact["lastcontacted"] == -1
    assert contact["lastcontacted_date"] is False
    assert contact["created_date"].count("/") == 2
    for slug in ("favourite-colour", "cf1", "addr_delivery", "secaddr_delivery"):
        assert isinstance(contact[slug], str), slug
    assert contact["fullname"] == f"{contact['fname']} {contact['lname']}"


async def test_customer_search_by_email_returns_one_object_with_financials(
    sandbox: JetpackSandbox, client: httpx.AsyncClient, auth: Auth
) -> None:
    email = sandbox.store.contacts[7].email
    found = await _get(client, auth, "customer_search", email=email)
    assert isinstance(found, dict)
    assert found["id"] == "7"
    assert {"invoices", "transactions", "tags"} <= found.keys()
    assert await _get(client, auth, "customer_search", email="nobody@nowhere.example") == []


async def test_customer_search_by_phrase_pages_through_matches(
    client: httpx.AsyncClient, auth: Auth
) -> None:
    hits = await _get(client, auth, "customer_search", zbs_query="Leeds", perpage="100")
    assert hits
    assert all("Leeds" in (c["city"] + c["seccity"]) for c in hits)
    first_two = await _get(client, auth, "customer_search", zbs_query="Leeds", perpage="2")
    assert first_two == hits[:2]


async def test_replace_hyphens_rewrites_custom_field_keys(
    client: httpx.AsyncClient, auth: Auth
) -> None:
    rows = await _get(
        client,
        auth,
        "customer_search",
        zbs_query="a",
        perpage="1",
        replace_hyphens_with_underscores_in_json_keys="1",
    )
    assert "favourite_colour" in rows[0]
    assert "favourite-colour" not in rows[0]


async def test_companies_is_post_only_and_mixes_up_its_arguments(
    client: httpx.AsyncClient, auth: Auth
) -> None:
    async def companies(body: dict[str, Any]) -> Any:
        response = await client.post("/zbs_api/companies/", params=auth, json=body)
        return response.json()

    page = await companies({"perpage": 5})
    assert _ids(page) == [1, 2, 3, 4, 5]
    assert "invoices_total" not in page[0]
    # `search` switches on the invoice totals instead of filtering...
    searched = await companies({"perpage": 60, "search": "zzz-no-match"})
    assert len(searched) == 60
    assert "invoices_total" in searched[0]
    # ...and a string in `invoices` is what actually filters.
    name = page[0]["name"]
    assert [c["name"] for c in await companies({"invoices": name})] == [name]
    assert "transactions_total" in (await companies({"perpage": 1, "quotes": True}))[0]
    assert len(await companies({"perpage": 60, "owned": 999})) == 60


async def test_companies_have_int_times_and_a_string_owner(
    client: httpx.AsyncClient, auth: Auth
) -> None:
    response = await client.post("/zbs_api/companies/", params=auth, json={"search": 1})
    company = response.json()[0]
    assert isinstance(company["id"], int)
    assert isinstance(company["created"], int)
    assert isinstance(company["lastupdated"], int)
    assert isinstance(company["owner"], str)
    assert isinstance(company["invoices_total"], str)


async def test_money_lists_page_through_query_parameters(
    client: httpx.AsyncClient, auth: Auth
) -> None:
    for endpoint in ("quotes", "invoices", "transactions", "events"):
        first = await _get(client, auth, endpoint)
        assert len(first) == 10, endpoint
        second = await _get(client, auth, endpoint, page="2", perpage="10")
        assert not set(_ids(first)) & set(_ids(second)), endpoint
        assert await _get(client, auth, endpoint, page="999") == [], endpoint


async def test_transactions_come_in_ascending_id_order_whatever_the_order(
    client: httpx.AsyncClient, auth: Auth
) -> None:
    for order in ("ASC", "DESC"):
        rows = await _get(client, auth, "transactions", perpage="5", order=order)
        assert _ids(rows) == [1, 2, 3, 4, 5]


async def test_quotes_follow_the_order_parameter(client: httpx.AsyncClient, auth: Auth) -> None:
    ascending = await _get(client, auth, "quotes", perpage="3", order="ASC")
    assert _ids(ascending) == [1, 2, 3]
    descending = await _get(client, auth, "quotes", perpage="3")
    assert _ids(descending) == sorted(_ids(descending), reverse=True)


async def test_money_records_use_decimal_strings_and_false_for_missing_dates(
    client: httpx.AsyncClient, auth: Auth
) -> None:
    invoices = await _get(client, auth, "invoices", perpage="-1")
    unpaid = next(i for i in invoices if i["paid_date"] == 0)
    assert unpaid["paid_date_date"] is False
    assert isinstance(unpaid["total"], str)
    assert "." in unpaid["total"]
    quote = (await _get(client, auth, "quotes", perpage="1"))[0]
    assert quote["status"] in (-2, -1, 1)
    assert isinstance(quote["value"], str)
    tx = (await _get(client, auth, "transactions", perpage="1"))[0]
    assert isinstance(tx["date"], int)
    assert isinstance(tx["owner"], str)
    assert tx["status_bool"] in (1, -1)


async def test_events_carry_reminders_contacts_and_companies(
    client: httpx.AsyncClient, auth: Auth
) -> None:
    events = await _get(client, auth, "events", perpage="-1")
    assert all(
        isinstance(e[key], list) for e in events for key in ("reminders", "contact", "company")
    )
    assert any(e["reminders"] for e in events)
    assert any(e["company"] for e in events)
    linked = next(e for e in events if e["contact"])
    assert isinstance(linked["contact"][0]["email"], str)
    assert isinstance(linked["start"], int)
    assert isinstance(linked["end"], int)


async def test_events_filter_by_owner(client: httpx.AsyncClient, auth: Auth) -> None:
    events = await _get(client, auth, "events", perpage="-1", owner="2")
    assert events
    assert {e["owner"] for e in events} == {"2"}
