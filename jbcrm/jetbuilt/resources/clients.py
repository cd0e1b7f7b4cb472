"""Clients and their contacts."""

from __future__ import annotations

from jbcrm._core.pagination import AsyncPaginator
from jbcrm._core.params import Required, TypedDict, Unpack
from jbcrm._core.paths import build_path
from jbcrm.jetbuilt._resource import JetbuiltResource
from jbcrm.jetbuilt.models import Client, Contact


class ContactFields(TypedDict, total=False):
    """What a contact's create and update both take."""

    title: str | None
    email_address: str | None
    phone_number_1: str | None
    phone_number_2: str | None
    description: str | None
    #: ``True`` makes the contact its client's primary contact.
    primary: bool | None


class ContactCreate(ContactFields, total=False):
    """The arguments of ``jb.clients.contacts.create``."""

    first_name: Required[str]
    last_name: Required[str]


class ContactUpdate(ContactFields, total=False):
    """The arguments of ``jb.clients.contacts.update``."""

    first_name: str | None
    last_name: str | None


class ClientFields(TypedDict, total=False):
    """What a client's create and update both take."""

    street_address: str | None
    city: str | None
    state: str | None
    zipcode: str | None
    country: str | None
    website: str | None
    phone: str | None
    description: str | None
    parent_id: int | None


class ClientCreate(ClientFields, total=False):
    """The arguments of ``jb.clients.create``."""

    user_id: Required[int]
    company_name: Required[str]


class ClientUpdate(ClientFields, total=False):
    """The arguments of ``jb.clients.update``."""

    user_id: int | None
    company_name: str | None
    delinquent: bool | None


class Contacts(JetbuiltResource):
    """``jb.clients.contacts``: the contacts of a client (the client id comes first)."""

    __slots__ = ()

    def list(self, client_id: int) -> AsyncPaginator[Contact]:
        """``GET /clients/<CLIENT_ID>/contacts``: every contact of a client."""
        return self._list(build_path("/clients/{client_id}/contacts", client_id=client_id), Contact)

    async def get(self, client_id: int, contact_id: int) -> Contact:
        """``GET /clients/<CLIENT_ID>/contacts/<ID>``: one contact of a client."""
        path = build_path(
            "/clients/{client_id}/contacts/{contact_id}", client_id=client_id, contact_id=contact_id
        )
        return await self._get(path, Contact)

    async def create(self, client_id: int, **fields: Unpack[ContactCreate]) -> Contact:
        """``POST /clients/<CLIENT_ID>/contacts``: add a contact to a client; ``primary=True``
        makes it the client's primary contact."""
        path = build_path("/clients/{client_id}/contacts", client_id=client_id)
        return await self._write("POST", path, Contact, ContactCreate, fields)

    async def update(
        self, client_id: int, contact_id: int, **fields: Unpack[ContactUpdate]
    ) -> Contact:
        """``PATCH /clients/<CLIENT_ID>/contacts/<ID>`` (documented as PUT): change the fields
        given; ``None`` leaves a field as it is, :data:`jbcrm.NULL` clears it."""
        path = build_path(
            "/clients/{client_id}/contacts/{contact_id}", client_id=client_id, contact_id=contact_id
        )
        return await self._write("PATCH", path, Contact, ContactUpdate, fields)


class Clients(JetbuiltResource):
    """``jb.clients``: your clients, each with contacts and subclients."""

    __slots__ = ()

    @property
    def contacts(self) -> Contacts:
        """``/clients/<CLIENT_ID>/contacts``."""
        return Contacts(self._client)

    def list(self) -> AsyncPaginator[Client]:
        """``GET /clients``: every client, with its contacts and subclients."""
        return self._list("/clients", Client)

    async def get(self, client_id: int) -> Client:
        """``GET /clients/<ID>``: one client."""
        return await self._get(build_path("/clients/{client_id}", client_id=client_id), Client)

    async def create(self, **fields: Unpack[ClientCreate]) -> Client:
        """``POST /clients``: create a client owned by user ``user_id``; ``country`` is an
        alpha-2 code, ``parent_id`` makes it a subclient."""
        return await self._write("POST", "/clients", Client, ClientCreate, fields)

    async def update(self, client_id: int, **fields: Unpack[ClientUpdate]) -> Client:
        """``PATCH /clients/<ID>`` (documented as PUT): change the fields given; ``None`` leaves
        a field as it is, :data:`jbcrm.NULL` clears it."""
        path = build_path("/clients/{client_id}", client_id=client_id)
        return await self._write("PATCH", path, Client, ClientUpdate, fields)
