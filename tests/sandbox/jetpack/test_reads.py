"""The simulated read endpoints on the seeded site: paging rules, include flags, shapes, order.

The recorded exchanges pin the reference site's answers (test_contract.py); these tests check
the same rules hold on the large seeded site, and the cases the recordings do not cover.
"""

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


async def test_status_full_lists_module_names_and_an_empty_extension_list(
    client: httpx.AsyncClient, auth: Auth
) -> None:
    plain = await _get(client, auth, "status")
    assert plain["data"]["status"] == "Successful Connection"
    assert "modules" not in plain["data"]
    full = await _get(client, auth, "status", full="1")
    assert all(isinstance(name, str) for name in full["data"]["modules"])
    assert full["data"]["extensions"] == []


async def test_customers_page_defaults_to_ten_in_ascending_id_order(
    client: httpx.AsyncClient, auth: Auth
) -> None:
    assert _ids(await _customers(client, auth, {})) == list(range(1, 11))
    assert _ids(await _customers(client, auth, {"page": 2, "perpage": 3})) == [4, 5, 6]


async def test_customers_pages_zero_one_and_negative_are_the_first_page(
    client: httpx.AsyncClient, auth: Auth
) -> None:
    for page in (0, 1, -3, "0"):
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


async def test_customers_ignores_paging_in_the_query_string_and_bodies_that_are_not_json(
    client: httpx.AsyncClient, auth: Auth
) -> None:
    response = await client.get("/zbs_api/customers/", params={**auth, "page": "3"})
    assert _ids(response.json()) == list(range(1, 11))
    garbled = await client.post("/zbs_api/customers/", params=auth, content=b"{nope")
    assert _ids(garbled.json()) == list(range(1, 11))


async def test_customers_accepts_any_method_and_reads_its_json_body(
    client: httpx.AsyncClient, auth: Auth
) -> None:
    for method in ("GET", "POST", "PUT", "DELETE", "PATCH", "BREW"):
        response = await client.request(
            method, "/zbs_api/customers/", params=auth, json={"perpage": 2, "page": 2}
        )
        assert _ids(response.json()) == [3, 4], method


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
    company_id = next(
        c["company_ids"][0] for c in sandbox.store.contacts.values() if c["company_ids"]
    )
    members = await _customers(client, auth, {"company": company_id, "perpage": -1})
    assert members
    assert all(company_id in sandbox.store.contacts[int(c["id"])]["company_ids"] for c in members)


async def test_contacts_carry_numbers_as_strings_and_custom_fields_by_slug(
    client: httpx.AsyncClient, auth: Auth
) -> None:
    contact = (await _customers(client, auth, {"perpage": 1}))[0]
    for key in ("id", "owner", "createduts", "lastupdated", "lastcontacteduts"):
        assert isinstance(contact[key], str), key
        assert contact[key].lstrip("-").isdigit(), key
    assert (contact["created"][4], contact["created"][13]) == ("-", ":")
    assert contact["lastcontacted"] == -1
    assert contact["lastcontacted_date"] is False
    assert contact["created_date"].count("/") == 2
    for slug in (
        "custom-field",
        "cf1",
        "birthday",
        "birthday_cfdate",
        "addr_floor",
        "secaddr_floor",
    ):
        assert isinstance(contact[slug], str), slug
    assert "secaddr_city" in contact
    assert "seccity" not in contact


async def test_a_set_date_custom_field_carries_its_printed_forms(
    sandbox: JetpackSandbox, client: httpx.AsyncClient, auth: Auth
) -> None:
    sandbox.timezone = "America/New_York"
    rows = await _customers(client, auth, {"perpage": -1})
    dated = next(c for c in rows if c["birthday"])
    undated = next(c for c in rows if not c["birthday"])
    assert dated["birthday_cfdate"].count("/") == 2
    assert dated["birthday_datetime_str"].endswith((" 7:00 pm", " 8:00 pm"))
    assert "birthday_datetime_str" not in undated
    assert undated["birthday_cfdate"] == ""


async def test_customer_search_by_email_returns_one_object_with_financials(
    sandbox: JetpackSandbox, client: httpx.AsyncClient, auth: Auth
) -> None:
    email = sandbox.store.contacts[7]["fields"]["email"]
    found = await _get(client, auth, "customer_search", email=email)
    assert isinstance(found, dict)
    assert found["id"] == "7"
    assert {"invoices", "transactions", "tags"} <= found.keys()
    assert "contact" not in (found["transactions"] or [{}])[0]
    assert await _get(client, auth, "customer_search", email="nobody@nowhere.example") == []


async def test_customer_search_by_phrase_pages_through_matches(
    client: httpx.AsyncClient, auth: Auth
) -> None:
    hits = await _get(client, auth, "customer_search", zbs_query="Leeds", perpage="100")
    assert hits
    assert all("Leeds" in (c["city"] + c["secaddr_city"]) for c in hits)
    first_two = await _get(client, auth, "customer_search", zbs_query="Leeds", perpage="2")
    assert first_two == hits[:2]


async def test_replace_hyphens_rewrites_top_level_keys_and_kills_an_email_lookup(
    sandbox: JetpackSandbox, client: httpx.AsyncClient, auth: Auth
) -> None:
    flag = {"replace_hyphens_with_underscores_in_json_keys": "1"}
    rows = await _get(client, auth, "customer_search", zbs_query="a", perpage="1", **flag)
    assert "custom_field" in rows[0]
    assert "custom-field" not in rows[0]
    email = sandbox.store.contacts[3]["fields"]["email"]
    params = {**auth, "email": email, **flag}
    html = await client.get("/zbs_api/customer_search/", params=params)
    assert (html.status_code, "WordPress &rsaquo; Error" in html.text) == (500, True)
    as_json = await client.get(
        "/zbs_api/customer_search/", params=params, headers={"Content-Type": "application/json"}
    )
    assert as_json.json()["code"] == "internal_server_error"


async def test_companies_shuffles_its_arguments(client: httpx.AsyncClient, auth: Auth) -> None:
    async def companies(body: dict[str, Any]) -> list[dict[str, Any]]:
        response = await client.post("/zbs_api/companies/", params=auth, json=body)
        assert response.status_code == 200
        return list(response.json())

    everyone = await companies({"perpage": 100})
    assert len(everyone) == 60
    assert all("contacts" in c and "invoices" not in c for c in everyone)
    # `search` switches on the invoice lists instead of filtering...
    searched = await companies({"perpage": 100, "search": "zzz-no-match"})
    assert len(searched) == 60
    assert all("invoices" in c for c in searched)
    # ...`invoices: "true"` searches for "1"...
    ones = await companies({"perpage": 100, "invoices": "true"})
    assert 0 < len(ones) < 60
    assert all("1" in " ".join(str(v) for v in c.values() if isinstance(v, str)) for c in ones)
    # ...`transactions: "true"` adds quotes, and `owned` is dropped.
    assert all("quotes" in c for c in await companies({"transactions": "true"}))
    assert len(await companies({"perpage": 100, "owned": 999})) == 60


async def test_companies_quotes_flag_prints_a_php_notice_before_the_json(
    client: httpx.AsyncClient, auth: Auth
) -> None:
    response = await client.post("/zbs_api/companies/", params=auth, json={"quotes": "true"})
    assert response.headers["content-type"].startswith("application/json")
    assert response.text.startswith('<div class="zbs info msg">')


async def test_companies_send_string_ids_and_int_times(
    client: httpx.AsyncClient, auth: Auth
) -> None:
    response = await client.post("/zbs_api/companies/", params=auth, json={"search": "x"})
    company = response.json()[0]
    assert (type(company["id"]), type(company["owner"])) == (str, str)
    assert (type(company["created"]), type(company["lastupdated"])) == (int, int)
    assert isinstance(company["invoices"], list)


async def test_money_lists_page_through_query_parameters(
    client: httpx.AsyncClient, auth: Auth
) -> None:
    for endpoint in ("quotes", "invoices", "transactions", "events"):
        first = await _get(client, auth, endpoint)
        assert len(first) == 10, endpoint
        second = await _get(client, auth, endpoint, page="2", perpage="10")
        assert not set(_ids(first)) & set(_ids(second)), endpoint
        assert await _get(client, auth, endpoint, page="999") == [], endpoint
        assert len(await _get(client, auth, endpoint, perpage="-1")) == 10, endpoint


async def test_order_is_ignored_quotes_come_newest_first_and_the_rest_ascending(
    client: httpx.AsyncClient, auth: Auth
) -> None:
    for order in ("ASC", "DESC", None):
        extra = {} if order is None else {"order": order}
        quotes = _ids(await _get(client, auth, "quotes", perpage="5", **extra))
        assert quotes == sorted(quotes, reverse=True)
        for endpoint in ("invoices", "transactions", "events"):
            assert _ids(await _get(client, auth, endpoint, perpage="5", **extra)) == [1, 2, 3, 4, 5]


async def test_money_records_use_decimal_strings_and_false_for_missing_dates(
    client: httpx.AsyncClient, auth: Auth
) -> None:
    invoices = await _get(client, auth, "invoices", perpage="100")
    unpaid = next(i for i in invoices if i["paid_date"] == 0)
    assert unpaid["paid_date_date"] is False
    assert "," in unpaid["date_date"]
    assert "." in unpaid["total"]
    quote = (await _get(client, auth, "quotes", perpage="1"))[0]
    assert quote["status"] in (-2, -1, 1)
    assert "content" not in quote
    tx = (await _get(client, auth, "transactions", perpage="1"))[0]
    assert (type(tx["date"]), type(tx["owner"]), tx["status_bool"] in (1, -1)) == (int, str, True)


async def test_events_carry_reminders_contacts_and_companies(
    client: httpx.AsyncClient, auth: Auth
) -> None:
    events = await _get(client, auth, "events", perpage="100")
    assert all(
        isinstance(e[key], list) for e in events for key in ("reminders", "contact", "company")
    )
    reminder = next(r for e in events for r in e["reminders"])
    assert (reminder["remind_at"], reminder["sent"]) == (-86400, -1)
    assert any(e["company"] for e in events)


async def test_events_filter_by_owner_or_owned(client: httpx.AsyncClient, auth: Auth) -> None:
    for name in ("owner", "owned"):
        events = await _get(client, auth, "events", perpage="100", **{name: "2"})
        assert events
        assert {e["owner"] for e in events} == {"2"}
