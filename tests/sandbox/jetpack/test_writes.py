"""The simulated create_* endpoints: replacing upserts, echoes, and errors inside 200s."""

from __future__ import annotations

from typing import Any

import httpx

from jbcrm.sandbox import JetpackSandbox

Auth = dict[str, str]


async def _post(client: httpx.AsyncClient, auth: Auth, endpoint: str, body: Any) -> httpx.Response:
    return await client.post(f"/zbs_api/{endpoint}/", params=auth, json=body)


async def _find(client: httpx.AsyncClient, auth: Auth, email: str) -> Any:
    response = await client.get("/zbs_api/customer_search/", params={**auth, "email": email})
    return response.json()


async def test_create_customer_echoes_the_body_plus_an_int_id(
    client: httpx.AsyncClient, auth: Auth
) -> None:
    body = {"email": "ann@example.com", "fname": "Ann", "cf1": "x", "tags": ["vip"]}
    response = await _post(client, auth, "create_customer", body)
    assert response.status_code == 200
    assert response.json() == {**body, "id": 501}
    stored = await _find(client, auth, "ann@example.com")
    assert (stored["id"], stored["status"], stored["owner"], stored["cf1"]) == (
        "501",
        "Lead",
        "-1",
        "x",
    )
    assert [t["name"] for t in stored["tags"]] == ["vip"]


async def test_create_customer_by_email_blanks_columns_resets_the_owner_keeps_custom_fields(
    sandbox: JetpackSandbox, client: httpx.AsyncClient, auth: Auth
) -> None:
    contact = next(c for c in sandbox.store.contacts.values() if c["owner"] > 0 and c["tag_ids"])
    contact["custom"]["cf1"] = "kept"
    response = await _post(
        client, auth, "create_customer", {"email": contact["fields"]["email"], "lname": "X"}
    )
    assert response.json()["id"] == contact["id"]
    stored = await _find(client, auth, contact["fields"]["email"])
    assert (stored["lname"], stored["fname"], stored["addr1"], stored["owner"]) == (
        "X",
        "",
        "",
        "-1",
    )
    assert stored["cf1"] == "kept"
    assert stored["tags"]


async def test_empty_values_and_zero_never_reach_a_custom_field_and_dates_are_not_stored(
    sandbox: JetpackSandbox, client: httpx.AsyncClient, auth: Auth
) -> None:
    email = sandbox.store.contacts[4]["fields"]["email"]
    await _post(client, auth, "create_customer", {"email": email, "cf1": "one", "score": "9"})
    body = {"email": email, "cf1": "", "score": "0", "birthday": "1990-01-30", "tags": []}
    await _post(client, auth, "create_customer", body)
    stored = await _find(client, auth, email)
    assert (stored["cf1"], stored["score"], stored["birthday"]) == ("one", "9", "")


async def test_an_existing_customer_stays_a_customer_unless_sticky_is_sent(
    client: httpx.AsyncClient, auth: Auth
) -> None:
    email = "loyal@example.com"
    await _post(client, auth, "create_customer", {"email": email, "status": "Customer"})
    echo = (await _post(client, auth, "create_customer", {"email": email, "status": "Lead"})).json()
    assert echo["status"] == "Lead"
    assert (await _find(client, auth, email))["status"] == "Customer"
    unstuck = {"email": email, "status": "Lead", "sticky": 1}
    await _post(client, auth, "create_customer", unstuck)
    assert (await _find(client, auth, email))["status"] == "Lead"


async def test_create_customer_without_a_valid_email_or_known_id_reports_errors_1(
    client: httpx.AsyncClient, auth: Auth
) -> None:
    for body in ({}, {"fname": "Nobody"}, {"email": "not-an-email"}, {"id": 99999}):
        response = await _post(client, auth, "create_customer", body)
        assert response.status_code == 200
        assert response.json() == {"errors": 1}, body


async def test_create_customer_by_id_without_an_email_saves_nothing(
    sandbox: JetpackSandbox, client: httpx.AsyncClient, auth: Auth
) -> None:
    before = dict(sandbox.store.contacts[3]["fields"])
    response = await _post(client, auth, "create_customer", {"id": 3, "city": "Elsewhere"})
    assert response.json() == {"error": 100}
    assert sandbox.store.contacts[3]["fields"] == before
    email = before["email"]
    changed = await _post(client, auth, "create_customer", {"id": 3, "email": email, "city": "X"})
    assert changed.json() == {"id": 3, "email": email, "city": "X"}
    assert sandbox.store.contacts[3]["fields"]["city"] == "X"


async def test_create_customer_with_a_body_that_is_not_a_json_object_reports_invalid_json(
    client: httpx.AsyncClient, auth: Auth
) -> None:
    for content in (b"[1, 2", b'"x"', b"email=a%40b.co", b""):
        response = await client.post("/zbs_api/create_customer/", params=auth, content=content)
        assert response.status_code == 200
        assert response.json() == {"error": True, "message": "Invalid JSON data"}, content


async def test_create_company_without_a_valid_email_answers_an_empty_html_200(
    client: httpx.AsyncClient, auth: Auth
) -> None:
    for body in ({"name": "No Mail Ltd"}, {"name": "Bad", "email": "nope"}, "x"):
        response = await _post(client, auth, "create_company", body)
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/html")
        assert response.content == b""


async def test_create_company_for_an_existing_email_changes_the_row_and_then_dies(
    sandbox: JetpackSandbox, client: httpx.AsyncClient, auth: Auth
) -> None:
    company = sandbox.store.companies[1]
    owner, sector = company["owner"], company["custom"]["sector"]
    body = {"email": company["fields"]["email"], "name": "Renamed Co"}
    response = await _post(client, auth, "create_company", body)
    assert response.status_code == 500
    assert response.json()["additional_errors"] == []
    assert (company["fields"]["name"], company["fields"]["city"]) == ("Renamed Co", "")
    assert (company["owner"], company["custom"]["sector"]) == (owner, sector)


async def test_create_company_by_id_dies_and_changes_nothing(
    sandbox: JetpackSandbox, client: httpx.AsyncClient, auth: Auth
) -> None:
    before = dict(sandbox.store.companies[2]["fields"])
    response = await client.post(
        "/zbs_api/create_company/",
        params=auth,
        content=b'{"id": 2, "name": "Nope"}',
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 500
    assert "<title>WordPress &rsaquo; Error</title>" in response.text
    assert sandbox.store.companies[2]["fields"] == before


async def test_create_company_creates_and_echoes(client: httpx.AsyncClient, auth: Auth) -> None:
    body = {"name": "Fresh AV", "email": "hello@fresh.example", "status": "Customer", "assign": 2}
    response = await _post(client, auth, "create_company", body)
    assert response.json() == {**body, "id": 61}


async def test_create_transaction_requires_orderid_status_and_total_keys(
    client: httpx.AsyncClient, auth: Auth
) -> None:
    response = await _post(client, auth, "create_transaction", {"orderid": "A1", "status": "Paid"})
    assert response.status_code == 200
    assert response.json() == {"error": 400, "message": "Missing required field: total"}
    empty = await _post(
        client, auth, "create_transaction", {"orderid": "A1", "status": "", "total": 1}
    )
    assert empty.json() == {"error": 100}


async def test_create_transaction_by_orderid_blanks_what_is_not_sent(
    sandbox: JetpackSandbox, client: httpx.AsyncClient, auth: Auth
) -> None:
    body = {
        "orderid": "ORDER-NEW", "status": "Completed", "total": "79.99",
        "email": "buyer@example.com", "fname": "Bea", "date": 1795200000, "currency": "EUR",
        "channel": "web", "net": "70",
    }  # fmt: skip
    first = (await _post(client, auth, "create_transaction", body)).json()
    assert first == {**body, "id": 301}
    again = await _post(
        client,
        auth,
        "create_transaction",
        {"orderid": "ORDER-NEW", "status": "Refunded", "total": 5},
    )
    assert again.json()["id"] == 301
    stored = sandbox.store.transactions[301]
    assert (stored["total"], stored["date"], stored["currency"], stored["custom"]) == (
        5,
        0,
        "",
        {"channel": ""},
    )
    buyer = await _find(client, auth, "buyer@example.com")
    assert (buyer["status"], buyer["fname"]) == ("Customer", "Bea")
    assert [t["ref"] for t in buyer["transactions"]] == ["ORDER-NEW"]


async def test_create_transaction_with_a_body_that_is_not_json_is_a_php_fatal(
    client: httpx.AsyncClient, auth: Auth
) -> None:
    for content_type, expected in (("application/json", "json"), ("text/plain", "html")):
        response = await client.post(
            "/zbs_api/create_transaction/",
            params=auth,
            content=b"orderid=1",
            headers={"content-type": content_type},
        )
        assert response.status_code == 500
        assert expected in response.headers["content-type"]


async def test_create_event_needs_a_title_from_and_to(
    client: httpx.AsyncClient, auth: Auth
) -> None:
    for body in ({}, {"title": "Only a title"}, {"from": "02/01/2024 14:00:00", "to": "x"}):
        response = await _post(client, auth, "create_event", body)
        assert response.status_code == 200
        assert response.json() == {"error": 100}, body


async def test_create_event_echoes_its_normalised_fields_and_stores_times_in_utc(
    sandbox: JetpackSandbox, client: httpx.AsyncClient, auth: Auth
) -> None:
    sandbox.timezone = "America/New_York"
    body = {
        "title": "Call",
        "customer": 4,
        "from": "02/01/2024 14:00:00",
        "to": "02/01/2024 15:30:00",
    }
    echo = (await _post(client, auth, "create_event", body)).json()
    assert echo == {
        "title": "Call", "customer": 4, "notes": "", "to": "02/01/2024 15:30:00",
        "from": "02/01/2024 14:00:00", "notify": -1, "complete": -1, "owner": -1, "id": 81,
    }  # fmt: skip
    stored = sandbox.store.events[81]
    assert (stored["start"], stored["end"], stored["complete"], stored["owner"]) == (
        1706796000,
        1706801400,
        1,
        0,
    )
    assert stored["contact_ids"] == [4]


async def test_an_event_update_without_notify_drops_its_reminder(
    sandbox: JetpackSandbox, client: httpx.AsyncClient, auth: Auth
) -> None:
    times = {"title": "Demo", "from": "02/01/2024 14:00:00", "to": "02/01/2024 15:00:00"}
    created = (await _post(client, auth, "create_event", {**times, "notify": 24})).json()
    assert sandbox.store.events[created["id"]]["reminders"]
    await _post(client, auth, "create_event", {**times, "id": created["id"], "title": "Moved"})
    event = sandbox.store.events[created["id"]]
    assert (event["title"], event["reminders"]) == ("Moved", [])
    unknown = await _post(client, auth, "create_event", {**times, "id": 9999})
    assert unknown.json() == {"error": 100}
