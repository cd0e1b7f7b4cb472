"""Clients and their contacts."""

from __future__ import annotations

from jbcrm._core.pagination import AsyncPaginator
from jbcrm._core.paths import build_path
from jbcrm.jetbuilt._resource import JetbuiltResource
from jbcrm.jetbuilt.models import Client, Contact


class Contacts(JetbuiltResource):
    """``jb.clients.contacts``: the contacts of a client (the client id comes first)."""

    __slots__ = ()

    def list(self, client_id: int) -> AsyncPaginator[Contact]:
        """``GET /clients/<CLIENT_ID>/contacts``: every contact of a client."""
        return self._list(build_path("/clients/{client_id}/contacts", client_id=client_id), Contact)

    async def get(self, client_id: int, contact_id: int) -> Contact:
        """``GET /clients/<CLIENT_ID>/contacts/<ID>``: one contact of a client."""
        return await self._get(
            build_path(
                "/clients/{client_id}/contacts/{contact_id}",
                client_id=client_id,
                contact_id=contact_id,
            ),
            Contact,
        )

    async def create(
        self,
        client_id: int,
        *,
        first_name: str,
        last_name: str,
        title: str | None = None,
        email_address: str | None = None,
        phone_number_1: str | None = None,
        phone_number_2: str | None = None,
        description: str | None = None,
        primary: bool | None = None,
    ) -> Contact:
        """``POST /clients/<CLIENT_ID>/contacts``: add a contact to a client; ``primary=True``
        makes it the client's primary contact."""
        body = {
            "first_name": first_name,
            "last_name": last_name,
            "title": title,
            "email_address": email_address,
            "phone_number_1": phone_number_1,
            "phone_number_2": phone_number_2,
            "description": description,
            "primary": primary,
        }
        return await self._create(
            build_path("/clients/{client_id}/contacts", client_id=client_id), Contact, body
        )

    async def update(
        self,
        client_id: int,
        contact_id: int,
        *,
        first_name: str | None = None,
        last_name: str | None = None,
        title: str | None = None,
        email_address: str | None = None,
        phone_number_1: str | None = None,
        phone_number_2: str | None = None,
        description: str | None = None,
        primary: bool | None = None,
    ) -> Contact:
        """``PATCH /clients/<CLIENT_ID>/contacts/<ID>`` (documented as PUT): change the fields
        given; ``None`` leaves a field as it is, :data:`jbcrm.NULL` clears it."""
        body = {
            "first_name": first_name,
            "last_name": last_name,
            "title": title,
            "email_address": email_address,
            "phone_number_1": phone_number_1,
            "phone_number_2": phone_number_2,
            "description": description,
            "primary": primary,
        }
        return await self._update(
            build_path(
                "/clients/{client_id}/contacts/{contact_id}",
                client_id=client_id,
                contact_id=contact_id,
            ),
            Contact,
            body,
        )


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

    async def create(
        self,
        *,
        user_id: int,
        company_name: str,
        street_address: str | None = None,
        city: str | None = None,
        state: str | None = None,
        zipcode: str | None = None,
        country: str | None = None,
        website: str | None = None,
        phone: str | None = None,
        description: str | None = None,
        parent_id: int | None = None,
    ) -> Client:
        """``POST /clients``: create a client owned by user ``user_id``; ``country`` is an
        alpha-2 code, ``parent_id`` makes it a subclient."""
        body = {
            "user_id": user_id,
            "company_name": company_name,
            "street_address": street_address,
            "city": city,
            "state": state,
            "zipcode": zipcode,
            "country": country,
            "website": website,
            "phone": phone,
            "description": description,
            "parent_id": parent_id,
        }
        return await self._create("/clients", Client, body)

    async def update(
        self,
        client_id: int,
        *,
        user_id: int | None = None,
        company_name: str | None = None,
        delinquent: bool | None = None,
        street_address: str | None = None,
        city: str | None = None,
        state: str | None = None,
        zipcode: str | None = None,
        country: str | None = None,
        website: str | None = None,
        phone: str | None = None,
        description: str | None = None,
        parent_id: int | None = None,
    ) -> Client:
        """``PATCH /clients/<ID>`` (documented as PUT): change the fields given; ``None`` leaves
        a field as it is, :data:`jbcrm.NULL` clears it."""
        body = {
            "user_id": user_id,
            "company_name": company_name,
            "delinquent": delinquent,
            "street_address": street_address,
            "city": city,
            "state": state,
            "zipcode": zipcode,
            "country": country,
            "website": website,
            "phone": phone,
            "description": description,
            "parent_id": parent_id,
        }
        return await self._update(
            build_path("/clients/{client_id}", client_id=client_id), Client, body
        )
