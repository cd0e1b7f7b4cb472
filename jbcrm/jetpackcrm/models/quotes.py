"""Quotes."""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import ClassVar

import attrs

from jbcrm._core.models import UnixTime
from jbcrm.jetpackcrm.models._base import JetpackModel, owner_id
from jbcrm.jetpackcrm.models.lineitems import LineItem

__all__ = ["Quote", "QuoteStatus"]


class QuoteStatus(enum.Enum):
    """A quote's status, which the plugin derives from its template and acceptance."""

    DRAFT = -1
    """No template applied yet."""
    PUBLISHED = -2
    """Published, not accepted yet."""
    ACCEPTED = 1


@attrs.frozen
class Quote(JetpackModel):
    """A quote: ``GET /quotes`` (without ``content``), and a customer's ``quotes`` when
    included (with it). Dates are unix times; their ``*_date`` companions are site-formatted
    text in :attr:`extra`."""

    _columns: ClassVar[frozenset[str]] = frozenset({"acceptedsigned", "acceptedip"})
    _has_custom_fields: ClassVar[bool] = True

    id: int
    owner: int | None = attrs.field(default=None, converter=owner_id)
    id_override: str | None = None
    title: str | None = None
    currency: str | None = None
    value: Decimal | None = None
    date: UnixTime | None = None
    template: int | None = None
    content: str | None = None
    notes: str | None = None
    send_attachments: bool | None = None
    hash: str | None = None
    lastviewed: UnixTime | None = None
    viewed_count: int | None = None
    accepted: UnixTime | None = None
    created: UnixTime | None = None
    lastupdated: UnixTime | None = None
    status: QuoteStatus | None = None
    lineitems: list[LineItem] | None = None
