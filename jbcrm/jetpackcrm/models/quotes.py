"""Quotes."""

from __future__ import annotations

import enum
from decimal import Decimal

import attrs

from jbcrm._core.models import UnixTime
from jbcrm.jetpackcrm.models._base import JetpackModel


class QuoteStatus(enum.Enum):
    """A quote's status, which the plugin derives from its template and acceptance."""

    DRAFT = -1
    """No template applied yet."""
    PUBLISHED = -2
    """Published, not accepted yet."""
    ACCEPTED = 1


@attrs.frozen
class Quote(JetpackModel):
    """A quote: ``GET /quotes``, and a customer's ``quotes`` when included."""

    id: int
    owner: int | None = None
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
