"""Events: ``GET /events``, ``POST /create_event``."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from jbcrm._core.errors import InvalidArgumentError
from jbcrm._core.pagination import AsyncPaginator
from jbcrm.jetpackcrm._resource import (
    DEFAULT_PER_PAGE,
    EVENT_TIME_FORMAT,
    JetpackResource,
    Order,
    shape_event,
)
from jbcrm.jetpackcrm.models.events import Event


def event_time(name: str, value: datetime | None) -> str | None:
    """A datetime as ``create_event`` reads it: ``m/d/Y H:00:00`` in UTC (naive means UTC).

    The plugin keeps whole hours only; a time with minutes is refused rather than moved.
    """
    if value is None:
        return None
    moment = value.astimezone(timezone.utc) if value.tzinfo else value
    if (moment.minute, moment.second, moment.microsecond) != (0, 0, 0):
        raise InvalidArgumentError(
            f"{name}={value.isoformat()} is not on the hour; the CRM keeps whole hours only"
        )
    return moment.strftime(EVENT_TIME_FORMAT)


class Events(JetpackResource):
    """The CRM's calendar events (tasks)."""

    __slots__ = ()

    def list(
        self,
        *,
        owner: int | None = None,
        order: Order | None = None,
        perpage: int = DEFAULT_PER_PAGE,
        read_ahead: bool = False,
    ) -> AsyncPaginator[Event]:
        """``GET /events``: every event, or those of one ``owner`` (a WordPress user id),
        newest first unless ``order="ASC"``."""
        return self._list(
            "events",
            Event,
            filters={"owner": owner, "order": order},
            perpage=perpage,
            read_ahead=read_ahead,
        )

    async def upsert(
        self,
        *,
        title: str | None = None,
        customer: int | None = None,
        notes: str | None = None,
        start: datetime | None = None,
        end: datetime | None = None,
        remind_24h: bool | None = None,
        complete: bool | None = None,
        owner: int | None = None,
        id: int | None = None,
    ) -> Event:
        """``POST /create_event``: create an event, or **replace** the one ``id`` names.

        ``start``/``end`` are sent as ``m/d/Y H:00:00`` in UTC and must fall on the hour;
        ``remind_24h`` schedules a reminder a day before ``start``; ``customer`` links a
        contact by id; ``owner`` is a WordPress user id (``-1``: nobody). Only an update by
        ``id`` is retried: a failed create might have created the event already.
        """
        body: dict[str, Any] = {
            "id": id,
            "title": title,
            "customer": customer,
            "notes": notes,
            "from": event_time("start", start),
            "to": event_time("end", end),
            "notify": None if remind_24h is None else (24 if remind_24h else 0),
            "complete": None if complete is None else int(complete),
            "owner": owner,
        }
        if all(value is None for value in body.values()):
            raise InvalidArgumentError("upsert needs at least one field")
        return await self._upsert(
            "create_event", Event, body, idempotent=id is not None, shape=shape_event
        )
