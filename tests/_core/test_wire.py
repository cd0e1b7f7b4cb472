"""The fast decoding path itself: what its twins accept they decode, into the models the
reference path makes (raw JSON included), without handing the record over; what they refuse
they refuse as one of ``wire.REFUSED``, and a model they cannot read gets no plan at all.

Which path decoded a model shows in what it keeps: the fast path keeps the record's bytes
(a ``LazyJSON``, shared by the models nested in it), the reference path the parsed object.
"""

from __future__ import annotations

import enum
import json
from datetime import date, datetime, timezone
from decimal import Decimal
from typing import Any, get_origin

import attrs
import msgspec
import pytest

from jbcrm._core import convert, wire
from jbcrm._core.convert import DecodeError, structure
from jbcrm._core.models import LazyJSON, Model, UnixTime, json_field
from tests.decode_paths import canon
from tests.jetbuilt.test_models import models_in

pytestmark = pytest.mark.usefixtures("fresh_decoding")


class Colour(enum.Enum):
    RED = "red"
    BLUE = "blue"


def _positive(value: int | None) -> int | None:
    return value if value is not None and value > 0 else None


@attrs.frozen
class Part(Model):
    id: int
    price: Decimal | None = None


@attrs.frozen
class Record(Model):
    """One field of every kind the twins treat apart."""

    id: int
    active: bool | None = None
    count: int = 0
    ratio: float | None = None
    label: str | None = None
    tags: list[str] = attrs.field(factory=list)
    meta: dict[str, Any] = attrs.field(factory=dict)
    anything: Any = None
    amount: Decimal | None = None
    total: Decimal = Decimal(0)
    rates: dict[str, Decimal] | None = None
    prices: dict[str, Decimal] = attrs.field(factory=dict)
    created: datetime | None = None
    day: date | None = None
    seen: UnixTime | None = None
    colour: Colour | None = None
    part: Part | None = None
    parts: list[Part] = attrs.field(factory=list)
    more: list[Part] | None = None
    flags: frozenset[bool] = frozenset()
    urgent: bool | None = json_field("urgent?", default=None)
    owner: int | None = attrs.field(default=None, converter=_positive)


@attrs.frozen
class Node(Model):
    """A model nesting itself, in a list and in a field."""

    name: str
    children: list[Node] = attrs.field(factory=list)
    parent: Node | None = None


@attrs.frozen
class Dated(Model):
    """Hooked fields that are required, or have defaults other than None."""

    at: datetime
    days: dict[str, date] = attrs.field(factory=dict)
    colour: Colour | None = Colour.BLUE
    when: date = date(2000, 1, 1)
    since: datetime | None = datetime(2000, 1, 1, tzinfo=timezone.utc)


@attrs.frozen
class Strict(Model):
    """Fields that are not optional: null does not fit them."""

    count: int = 0
    flag: bool = False
    total: Decimal = Decimal(0)
    part: Part = Part(id=0)
    parts: list[Part] = attrs.field(factory=list)
    rates: dict[str, Decimal] = attrs.field(factory=dict)
    # Not Optional, though its default is None: null fits it no better.
    at: datetime = None  # type: ignore[assignment]


def on_the_fast_path(value: Any) -> bool:
    """Every model in ``value`` (nested ones too) was decoded by the twins."""
    found = models_in(value)
    return bool(found) and all(model._raw.__class__ is LazyJSON for model in found)


def _fast(data: Any, cls: type) -> Any:
    """``data`` as JSON bytes, decoded by the fast path; it must equal the reference path's
    models, raw JSON included, and have been decoded by the twins themselves."""
    model = wire.decode(json.dumps(data).encode(), cls)
    assert canon(model) == canon(structure(data, cls))
    assert on_the_fast_path(model)
    return model


def page(content: bytes, cls: type, item_key: str | None = None) -> list[Any] | None:
    texts = wire.split(content, item_key)
    assert texts is not None
    return wire.decode_page(content, cls, item_key, texts)


FULL: dict[str, Any] = {
    "id": "7",
    "active": "1",
    "count": 3,
    "ratio": 0.5,
    "label": "seven",
    "tags": ["a", "b"],
    "meta": {"k": [1, {"x": None}]},
    "anything": {"free": True},
    "amount": "12.50",
    "total": 3.25,
    "rates": {"CAD": "1.25", "EUR": 2, "GBP": {"cents": 150}},
    "prices": {"list": 10},
    "created": "2026-01-02T03:04:05",
    "day": "2026-01-02",
    "seen": "1764322237",
    "colour": "red",
    "part": {"id": 1, "price": {"cents": 500, "currency_iso": "USD"}},
    "parts": [{"id": "2"}, {"id": 3, "price": "0.10"}],
    "more": [{"id": 4}],
    "flags": [0, "1", True],
    "urgent?": 0,
    "owner": -1,
}


def test_a_record_of_every_field_kind_is_decoded_by_the_twins_as_the_reference_decodes_it() -> None:
    record = _fast(FULL, Record)
    assert (record.id, record.active, record.owner, record.urgent) == (7, True, None, False)
    assert record.amount == Decimal("12.50")
    assert record.total == Decimal("3.25")
    assert record.rates == {"CAD": Decimal("1.25"), "EUR": Decimal(2), "GBP": Decimal("1.50")}
    assert record.prices == {"list": Decimal(10)}
    assert record.created == datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    assert record.day == date(2026, 1, 2)
    assert record.seen == datetime(2025, 11, 28, 9, 30, 37, tzinfo=timezone.utc)
    assert record.colour is Colour.RED
    assert record.part == Part(id=1, price=Decimal("5.00"))
    assert record.parts == [Part(id=2), Part(id=3, price=Decimal("0.10"))]
    assert (record.more, record.flags) == ([Part(id=4)], frozenset({False, True}))
    assert (record.tags, record.meta, record.anything) == (
        ["a", "b"],
        {"k": [1, {"x": None}]},
        {"free": True},
    )
    assert record.raw == FULL
    assert record.extra == {}


def test_nested_models_read_their_own_part_of_the_records_bytes() -> None:
    record = _fast(FULL, Record)
    assert record.part is not None
    assert (record.part._raw is record._raw, record.part._raw_at) == (True, "part")
    assert record.part.raw == FULL["part"]
    assert [part._raw_at for part in record.parts] == [("parts", 0), ("parts", 1)]
    assert record.parts[1].raw == FULL["parts"][1]
    assert record._raw_at is None


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"id": 7, "active": True, "owner": 12, "urgent?": "1"},
        {"active": None, "label": None, "amount": None, "rates": None, "created": None},
        {"day": None, "seen": None, "colour": None, "part": None, "urgent?": None},
        {"amount": 12, "total": {"cents": -5}, "rates": {}, "prices": {"x": "1e3"}},
        {"created": "2026-01-02T03:04:05+02:00", "day": "11/28/2026"},
        {"created": "2026-01-02T03:04:05.1234567Z", "day": "2026-01-02T10:00:00"},
        {"created": "", "day": False, "seen": 0, "colour": "green"},
        {"created": False, "day": "", "seen": "-1", "parts": [], "more": None, "flags": []},
    ],
)
def test_every_form_the_servers_send_is_decoded_by_the_twins_as_the_reference_decodes_it(
    changes: dict[str, Any],
) -> None:
    _fast({**FULL, **changes}, Record)


def test_absent_fields_take_their_defaults_on_the_fast_path() -> None:
    record = _fast({"id": 1}, Record)
    assert record == Record(id=1)
    assert (record.tags, record.prices, record.parts, record.total) == ([], {}, [], Decimal(0))
    dated = _fast({"at": "2026-01-02T03:04:05Z"}, Dated)
    assert (dated.days, dated.colour, dated.when) == ({}, Colour.BLUE, date(2000, 1, 1))


@pytest.mark.parametrize(
    "data",
    [
        {"at": "2026-01-02 03:04:05", "days": {"a": "2026-01-02", "b": "11/28/2026"}},
        {"at": "2026-01-02T03:04:05+01:00", "colour": "red", "when": "2026-02-03"},
        {"at": "2026-01-02", "colour": None, "when": "3/4/2026", "since": None},
        {"at": "2026-01-02T00:00:00Z", "since": "2026-01-02T00:00:00-05:00"},
    ],
)
def test_hooked_fields_with_other_defaults_are_decoded_by_the_twins(data: dict[str, Any]) -> None:
    _fast(data, Dated)


def test_a_model_nesting_itself_is_decoded_by_the_twins_at_every_depth() -> None:
    data = {
        "name": "root",
        "children": [{"name": "a"}, {"name": "b", "children": [{"name": "b1"}]}],
        "parent": {"name": "up", "parent": {"name": "top"}},
    }
    root = _fast(data, Node)
    grandchild = root.children[1].children[0]
    assert (grandchild.name, grandchild._raw_at) == ("b1", ("children", 1, "children", 0))
    assert grandchild.raw == {"name": "b1"}
    assert root.parent is not None
    assert root.parent.parent is not None
    assert (root.parent.parent.name, root.parent.parent._raw_at) == ("top", ("parent", "parent"))


@pytest.mark.parametrize(
    ("data", "cls"),
    [
        ({"id": "abc"}, Record),
        ({"id": 1, "amount": "N/A"}, Record),
        ({"id": 1, "active": "maybe"}, Record),
        ({"id": 1, "created": "yesterday"}, Record),
        ({"id": 1, "part": {"price": "1"}}, Record),
        ({"id": 1, "parts": [{"id": []}]}, Record),
        ({"id": 1, "tags": [1]}, Record),
        ({"label": "no id"}, Record),
        ({"days": {}}, Dated),
        ({"at": None}, Dated),
        ({"count": None}, Strict),
        ({"flag": None}, Strict),
        ({"total": None}, Strict),
        ({"part": None}, Strict),
        ({"parts": None}, Strict),
        ({"rates": None}, Strict),
        ({"at": None}, Strict),
        ([], Record),
    ],
)
def test_what_the_twins_cannot_decode_is_refused_for_the_reference_path(
    data: Any, cls: type
) -> None:
    with pytest.raises(wire.REFUSED):
        wire.decode(json.dumps(data).encode(), cls)


def test_bytes_that_are_not_json_are_refused() -> None:
    with pytest.raises(wire.REFUSED):
        wire.decode(b'{"id": 1', Record)


def test_some_values_the_twins_refuse_the_reference_path_accepts() -> None:
    # An empty amount means "none" to the reference path; the twin's Decimal refuses it.
    data = {"id": 1, "amount": ""}
    with pytest.raises(wire.REFUSED):
        wire.decode(json.dumps(data).encode(), Record)
    assert structure(data, Record).amount is None


def test_a_plan_is_made_once_per_model_and_kept() -> None:
    first = wire.plan(Record)
    assert first is not None
    assert wire.plan(Record) is first


def test_null_fits_a_field_that_is_not_optional_no_better_on_the_reference_path() -> None:
    for key in ("count", "flag", "total", "part", "parts", "rates", "at"):
        with pytest.raises(DecodeError):
            structure({key: None}, Strict)
    assert _fast({"count": "2", "part": {"id": 1}, "at": "2026-01-02T03:04:05Z"}, Strict).count == 2


def _counting_hook(calls: list[Any], tp: Any) -> None:
    """Make the test's converter count the calls of its hook for ``tp`` (before any plan)."""
    hook = convert.converter.get_structure_hook(tp)

    def counted(value: Any, target: Any) -> Any:
        calls.append(value)
        return hook(value, target)

    # A generic alias such as dict[str, Any] is an instance of type on Python 3.10.
    if isinstance(tp, type) and get_origin(tp) is None:
        convert.converter.register_structure_hook(tp, counted)
    else:
        convert.converter.register_structure_hook_func(lambda t: t == tp, counted)


def test_values_the_twins_read_as_they_are_are_not_handed_to_a_hook() -> None:
    calls: list[Any] = []
    for tp in (int, bool, datetime, date, dict[str, Any], list[str], dict[str, int]):
        _counting_hook(calls, tp)

    @attrs.frozen
    class Typed(Model):
        id: int
        flag: bool | None = None
        at: datetime | None = None
        day: date | None = None
        meta: dict[str, Any] = attrs.field(factory=dict)
        tags: list[str] = attrs.field(factory=list)
        counts: dict[str, int] | None = None

    data = {
        "id": 1,
        "flag": True,
        # With an offset: Python 3.10's fromisoformat does not read "Z" (the hook then does).
        "at": "2026-01-02T03:04:05+00:00",
        "day": "2026-01-02",
        "meta": {"a": [1]},
        "tags": ["x"],
        "counts": {"a": 1},
    }
    typed = wire.decode(json.dumps(data).encode(), Typed)
    assert (typed.id, typed.at, typed.counts) == (
        1,
        datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc),
        {"a": 1},
    )
    assert calls == []
    loose = {"id": "1", "flag": 1, "at": "", "day": "11/28/2026"}
    assert wire.decode(json.dumps(loose).encode(), Typed).day == date(2026, 11, 28)
    assert calls == ["1", 1, "", "11/28/2026"]


@attrs.frozen
class Hooked(Model):
    id: int

    def __attrs_post_init__(self) -> None:
        pass


@attrs.frozen
class Validated(Model):
    id: int = attrs.field(validator=attrs.validators.gt(0))


@attrs.frozen
class Computed(Model):
    id: int
    doubled: int = attrs.field(init=False, default=0)


@attrs.frozen
class Clashing(Model):
    """Its JSON key ``raw`` would hide the model's own ``raw`` on the twin."""

    source: str | None = json_field("raw", default=None)


@attrs.frozen
class Renamed(Model):
    """A renamed key that hides nothing."""

    done: bool = json_field("done?", default=False)


@pytest.mark.parametrize(
    "cls", [Hooked, Validated, Computed, Clashing, int, dict, list[Part], "Part"]
)
def test_a_model_the_twins_cannot_stand_for_gets_no_plan(cls: Any) -> None:
    assert wire.plan(cls) is None


def test_a_model_without_a_plan_is_refused() -> None:
    with pytest.raises(wire.REFUSED, match="Hooked has no fast path"):
        wire.decode(b'{"id": 1}', Hooked)
    assert wire.decode_page(b'[{"id": 1}]', Hooked, None, [msgspec.Raw(b'{"id": 1}')]) is None


def test_a_renamed_key_that_hides_nothing_is_read_under_its_json_name() -> None:
    assert wire.plan(Renamed) is not None
    assert _fast({"done?": "1"}, Renamed).done is True
    assert _fast({"done": True}, Renamed).done is False


def test_a_model_nested_without_a_plan_of_its_own_is_decoded_by_its_reference_hook() -> None:
    @attrs.frozen
    class Outer(Model):
        inner: Hooked | None = None
        more: list[Hooked] = attrs.field(factory=list)

    data = {"inner": {"id": "4"}, "more": [{"id": 5}]}
    outer = wire.decode(json.dumps(data).encode(), Outer)
    assert canon(outer) == canon(structure(data, Outer))
    assert outer._raw.__class__ is LazyJSON
    assert outer.inner is not None
    assert (outer.inner.id, outer.inner._raw) == (4, {"id": "4"})
    assert (outer.more[0].id, outer.more[0]._raw) == (5, {"id": 5})
