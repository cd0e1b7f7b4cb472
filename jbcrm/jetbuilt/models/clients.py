"""Clients and their contacts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import attrs

from jbcrm._core.models import Model


@attrs.frozen
class Contact(Model):
    """A client contact: ``GET/POST /clients/<CLIENT_ID>/contacts``, ``GET/PUT .../contacts/<ID>``,
    and each of a client's ``contacts``."""

    id: int
    first_name: str | None = None
    last_name: str | None = None
    title: str | None = None
    email_address: str | None = None
    phone_number_1: str | None = None
    phone_number_2: str | None = None
    description: str | None = None
    primary: bool | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None


@attrs.frozen
class Client(Model):
    """A client with its contacts and subclients: ``GET/POST /clients``, ``GET/PUT /clients/<ID>``.

    Subclients are clients too; the server sends them without ``contacts`` or ``subclients``.
    """

    id: int
    company_name: str | None = None
    delinquent: bool | None = None
    payment_schedule: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    primary_contact_first_name: str | None = None
    primary_contact_last_name: str | None = None
    primary_contact_title: str | None = None
    primary_contact_email: str | None = None
    primary_contact_phone_number_1: str | None = None
    primary_contact_phone_number_2: str | None = None
    address: str | None = None
    city: str | None = None
    state: str | None = None
    zipcode: str | None = None
    country: str | None = None
    #: Ids of this client in other systems, keyed by system (``{"acumatica_id": "5"}``).
    external_ids: dict[str, Any] | None = None
    parent_id: int | None = None
    contacts: list[Contact] = attrs.field(factory=list)
    subclients: list[Client] = attrs.field(factory=list)
