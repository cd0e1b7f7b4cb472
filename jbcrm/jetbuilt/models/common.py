"""Small shapes shared by many Jetbuilt responses: references to other records, and the
answer to a delete."""

from __future__ import annotations

import attrs

from jbcrm._core.models import Model


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
class Deleted(Model):
    """The answer to a delete (``DELETE /stock/items/<ID>``, ``DELETE /stock/locations/<ID>``):
    the server's message, or ``None`` with an empty ``raw`` for a 204 with no body."""

    _repr_fields = ("message",)

    message: str | None = None
