"""Small shapes shared by many Jetbuilt responses: references to other records, and money."""

from __future__ import annotations

from decimal import Decimal

import attrs

from jbcrm._core.models import Model, Money

#: A money value the API sends as a decimal string (``"5.0"``) or, for some fields, as a
#: ``{"cents": ..., "currency_iso": ...}`` object (:class:`~jbcrm._core.models.Money`).
Amount = Decimal | Money | None


@attrs.frozen
class Ref(Model):
    """A reference by id alone (a project's ``client``, ``primary_contact``, ``market_segment``)."""

    id: int


@attrs.frozen
class NamedRef(Model):
    """A reference with a display name (a project's ``company_location``, a line item's
    ``system``/``tag``, a labor type, a vendor's distributed manufacturers)."""

    id: int
    name: str | None = None


@attrs.frozen
class UserRef(Model):
    """A reference to a user with their full name (a project's owner, manager and engineers,
    a comment's author, a time session's user)."""

    id: int
    full_name: str | None = None


@attrs.frozen
class Message(Model):
    """The body of a delete: ``DELETE /stock/items/<ID>``, ``DELETE /stock/locations/<ID>``."""

    message: str | None = None
