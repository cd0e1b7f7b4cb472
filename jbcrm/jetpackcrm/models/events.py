"""Events (calendar tasks)."""

from __future__ import annotations

from typing import ClassVar

import attrs

from jbcrm._core.models import Model, UnixTime
from jbcrm.jetpackcrm.models._base import JetpackModel
from jbcrm.jetpackcrm.models.companies import Company
from jbcrm.jetpackcrm.models.customers import Customer


@attrs.frozen
class EventReminder(Model):
    """A reminder; ``remind_at`` is in seconds relative to the start (``-86400``: a day
    before)."""

    event: int | None = None
    remind_at: int | None = None
    sent: bool | None = None


@attrs.frozen
class Event(JetpackModel):
    """An event: ``GET /events``, and the echo of ``create_event``.

    The plugin stores ``notes`` as ``desc`` and ``from``/``to`` as the unix times ``start``/
    ``end``; an echo is decoded the same way, so both read alike. ``contact`` and ``company``
    are the records the event is linked to; ``customer`` is the contact id an echo names.
    """

    _native_keys: ClassVar[frozenset[str]] = frozenset({"notes", "from", "to", "notify"})

    id: int
    owner: int | None = None
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
