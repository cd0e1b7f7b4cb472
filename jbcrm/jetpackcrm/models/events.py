"""Events (calendar tasks)."""

from __future__ import annotations

from typing import ClassVar

import attrs

from jbcrm._core.models import UnixTime
from jbcrm.jetpackcrm.models._base import JetpackModel, owner_id
from jbcrm.jetpackcrm.models.companies import Company
from jbcrm.jetpackcrm.models.customers import Customer

__all__ = ["Event", "EventReminder"]


@attrs.frozen
class EventReminder(JetpackModel):
    """A reminder; ``remind_at`` is in seconds relative to the start (``-86400``: a day
    before). ``sent`` is the plugin's flag: ``-1`` (or ``0``) until it has gone out."""

    id: int | None = None
    event: int | None = None
    remind_at: int | None = None
    sent: int | None = None
    created: UnixTime | None = None
    lastupdated: UnixTime | None = None

    @property
    def is_sent(self) -> bool | None:
        """Whether the reminder has gone out."""
        return None if self.sent is None else self.sent > 0


@attrs.frozen
class Event(JetpackModel):
    """An event: ``GET /events``, and the echo of ``create_event``.

    ``start`` and ``end`` are unix times (create_event reads its ``from``/``to`` text as UTC);
    their ``start_date``/``end_date`` companions are site-local text in :attr:`extra`.
    ``contact`` and ``company`` are the records the event is linked to; ``owner`` is ``None``
    for nobody. An echo is the plugin's normalised fields (``-1`` for what was not sent), read
    the way the event is stored: ``notes`` as ``desc``, ``from``/``to`` as ``start``/``end``,
    the contact id as ``customer``.
    """

    _columns: ClassVar[frozenset[str]] = frozenset({"notes", "from", "to", "notify"})
    _has_custom_fields: ClassVar[bool] = True

    id: int
    owner: int | None = attrs.field(default=None, converter=owner_id)
    title: str | None = None
    desc: str | None = None
    start: UnixTime | None = None
    end: UnixTime | None = None
    complete: bool | None = None
    show_on_portal: bool | None = None
    show_on_cal: bool | None = None
    created: UnixTime | None = None
    lastupdated: UnixTime | None = None
    reminders: list[EventReminder] | None = None
    contact: list[Customer] | None = None
    company: list[Company] | None = None
    customer: int | None = None
