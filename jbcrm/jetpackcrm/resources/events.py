"""Events: ``GET /events``, ``POST /create_event``."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from jbcrm._core.errors import InvalidArgumentError
from jbcrm._core.pagination import AsyncPaginator
from jbcrm._core.params import Required, TypedDict, Unpack, checked
from jbcrm.jetpackcrm._resource import DEFAULT_PER_PAGE, SCAN_PER_PAGE, JetpackResource
from jbcrm.jetpackcrm.errors import RecordNotFoundError
from jbcrm.jetpackcrm.models.events import Event

#: How create_event reads ``from`` and ``to``: PHP's strtotime() in UTC (WordPress runs PHP in
#: UTC whatever the site's time zone).
EVENT_TIME_FORMAT = "%m/%d/%Y %H:%M:%S"
# The plugin's only reminder: a day before the start.
_NOTIFY_24H = 24


def event_time(name: str, value: datetime) -> str:
    """A datetime as ``create_event`` reads it, in UTC (naive means UTC); whole seconds only,
    since the plugin keeps no fraction."""
    if not isinstance(value, datetime):
        raise InvalidArgumentError(f"{name} must be a datetime, got {type(value).__name__}")
    moment = value.astimezone(timezone.utc) if value.tzinfo else value
    if moment.microsecond:
        raise InvalidArgumentError(f"{name}={value.isoformat()}: the CRM keeps whole seconds")
    return moment.strftime(EVENT_TIME_FORMAT)


def shape_event(echo: dict[str, Any]) -> dict[str, Any]:
    """An echo read the way the plugin stores the event: ``notes`` as ``desc``, ``from``/``to``
    as unix times, and the echo's ``-1`` ("not sent") as no value."""
    shaped = {key: value for key, value in echo.items() if value != -1 or key == "id"}
    if "notes" in echo:
        shaped["desc"] = echo["notes"]
    for sent, stored in (("from", "start"), ("to", "end")):
        if isinstance(echo.get(sent), str):
            try:
                moment = datetime.strptime(echo[sent], EVENT_TIME_FORMAT)
            except ValueError:
                continue
            shaped[stored] = int(moment.replace(tzinfo=timezone.utc).timestamp())
    return shaped


class EventFields(TypedDict, total=False):
    """What an event's upsert and update both take."""

    customer: int | None
    notes: str | None
    remind_24h: bool
    complete: bool
    owner: int | None


class EventUpsert(EventFields, total=False):
    """The arguments of ``crm.events.upsert``."""

    title: Required[str]
    start: Required[datetime]
    end: Required[datetime]
    id: int | None


class EventUpdate(EventFields, total=False):
    """The arguments of ``crm.events.update``."""

    title: str
    start: datetime
    end: datetime


class Events(JetpackResource):
    """The CRM's calendar events (tasks)."""

    __slots__ = ()

    def list(
        self, *, owner: int | None = None, perpage: int = DEFAULT_PER_PAGE, read_ahead: bool = False
    ) -> AsyncPaginator[Event]:
        """``GET /events``: every event, or those of one ``owner`` (a WordPress user id), in
        ascending id order (the plugin reads no sort order)."""
        return self._list(
            "events", Event, filters={"owner": owner}, perpage=perpage, read_ahead=read_ahead
        )

    async def upsert(self, **fields: Unpack[EventUpsert]) -> Event:
        """``POST /create_event``: create an event, or **replace** the one ``id`` names.

        The plugin saves nothing without a title, a start and an end, so they are required.
        ``start``/``end`` are sent in UTC; ``remind_24h`` schedules the plugin's only reminder,
        a day before ``start``; ``customer`` links a contact by id; ``owner`` is a WordPress
        user id (``None``: nobody). ``complete`` is always sent: the plugin marks an event sent
        without it complete. Replace means: with ``id``, the notes, owner, completion and
        reminder become what is sent (the reminder goes unless ``remind_24h``); the contact
        stays unless ``customer`` is given. Use :meth:`update` to change a few fields. Only an
        update by ``id`` is retried: a failed create might have created the event already.
        Returns the plugin's echo, read like a stored event.
        """
        given = checked(EventUpsert, fields)
        title = given["title"]
        if not isinstance(title, str) or not title.strip():
            raise InvalidArgumentError("create_event saves an event only with a title")
        body: dict[str, Any] = {
            "id": given.get("id"),
            "title": title,
            "customer": given.get("customer"),
            "notes": given.get("notes"),
            "from": event_time("start", given["start"]),
            "to": event_time("end", given["end"]),
            "notify": _NOTIFY_24H if given.get("remind_24h") else None,
            "complete": int(given.get("complete", False)),
            "owner": given.get("owner"),
        }
        return await self._upsert(
            "create_event", Event, body, shape=shape_event, idempotent=body["id"] is not None
        )

    async def update(self, event_id: int, /, **fields: Unpack[EventUpdate]) -> Event:
        """Change some fields of one event and keep every other, its reminder included: read,
        merge, write, and return the event as the CRM then holds it.

        ``fields`` takes the :meth:`upsert` names (``title=...``, ``start=...``,
        ``remind_24h=False`` to drop the reminder, ``complete=True``). The event is found by
        walking the event list (the API has no get-by-id). Nothing is sent when nothing
        changes. A change made by someone else between the read and the write is overwritten.
        """
        given = checked(EventUpdate, fields)
        found = await self._find(self.list(perpage=SCAN_PER_PAGE), lambda e: e.id == event_id)
        if found is None:
            raise RecordNotFoundError(f"no event {event_id!r} to update")
        current = found.record
        if current.start is None or current.end is None or not current.title:
            raise InvalidArgumentError(
                f"event {event_id} has no title, start or end; the API cannot save it"
            )
        contacts = current.contact or []
        before: dict[str, Any] = {
            "title": current.title,
            "customer": contacts[0].id if contacts else None,
            "notes": current.desc,
            "start": current.start,
            "end": current.end,
            "remind_24h": bool(current.reminders),
            "complete": bool(current.complete),
            "owner": current.owner,
        }
        after = {**before, **given}
        if after == before:
            return current
        await self.upsert(id=event_id, **after)
        saved = await self._reread(found, Event, lambda e: e.id == event_id)
        if saved is None:
            raise RecordNotFoundError(f"event {event_id} is gone after the update")
        return saved
