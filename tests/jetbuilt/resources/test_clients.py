"""Clients and their contacts: each operation sends the documented request and decodes the
document's example."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import respx

from jbcrm import NULL, Jetbuilt
from tests.jetbuilt.fixtures import load
from tests.jetbuilt.resources.support import assert_sent, operation, spot


@operation("clients.list")
async def test_clients_list_decodes_contacts_and_subclients(
    jb: Jetbuilt, api: respx.MockRouter
) -> None:
    route = api.get("/clients").respond(json=load("clients_list"))
    clients = await jb.clients.list().to_list()
    assert_sent(route, "GET", "/clients")
    spot(clients[0], {"id": 12345, "company_name": "Smith's AV World", "parent_id": 2345})
    assert clients[0].external_ids == {"acumatica_id": "5"}
    assert clients[0].contacts[0].primary is True
    assert clients[0].subclients[0].company_name == "Smith's AV Regional Branch"


@operation("clients.get")
async def test_clients_get_fetches_one_client(jb: Jetbuilt, api: respx.MockRouter) -> None:
    route = api.get("/clients/12345").respond(json=load("clients_list")[0])
    client = await jb.clients.get(12345)
    assert_sent(route, "GET", "/clients/12345")
    spot(client, {"id": 12345, "primary_contact_email": "bobsmith@example.com"})
    assert client.created_at == datetime(
        2017, 3, 8, 8, 22, 16, 929000, timezone(-timedelta(hours=8))
    )


@operation("clients.create")
async def test_clients_create_posts_flat_json(jb: Jetbuilt, api: respx.MockRouter) -> None:
    route = api.post("/clients").respond(201, json=load("clients_list")[0])
    client = await jb.clients.create(
        user_id=123,
        company_name="Awesome AV",
        street_address="123 Harbor Blvd",
        city="Costa Mesa",
        state="CA",
        zipcode="92626",
        country="US",
        parent_id=456,
    )
    assert_sent(
        route,
        "POST",
        "/clients",
        body={
            "user_id": 123,
            "company_name": "Awesome AV",
            "street_address": "123 Harbor Blvd",
            "city": "Costa Mesa",
            "state": "CA",
            "zipcode": "92626",
            "country": "US",
            "parent_id": 456,
        },
    )
    assert client.id == 12345


@operation("clients.update")
async def test_clients_update_patches_given_fields_and_explicit_nulls(
    jb: Jetbuilt, api: respx.MockRouter
) -> None:
    route = api.patch("/clients/12345").respond(json=load("clients_list")[0])
    client = await jb.clients.update(12345, delinquent=False, company_name="Awesome AV", state=NULL)
    assert_sent(
        route,
        "PATCH",
        "/clients/12345",
        body={"company_name": "Awesome AV", "delinquent": False, "state": None},
    )
    assert client.delinquent is False


@operation("clients.contacts.list")
async def test_contacts_list_is_scoped_to_the_client(jb: Jetbuilt, api: respx.MockRouter) -> None:
    route = api.get("/clients/12345/contacts").respond(json=load("client_contacts_list"))
    contacts = await jb.clients.contacts.list(12345).to_list()
    assert_sent(route, "GET", "/clients/12345/contacts")
    spot(contacts[0], {"id": 37211, "title": "CEO", "primary": True})


@operation("clients.contacts.get")
async def test_contacts_get_takes_client_then_contact(jb: Jetbuilt, api: respx.MockRouter) -> None:
    route = api.get("/clients/12345/contacts/37211").respond(json=load("client_contacts_list")[0])
    contact = await jb.clients.contacts.get(12345, 37211)
    assert_sent(route, "GET", "/clients/12345/contacts/37211")
    spot(contact, {"email_address": "bobjones@example.com", "phone_number_1": "(555) 123-1234"})
    assert contact.updated_at == datetime(
        2020, 2, 11, 11, 28, 51, 174000, timezone(-timedelta(hours=8))
    )


@operation("clients.contacts.create")
async def test_contacts_create_posts_flat_json(jb: Jetbuilt, api: respx.MockRouter) -> None:
    route = api.post("/clients/12345/contacts").respond(201, json=load("client_contacts_list")[0])
    contact = await jb.clients.contacts.create(
        12345,
        first_name="Bob",
        last_name="Jones",
        title="Owner",
        email_address="bobjones2@example.com",
        phone_number_1="(555) 123-1234",
        primary=True,
    )
    assert_sent(
        route,
        "POST",
        "/clients/12345/contacts",
        body={
            "first_name": "Bob",
            "last_name": "Jones",
            "title": "Owner",
            "email_address": "bobjones2@example.com",
            "phone_number_1": "(555) 123-1234",
            "primary": True,
        },
    )
    assert contact.id == 37211


@operation("clients.contacts.update")
async def test_contacts_update_patches_given_fields(jb: Jetbuilt, api: respx.MockRouter) -> None:
    route = api.patch("/clients/12345/contacts/37211").respond(json=load("client_contacts_list")[0])
    contact = await jb.clients.contacts.update(12345, 37211, title="Owner", primary=True)
    assert_sent(
        route, "PATCH", "/clients/12345/contacts/37211", body={"title": "Owner", "primary": True}
    )
    assert contact.first_name == "Bob"
