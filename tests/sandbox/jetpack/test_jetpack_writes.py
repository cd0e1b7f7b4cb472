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
    sandbox: JetpackSandbox, client: httpx.AsyncClient, auth: Auth
) -> None:
    body = {"email": "ann@example.com", "fname": "Ann", "cf1": "x", "tags": ["vip"]}
    response = await _post(client, auth, "create_customer", body)
    assert response.status_code == 200
    echo = response.json()
    assert echo == {**body, "id": 501}
    stored = await _find(client, auth, "ann@example.com")
    assert stored["id"] == "501"
    assert stored["status"] == "Lead"
    assert stored["cf1"] == "x"
    assert [t["name"] for t in stored["tags"]] == ["vip"]


async def test_create_customer_by_email_blanks_every_field_not_sent(
    sandbox: JetpackSandbox, client: httpx.AsyncClient, auth: Auth
) -> None:
    contact = sandbox.store.contacts[5]
    assert contact.fields["fname"]
    response = await _post(client, auth, "create_customer", {"email": contact.email, "lname": "X"})
    assert response.json()["id"] == 5
    stored = await _find(client, auth, contact.email)
    assert stored["lname"] == "X"
    assert stored["fname"] == ""
    assert stored["addr1"] == ""
    assert stored["favourite-colour"] == ""


async def test_an_existing_customer_stays_a_customer_whatever_status_says(
    client: httpx.AsyncClient, auth: Auth
) -> None:
    email = "loyal@example.com"
    await _post(client, auth, "create_customer", {"email": email, "status": "Customer"})
    echo = (await _post(client, auth, "create_customer", {"email": email, "status": "Lead"})).json()
    assert echo["status"] == "Lead"
    assert (await _find(client, auth, email))["status"] == "Customer"


async def test_create_customer_without_a_valid_email_or_id_reports_errors_1(
    client: httpx.AsyncClient, auth: Auth
) -> None:
    for body in ({}, {"fname": "Nobody"}, {"email": "not-an-email"}, {"id": 99999}):
        response = await _post(client, auth, "create_customer", body)
        assert response.status_code == 200
        assert response.json() == {"errors": 1}, body


async def test_create_customer_with_bad_json_reports_invalid_json(
    client: httpx.AsyncClient, auth: Auth
) -> None:
    response = await client.post("/zbs_api/create_customer/", params=auth, content=b"[1, 2")
    assert response.status_code == 200
    assert response.json() == {"error": True, "message": "Invalid JSON data"}


async def test_update_by_id_that_changes_nothing_reports_error_100(
    sandbox: JetpackSandbox, client: httpx.AsyncClient, auth: Auth
) -> None:
    contact = sandbox.store.contacts[3]
    body = {"id": 3, **contact.fields, **contact.custom, "assign": contact.owner}
    response = await _post(client, auth, "create_customer", body)
    assert response.json() == {"error": 100}
    changed = await _post(client, auth, "create_customer", {**body, "city": "Elsewhere"})
    assert changed.json()["id"] == 3
    assert sandbox.store.contacts[3].fields["city"] == "Elsewhere"


async def test_create_company_without_email_answers_an_empty_html_200(
    client: httpx.AsyncClient, auth: Auth
) -> None:
    response = await _post(client, auth, "create_company", {"name": "No Mail Ltd"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert response.content == b""


async def test_create_company_for_an_existing_email_dies_but_changes_the_row(
    sandbox: JetpackSandbox, client: httpx.AsyncClient, auth: Auth
) -> None:
    company = sandbox.store.companies[1]
    body = {"email": company.fields["email"], "name": "Renamed Co"}
    response = await _post(client, auth, "create_company", body)
    assert response.status_code == 500
    assert response.json()["code"] == "internal_server_error"
    assert response.json()["data"] == {"status": 500}
    assert sandbox.store.companies[1].fields["name"] == "Renamed Co"
    assert sandbox.store.companies[1].fields["city"] == ""


async def test_fatal_error_is_an_html_page_when_the_request_is_not_json(
    sandbox: JetpackSandbox, client: httpx.AsyncClient, auth: Auth
) -> None:
    email = sandbox.store.companies[2].fields["email"]
    response = await client.post(
        "/zbs_api/create_company/",
        params=auth,
        content=f'{{"email": "{email}"}}'.encode(),
        headers={"content-type": "text/plain"},
    )
    assert response.status_code == 500
    assert "<title>WordPress &rsaquo; Error</title>" in response.text


async def test_create_company_creates_and_echoes(client: httpx.AsyncClient, auth: Auth) -> None:
    body = {"name": "Fresh AV", "email": "hello@fresh.example", "status": "Customer"}
    response = await _post(client, auth, "create_company", body)
    assert response.json() == {**body, "id": 61}


async def test_create_transaction_requires_orderid_status_and_total(
    client: httpx.AsyncClient, auth: Auth
) -> None:
    response = await _post(client, auth, "create_transaction", {"orderid": "A1", "status": "Paid"})
    assert response.status_code == 200
    assert response.json() == {"error": 400, "message": "Missing required field: total"}


async def test_create_transaction_upserts_by_orderid_and_creates_a_customer(
    sandbox: JetpackSandbox, client: httpx.AsyncClient, auth: Auth
) -> None:
    body = {
        "orderid": "ORDER-NEW",
        "status": "Completed",
        "total": "79.99",
        "email": "buyer@example.com",
        "fname": "Bea",
    }
    first = (await _post(client, auth, "create_transaction", body)).json()
    assert first == {**body, "id": 301}
    again = (await _post(client, auth, "create_transaction", {**body, "total": 5})).json()
    assert again["id"] == 301
    assert sandbox.store.transactions[301].total == 5
    buyer = await _find(client, auth, "buyer@example.com")
    assert buyer["status"] == "Customer"
    assert buyer["fname"] == "Bea"
    assert [t["ref"] for t in buyer["transactions"]] == ["ORDER-NEW"]


async def test_create_transaction_with_a_non_json_body_is_a_500(
    client: httpx.AsyncClient, auth: Auth
) -> None:
    response = await client.post(
        "/zbs_api/create_transaction/",
        params=auth,
        content=b"orderid=1",
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 500
    assert response.json()["code"] == "internal_server_error"


async def test_create_event_with_an_empty_body_reports_error_100(
    client: httpx.AsyncClient, auth: Auth
) -> None:
    response = await _post(client, auth, "create_event", {})
    assert response.status_code == 200
    assert response.json() == {"error": 100}


async def test_create_event_stores_notes_as_desc_and_times_as_unix(
    sandbox: JetpackSandbox, client: httpx.AsyncClient, auth: Auth
) -> None:
    body = {
        "title": "Follow-up call",
        "customer": 4,
        "notes": "Discuss renewal",
        "from": "02/01/2024 14:00:00",
        "to": "02/01/2024 15:00:00",
        "notify": 24,
        "complete": 0,
        "owner": 1,
    }
    echo = (await _post(client, auth, "create_event", body)).json()
    assert echo == {**body, "id": 81}
    events = (await client.get("/zbs_api/events/", params={**auth, "perpage": "1"})).json()
    event = events[0]
    assert event["id"] == 81
    assert event["desc"] == "Discuss renewal"
    assert (event["start"], event["end"]) == (1706796000, 1706799600)
    assert event["reminders"]
    assert event["contact"][0]["id"] == "4"
    updated = await _post(client, auth, "create_event", {"id": 81, "title": "Moved"})
    assert updated.json()["id"] == 81
    assert sandbox.store.events[81].title == "Moved"
    unknown = await _post(client, auth, "create_event", {"id": 9999, "title": "Nope"})
    assert unknown.json() == {"error": 100}
