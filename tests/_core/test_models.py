"""Models: JSON-safe export, short reprs, an explicit hash, and ``raw`` kept as the exact JSON
(parsed from the record's bytes only when read)."""

from __future__ import annotations

import copy
import json
import pickle
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any, ClassVar

import attrs
import pytest

from jbcrm._core import wire
from jbcrm._core.convert import structure
from jbcrm._core.models import JSON_KEY, LazyJSON, Model, json_field, json_keys, resolve
from jbcrm.jetbuilt.models import (
    Client,
    Deleted,
    NamedRef,
    Project,
    ProjectDetail,
    ProjectItems,
    UserRef,
)
from jbcrm.jetpackcrm import Quote, QuoteStatus
from tests.jetbuilt.fixtures import load

#: Every test here decodes with the converter and fast plans made inside it (conftest).
pytestmark = pytest.mark.usefixtures("fresh_decoding")


def _fast(name: str, cls: Any) -> Any:
    return wire.decode(json.dumps(load(name)).encode(), cls)


def test_to_dict_gives_the_typed_fields_as_json_safe_values() -> None:
    project = _fast("project_get", ProjectDetail)
    exported = project.to_dict()
    assert json.loads(json.dumps(exported)) == exported
    assert exported["total"] == "58624.48"
    assert exported["paid_to_date"] == "5.00"
    assert exported["created_at"] == "2018-07-16T08:17:33.273000-07:00"
    assert exported["close_date"] == "2018-09-04"
    assert exported["owner"] == {"id": 2914, "full_name": "John Smith"}
    assert exported["rooms"][0]["name"] == "Room 1"
    assert exported["exchange_rates"] == {"CAD": "1.243825"}
    # Attribute names, not the server's keys; nothing of raw's own shapes.
    assert exported["requires_engineering"] is True
    assert "requires_engineering?" not in exported
    assert project.raw["paid_to_date"] == {"cents": 500, "currency_iso": "USD"}


def test_to_dict_gives_enums_as_values_and_unix_times_as_iso() -> None:
    quote = structure({"id": 1, "status": -2, "created": 1764322237}, Quote)
    assert quote.status is QuoteStatus.PUBLISHED
    exported = quote.to_dict()
    assert exported["status"] == -2
    assert exported["created"] == "2025-11-28T09:30:37+00:00"


def test_to_json_is_to_dict_as_a_document() -> None:
    detail = _fast("project_get", ProjectDetail)
    assert json.loads(detail.to_json()) == detail.to_dict()
    assert "\n" in detail.to_json(indent=2)


def test_repr_is_short_and_names_the_record() -> None:
    project = _fast("project_get", ProjectDetail)
    assert repr(project) == (
        "ProjectDetail(id=97739, name='test project', stage='lost', total=Decimal('58624.48'))"
    )
    assert repr(UserRef(id=3)) == "UserRef(id=3)"
    long = repr(NamedRef(id=1, name="x" * 500))
    assert len(long) < 80
    assert long.endswith("...)")
    assert repr(Deleted(message="gone")) == "Deleted(message='gone')"


def test_models_hash_by_their_fields_and_go_in_sets_even_with_list_fields() -> None:
    one = structure(load("clients_list"), list[Client])[0]
    again = structure(load("clients_list"), list[Client])[0]
    assert one == again
    assert hash(one) == hash(again)
    assert len({one, again}) == 1
    assert {UserRef(id=1): "a"}[UserRef(id=1)] == "a"
    other = attrs.evolve(one, company_name="Someone else")
    assert one != other
    assert len({one, other}) == 2


def test_raw_is_parsed_from_the_bytes_when_read_and_nested_parts_share_it() -> None:
    data = load("project_get")
    project = _fast("project_get", ProjectDetail)
    assert project.raw == data
    assert project.owner is not None
    assert project.owner.raw is project.raw["owner"]
    assert project.rooms[1].raw is project.raw["rooms"][1]
    assert project.rooms[1].extra == {}
    assert project.extra == {}


def test_a_model_with_lazy_raw_survives_pickle_and_deepcopy() -> None:
    project = _fast("project_get", ProjectDetail)
    for copied in (pickle.loads(pickle.dumps(project)), copy.deepcopy(project)):
        assert copied == project
        assert copied.raw == load("project_get")
        assert copied.rooms[0].raw == load("project_get")["rooms"][0]


def test_models_made_in_code_have_an_empty_raw() -> None:
    ref = UserRef(id=5, full_name="Ann")
    assert (ref.raw, ref.extra) == ({}, {})
    assert ref.to_dict() == {"id": 5, "full_name": "Ann"}


def test_to_dict_of_dates_and_times_keeps_their_offsets() -> None:
    when = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone(timedelta(hours=-7)))
    project = Project(id=1, created_at=when, close_date=date(2026, 2, 3), total=Decimal("1.10"))
    exported = project.to_dict()
    assert exported["created_at"] == "2026-01-02T03:04:05-07:00"
    assert (exported["close_date"], exported["total"]) == ("2026-02-03", "1.10")


def test_deeply_nested_models_read_their_own_part_and_keep_it_when_evolved() -> None:
    data = load("project_items_list")
    items = _fast("project_items_list", ProjectItems)
    labor = items.line_items[0].labor[0]
    assert labor.raw == data["line_items"][0]["labor"][0]
    assert labor.labor_type is not None
    assert labor.labor_type.raw == data["line_items"][0]["labor"][0]["labor_type"]
    moved = attrs.evolve(labor, minutes=None)
    assert moved.raw == labor.raw
    assert items.line_items[0].room is not None
    assert items.line_items[0].room.raw == data["line_items"][0]["room"]


def test_json_field_reads_its_key_and_keeps_the_fields_other_options() -> None:
    @attrs.frozen
    class Flagged(Model):
        done: bool = json_field("done?", default=False, metadata={"doc": "finished"})
        ref: int | None = json_field("ref-id", default=None, kw_only=True)

    fields = attrs.fields(Flagged)
    assert dict(fields.done.metadata) == {"doc": "finished", JSON_KEY: "done?"}
    assert dict(fields.ref.metadata) == {JSON_KEY: "ref-id"}
    assert fields.ref.kw_only
    flagged = structure({"done?": "1", "ref-id": "5", "done": False}, Flagged)
    assert (flagged.done, flagged.ref) == (True, 5)
    assert flagged.extra == {"done": False}
    assert json_keys(Flagged) == {"done?", "ref-id"}
    assert Flagged() == Flagged(done=False, ref=None)


def test_the_json_keys_of_a_model_are_worked_out_once() -> None:
    assert json_keys(UserRef) is json_keys(UserRef)


def test_every_model_gets_the_short_repr_and_the_field_hash_unless_it_has_its_own() -> None:
    @attrs.frozen
    class Plain(Model):
        id: int
        tags: list[str] = attrs.field(factory=list)

    @attrs.frozen
    class Own(Model):
        id: int

        def __repr__(self) -> str:
            return "own"

        def __hash__(self) -> int:
            return 7

    assert repr(Plain(id=1, tags=["a"])) == "Plain(id=1)"
    assert hash(Plain(id=1, tags=["a"])) == hash(Plain(id=1, tags=["b"]))
    assert len({Plain(id=1, tags=["a"]), Plain(id=1, tags=["a"]), Plain(id=2)}) == 2
    assert (repr(Own(id=1)), hash(Own(id=1))) == ("own", 7)


def test_models_of_other_types_or_other_values_hash_apart() -> None:
    @attrs.frozen
    class One(Model):
        id: int

    @attrs.frozen
    class Other(Model):
        id: int

    assert hash(One(id=1)) != hash(Other(id=1))
    assert hash(One(id=1)) != hash(One(id=2))


def test_the_short_repr_shows_the_naming_fields_then_the_models_own_each_once() -> None:
    @attrs.frozen
    class Shown(Model):
        id: int
        stage: str | None = None
        note: str | None = None
        _repr_fields: ClassVar[tuple[str, ...]] = ("stage", "id", "missing")

    assert repr(Shown(id=1, stage="x" * 38, note="n")) == f"Shown(id=1, stage='{'x' * 38}')"
    assert repr(Shown(id=1, stage="x" * 39)) == f"Shown(id=1, stage='{'x' * 36}...)"
    assert repr(Shown(id=2)) == "Shown(id=2)"


def test_to_json_keeps_characters_outside_ascii_as_they_are() -> None:
    assert UserRef(id=1, full_name="Zoë").to_json() == '{"id": 1, "full_name": "Zoë"}'


def test_resolve_finds_the_part_at_a_key_or_a_path_in_a_parsed_or_lazy_source() -> None:
    data = {"a": [1, {"b": 2}], "c": 3}
    lazy = LazyJSON(json.dumps(data).encode())
    for source in (data, lazy):
        assert resolve(source, None) == data
        assert resolve(source, "c") == 3
        assert resolve(source, ("a", 1, "b")) == 2
