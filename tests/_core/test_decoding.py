"""Decoding through a client: an odd value names the model, the field, the value and the record
(redacted); a lenient listing yields it as an UndecodedRecord and goes on; pages are decoded
when they are read, not when they are prefetched."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import attrs
import httpx
import pytest

import jbcrm
from jbcrm._core.models import Model
from jbcrm.jetbuilt._resource import JetbuiltResource
from jbcrm.jetbuilt.models import Project, ProjectDetail
from jbcrm.jetpackcrm import QuoteStatus
from tests.conftest import BASE_URL, JETBUILT_TOKEN
from tests.decode_paths import both, decode_body
from tests.jetbuilt.fixtures import load

#: Every test here decodes with the converter and fast plans made inside it (conftest).
pytestmark = pytest.mark.usefixtures("fresh_decoding")

MakeJetbuilt = Callable[..., jbcrm.Jetbuilt]
PROJECTS = f"{BASE_URL}/projects"


def _listing(pages: int, odd: dict[tuple[int, int], dict[str, Any]]) -> Callable[..., Any]:
    """Pages of 25 listed projects; ``odd[(page, index)]`` overrides keys of one record."""
    listed = load("projects_list")[0]

    def handler(request: httpx.Request) -> httpx.Response:
        number = int(request.url.params.get("page", "1"))
        records = [
            {**listed, "id": number * 100 + i, **odd.get((number, i), {})} for i in range(25)
        ]
        links = [f'<{PROJECTS}?page={pages}>; rel="last"'] if number < pages else []
        if number < pages:
            links.append(f'<{PROJECTS}?page={number + 1}>; rel="next"')
        return httpx.Response(200, json=records, headers={"Link": ", ".join(links)})

    return handler


async def test_a_value_that_does_not_fit_names_model_field_value_and_record(
    make_jetbuilt: MakeJetbuilt,
) -> None:
    jb = make_jetbuilt(_listing(2, {(2, 6): {"total": "N/A"}}))
    with pytest.raises(jbcrm.ResponseDecodeError) as info:
        await jb.projects.list().to_list()
    error = info.value
    assert "Project.total: expected a decimal amount, got 'N/A'" in str(error)
    assert "item 7 of 25, index 6, on page 2" in str(error)
    assert (error.model, error.path, error.index, error.value) == ("Project", "total", 6, "N/A")
    assert error.record["id"] == 206
    assert len(error.body) == 25
    assert 'on_decode_error("keep_raw")' in (error.hint or "")


async def test_a_nested_field_is_named_by_its_path(make_jetbuilt: MakeJetbuilt) -> None:
    detail = load("project_get")
    detail["rooms"][1]["quantity"] = [1]

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=detail)

    with pytest.raises(jbcrm.ResponseDecodeError) as info:
        await make_jetbuilt(handler).projects.get(97739)
    error = info.value
    assert (error.model, error.path, error.index) == ("ProjectDetail", "rooms[1].quantity", None)
    assert "ProjectDetail.rooms[1].quantity" in str(error)
    assert error.body["id"] == 97739


async def test_a_secret_in_an_odd_value_is_redacted_everywhere_the_error_shows_it(
    make_jetbuilt: MakeJetbuilt,
) -> None:
    jb = make_jetbuilt(_listing(1, {(1, 3): {"total": f"token {JETBUILT_TOKEN}"}}))
    with pytest.raises(jbcrm.ResponseDecodeError) as info:
        await jb.projects.list().to_list()
    error = info.value
    shown = [str(error), repr(error.value), json.dumps(error.record), json.dumps(error.body)]
    assert all(JETBUILT_TOKEN not in text for text in shown)
    assert error.__context__ is None
    assert error.__cause__ is None


async def test_keep_raw_yields_the_odd_record_with_its_error_and_goes_on(
    make_jetbuilt: MakeJetbuilt,
) -> None:
    jb = make_jetbuilt(_listing(3, {(2, 6): {"total": "N/A"}, (3, 0): {"id": None}}))
    items = await jb.projects.list().on_decode_error("keep_raw").to_list()
    assert len(items) == 75
    odd = [item for item in items if isinstance(item, jbcrm.UndecodedRecord)]
    assert [(o.index, o.id) for o in odd] == [(6, 206), (0, None)]
    assert odd[0].raw["total"] == "N/A"
    assert isinstance(odd[0].error, jbcrm.ResponseDecodeError)
    assert odd[0].error.path == "total"
    assert odd[1].error.path == "id"
    assert all(isinstance(item, Project) for item in items if item not in odd)


async def test_the_default_mode_raises_and_other_modes_are_refused(
    make_jetbuilt: MakeJetbuilt,
) -> None:
    listing = make_jetbuilt(_listing(1, {(1, 0): {"id": "x"}})).projects.list()
    assert listing.on_decode_error("keep_raw") is not listing
    with pytest.raises(jbcrm.ResponseDecodeError):
        await listing.on_decode_error("raise").to_list()
    with pytest.raises(jbcrm.InvalidArgumentError, match="keep_raw"):
        listing.on_decode_error("skip")  # type: ignore[call-overload]


DECODED: list[int] = []


@attrs.frozen
class Counted(Model):
    """Records each decode (a post-init hook takes the reference path, which runs it)."""

    id: int
    name: str | None = None

    def __attrs_post_init__(self) -> None:
        DECODED.append(self.id)


async def test_prefetched_pages_are_decoded_only_when_read(make_jetbuilt: MakeJetbuilt) -> None:
    requested: list[int] = []
    inner = _listing(8, {})

    def handler(request: httpx.Request) -> httpx.Response:
        requested.append(int(request.url.params.get("page", "1")))
        return inner(request)

    DECODED.clear()
    listing = JetbuiltResource(make_jetbuilt(handler, concurrency=4))._list("projects", Counted)
    async for page in listing.pages():
        if page.number == 2:
            await asyncio.sleep(0.05)  # pages 3 to 5, prefetched, arrive meanwhile
            break
    assert sorted(requested) == [1, 2, 3, 4, 5]
    assert sorted(DECODED) == [*range(100, 125), *range(200, 225)]


async def test_the_first_page_is_decoded_once_when_asked_for_and_then_iterated(
    make_jetbuilt: MakeJetbuilt,
) -> None:
    DECODED.clear()
    listing = JetbuiltResource(make_jetbuilt(_listing(2, {})))._list("projects", Counted)
    first = await listing.first_page()
    assert [item.id for item in first.items][:2] == [100, 101]
    items = await listing.to_list()
    assert len(items) == 50
    assert sorted(DECODED) == sorted({*range(100, 125), *range(200, 225)})
    assert items[0] is first.items[0]


async def test_a_get_decodes_through_the_fast_path_with_raw_as_sent(
    make_jetbuilt: MakeJetbuilt,
) -> None:
    detail = load("project_get")

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=detail)

    project = await make_jetbuilt(handler).projects.get(97739)
    assert isinstance(project, ProjectDetail)
    assert project.raw == detail
    assert project.rooms[0].raw == detail["rooms"][0]


@attrs.frozen
class Odd(Model):
    """A field type the converter has no hook for: no fast plan is made for it."""

    id: int
    number: complex | None = None


def test_a_model_the_fast_path_cannot_build_gets_no_plan() -> None:
    from jbcrm._core import wire

    assert wire.plan(Odd) is None
    with pytest.raises(wire.REFUSED, match="Odd has no fast path"):
        wire.decode(b'{"id": 1}', Odd)


@attrs.frozen
class Timed(Model):
    """Hooked fields that are required or have defaults other than None."""

    at: datetime
    days: dict[str, date] = attrs.field(factory=dict)
    status: QuoteStatus = QuoteStatus.DRAFT


@pytest.mark.parametrize(
    "data",
    [
        {"at": "2026-01-02T03:04:05Z"},
        {"at": "2026-01-02 03:04:05", "days": {"a": "2026-01-02", "b": "11/28/2026"}},
        {"at": "2026-01-02T03:04:05+01:00", "status": 1},
        {"at": "2026-01-02T03:04:05Z", "status": 99},
        {"at": "yesterday"},
        {"at": None},
        {"days": {}},
        {"at": "2026-01-02", "days": None},
    ],
)
def test_hooked_fields_with_other_defaults_give_the_same_outcome_on_both_paths(
    data: dict[str, Any],
) -> None:
    fast, reference = both(decode_body, json.dumps(data).encode(), Timed)
    assert fast == reference
