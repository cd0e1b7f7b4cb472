"""Events: reminders as the plugin sends them, echoes of normalised fields, UTC times, and an
update that keeps the reminder."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import httpx
import pytest
import respx

from jbcrm import InternalServerError, InvalidArgumentError
from jbcrm.jetpackcrm import JetpackCRM, RecordNotFoundError, RequestRejectedError
from tests.jetpackcrm.conftest import API, body, expect, query

UTC = timezone.utc
START = datetime(2026, 12, 10, 15, tzinfo=UTC)
TIMES = {"start": START, "end": START + timedelta(hours=1)}


async def test_list_decodes_reminders_whose_sent_flag_is_minus_one(recorded_site: Any) -> None:
    site, crm = recorded_site("events--list")
    events = await crm.events.list().to_list()
    assert [e.id for e in events] == [1, 2, 3, 4, 5]
    [reminder] = events[0].reminders or []
    assert (reminder.remind_at, reminder.sent, reminder.is_sent) == (-86400, -1, False)
    assert [c.email for c in events[0].contact or []] == ["ann.archer@example.com"]
    assert (events[3].owner, events[3].complete) == (None, True)
    assert events[0].custom_fields == {"addr_floor": "", "secaddr_floor": ""}
    assert "order" not in query(site.requests[0])


async def test_list_by_owner_sends_the_owner(recorded_site: Any) -> None:
    site, crm = recorded_site("events--owner")
    assert {e.owner for e in await crm.events.list(owner=2).to_list()} == {2}
    assert query(site.requests[0])["owner"] == "2"


async def test_upsert_sends_utc_times_and_always_says_whether_the_event_is_complete(
    recorded_site: Any,
) -> None:
    site, crm = recorded_site("create_event--with-complete")
    event = await crm.events.upsert(
        title="Product demo",
        customer=7,
        notes="Show the dashboard",
        start=START.astimezone(timezone(timedelta(hours=-5))),
        end=START + timedelta(hours=1),
        remind_24h=True,
        complete=True,
        owner=1,
    )
    assert body(site.requests[0]) == {
        "title": "Product demo", "customer": 7, "notes": "Show the dashboard",
        "from": "12/10/2026 15:00:00", "to": "12/10/2026 16:00:00", "notify": 24,
        "complete": 1, "owner": 1,
    }  # fmt: skip
    assert (event.id, event.desc, event.start, event.complete) == (
        6,
        "Show the dashboard",
        START,
        True,
    )


async def test_an_echo_of_fields_not_sent_decodes_instead_of_failing_after_the_save(
    recorded_site: Any,
) -> None:
    _, crm = recorded_site("create_event--without-complete")
    event = await crm.events.upsert(title="Call back", customer=9, **TIMES)
    assert event.id == 7
    assert event.raw["complete"] == -1
    assert (event.complete, event.owner, event.customer) == (None, None, 9)
    assert event.start == datetime(2026, 12, 11, 9, tzinfo=UTC)


async def test_from_and_to_are_read_as_utc_whatever_the_site_time_zone(
    recorded_site: Any,
) -> None:
    _, crm = recorded_site("create_event--tz-new-york", "events--tz-new-york")
    nine_in_new_york = datetime(2026, 12, 4, 14, tzinfo=UTC)
    echo = await crm.events.upsert(
        title="NY meeting", start=nine_in_new_york, end=nine_in_new_york + timedelta(hours=1)
    )
    [stored] = await crm.events.list(perpage=1).to_list()
    assert echo.start == stored.start == nine_in_new_york
    assert stored.extra["start_date"] == "2026-12-04 09:00:00"


async def test_an_event_without_title_from_or_to_saves_nothing(recorded_site: Any) -> None:
    _, crm = recorded_site("create_event--title-only")
    with expect(RequestRejectedError) as info:
        await crm.events.upsert(title="Only a title", **TIMES)
    assert "needs a title, from and to" in str(info.value)


async def test_upsert_refuses_an_empty_title_and_fractions_of_a_second(crm: JetpackCRM) -> None:
    with pytest.raises(InvalidArgumentError, match="title"):
        await crm.events.upsert(title=" ", **TIMES)
    with pytest.raises(InvalidArgumentError, match="whole seconds"):
        await crm.events.upsert(title="Call", start=START.replace(microsecond=5), end=START)


async def test_a_new_event_is_not_retried_but_an_update_by_id_is(
    crm: JetpackCRM, site: respx.MockRouter
) -> None:
    route = site.post(f"{API}/create_event/").mock(
        side_effect=[httpx.Response(502), httpx.Response(502), httpx.Response(200, json={"id": 5})]
    )
    with expect(InternalServerError):
        await crm.events.upsert(title="Call", **TIMES)
    assert route.call_count == 1
    assert (await crm.events.upsert(id=5, title="Call", **TIMES)).id == 5
    assert route.call_count == 3


async def test_an_update_by_id_through_upsert_drops_the_reminder_as_the_plugin_does(
    sandbox_client: JetpackCRM,
) -> None:
    await sandbox_client.events.upsert(id=1, title="Kickoff call (moved)", **TIMES)
    first = (await sandbox_client.events.list().to_list())[0]
    assert first.reminders == []


async def test_update_keeps_the_reminder_contact_owner_and_completion(
    sandbox_client: JetpackCRM,
) -> None:
    saved = await sandbox_client.events.update(
        1, title="Kickoff call (moved)", start=START, end=START
    )
    [reread] = [e for e in await sandbox_client.events.list().to_list() if e.id == 1]
    for event in (saved, reread):
        assert (event.title, event.start, event.owner, event.complete) == (
            "Kickoff call (moved)",
            START,
            1,
            False,
        )
        assert [r.remind_at for r in event.reminders or []] == [-86400]
        assert [c.id for c in event.contact or []] == [2]
        assert event.desc == "Agree scope"


async def test_update_can_drop_the_reminder_when_asked(sandbox_client: JetpackCRM) -> None:
    saved = await sandbox_client.events.update(2, remind_24h=False, complete=False)
    assert (saved.reminders, saved.complete) == ([], False)


async def test_update_of_an_unknown_event_raises_not_found(sandbox_client: JetpackCRM) -> None:
    with expect(RecordNotFoundError):
        await sandbox_client.events.update(99, title="Nope")
    with pytest.raises(InvalidArgumentError, match="cannot set colour"):
        await sandbox_client.events.update(1, colour="red")
