"""The arguments contacts and companies share: their two addresses, social handles, owner,
tags and custom fields. Each operation's own arguments are a ``TypedDict`` beside it in
:mod:`jbcrm.jetpackcrm.resources` (``CustomerUpdate``...)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from jbcrm._core.params import TypedDict


class AddressFields(TypedDict, total=False):
    """A contact's or company's address and second address (text columns)."""

    addr1: str | None
    addr2: str | None
    city: str | None
    county: str | None
    postcode: str | None
    country: str | None
    secaddr1: str | None
    secaddr2: str | None
    seccity: str | None
    seccounty: str | None
    secpostcode: str | None
    seccountry: str | None


class ProfileFields(TypedDict, total=False):
    """A contact's or company's social handles (text columns), owner, tags and custom fields."""

    tw: str | None
    li: str | None
    fb: str | None
    #: The owner: a WordPress user id.
    assign: int | None
    #: Tag names; the plugin adds them (an empty list is refused: it removes none).
    tags: Sequence[str] | None
    #: Custom field values by slug.
    custom_fields: Mapping[str, Any] | None
