"""Clients and their contacts."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from jbcrm.sandbox.jetbuilt._http import fields, find, not_found, ok, path_id, store_of
from jbcrm.sandbox.jetbuilt._routes._common import collection, created, paged
from jbcrm.sandbox.jetbuilt._serialize import client_full, contacts_of
from jbcrm.sandbox.jetbuilt._store import Record, Store, copy_primary, public
from jbcrm.sandbox.jetbuilt._validate import BLANK, Checker
from jbcrm.sandbox.jetbuilt._wire import now_stamp

_CLIENT_TEXT = {"city": "city", "state": "state", "zipcode": "zipcode", "country": "country",
                "street_address": "address", "website": "_website", "phone": "_phone",
                "description": "_description"}  # fmt: skip
_CONTACT_TEXT = ("first_name", "last_name", "title", "email_address", "phone_number_1",
                 "phone_number_2", "description")  # fmt: skip


async def create_client(request: Request) -> Response:
    """POST /clients: `user_id` and `company_name` required."""
    store = store_of(request)
    check = Checker(await fields(request, "client"))
    check.required("user_id", "company_name")
    now = now_stamp()
    client: Record = {
        "id": store.new_id(store.clients), "company_name": "", "delinquent": False,
        "payment_schedule": None, "created_at": now, "updated_at": now,
        "primary_contact_first_name": None, "primary_contact_last_name": None,
        "primary_contact_title": None, "primary_contact_email": None,
        "primary_contact_phone_number_1": None, "primary_contact_phone_number_2": None,
        "address": None, "city": None, "state": None, "zipcode": None, "country": None,
        "external_ids": None, "parent_id": None, "_user_id": None, "_website": None,
        "_phone": None, "_description": None,
    }  # fmt: skip
    _apply_client(store, client, check)
    store.clients[client["id"]] = client
    return ok(client_full(store, client), status=201)


async def update_client(request: Request) -> Response:
    """PATCH or PUT /clients/<ID>."""
    store = store_of(request)
    client = find(store.clients, path_id(request))
    check = Checker(await fields(request, str(client["id"])))
    _apply_client(store, client, check)
    client["updated_at"] = now_stamp()
    return ok(client_full(store, client))


def _apply_client(store: Store, client: Record, check: Checker) -> None:
    if check.given("company_name"):
        check.required("company_name")
    user = check.reference("user_id", store.users, "user")
    parent = check.reference("parent_id", store.clients, "parent")
    delinquent = check.boolean("delinquent")
    check.done()
    if user is not None:
        client["_user_id"] = user["id"]
    if parent is not None:
        client["parent_id"] = parent["id"]
    if delinquent is not None:
        client["delinquent"] = delinquent
    if check.given("company_name"):
        client["company_name"] = check.text("company_name")
    for name, key in _CLIENT_TEXT.items():
        if check.given(name):
            client[key] = check.text(name)


async def list_contacts(request: Request) -> Response:
    """GET /clients/<CLIENT_ID>/contacts."""
    store = store_of(request)
    client = find(store.clients, path_id(request, "client_id"))
    return paged(request, contacts_of(store, client["id"]))


async def get_contact(request: Request) -> Response:
    """GET /clients/<CLIENT_ID>/contacts/<ID>."""
    return ok(public(_contact(request)))


async def create_contact(request: Request) -> Response:
    """POST /clients/<CLIENT_ID>/contacts: `first_name` and `last_name` required."""
    store = store_of(request)
    client = find(store.clients, path_id(request, "client_id"))
    check = Checker(await fields(request, "contact"))
    check.required("first_name", "last_name")
    now = now_stamp()
    contact: Record = {"id": store.new_id(store.contacts)}
    contact.update(dict.fromkeys(_CONTACT_TEXT, ""))
    contact.update(primary=False, created_at=now, updated_at=now, _client_id=client["id"])
    _apply_contact(store, client, contact, check)
    return created(store.contacts, contact)


async def update_contact(request: Request) -> Response:
    """PATCH or PUT /clients/<CLIENT_ID>/contacts/<ID>."""
    store = store_of(request)
    contact = _contact(request)
    check = Checker(await fields(request, str(contact["id"])))
    for name in ("first_name", "last_name"):
        if check.given(name) and not str(check.data[name]).strip():
            check.fail(name, BLANK)
    _apply_contact(store, store.clients[contact["_client_id"]], contact, check)
    contact["updated_at"] = now_stamp()
    return ok(public(contact))


def _contact(request: Request) -> Record:
    store = store_of(request)
    client = find(store.clients, path_id(request, "client_id"))
    contact = find(store.contacts, path_id(request))
    if contact["_client_id"] != client["id"]:
        raise not_found()
    return contact


def _apply_contact(store: Store, client: Record, contact: Record, check: Checker) -> None:
    primary = check.boolean("primary")
    check.done()
    for name in _CONTACT_TEXT:
        if check.given(name):
            contact[name] = check.text(name) or ""
    if primary is not None:
        contact["primary"] = primary
    if contact["primary"]:
        for other in store.contacts.values():
            if other["_client_id"] == client["id"] and other["id"] != contact["id"]:
                other["primary"] = False
        copy_primary(client, contact)


ROUTES = [
    # Each client with its contacts and sub-clients.
    *collection("/clients", "clients", client_full),
    Route("/clients", create_client, methods=["POST"]),
    Route("/clients/{id}", update_client, methods=["PATCH", "PUT"]),
    Route("/clients/{client_id}/contacts", list_contacts, methods=["GET"]),
    Route("/clients/{client_id}/contacts", create_contact, methods=["POST"]),
    Route("/clients/{client_id}/contacts/{id}", get_contact, methods=["GET"]),
    Route("/clients/{client_id}/contacts/{id}", update_contact, methods=["PATCH", "PUT"]),
]
