"""The converter: the types real servers send decode to the right Python values, anything else
raises only DecodeError; encode turns request values into JSON."""

from __future__ import annotations

import enum
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import attrs
import cattrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import jbcrm
from jbcrm._core import convert
from jbcrm._core.convert import (
    DecodeError,
    _parse_loose_datetime,
    encode,
    parse_datetime,
    show,
    structure,
)
from jbcrm._core.locate import locate
from jbcrm._core.models import Model, UnixTime, json_field

#: Every test here decodes with the converter and fast plans made inside it (conftest).
pytestmark = pytest.mark.usefixtures("fresh_decoding")


class Stage(enum.Enum):
    OPEN = "open"
    LOST = "lost"


@attrs.frozen
class Sample(Model):
    id: int
    name: str | None = None
    price: Decimal | None = None
    amount: Decimal | None = None
    cost: Decimal | None = None
    created_at: datetime | None = None
    day: date | None = None
    seen: UnixTime | None = None
    requires_engineering: bool | None = json_field("requires_engineering?", default=None)
    ratio: float | None = None
    stage: Stage | None = None
    tags: list[str] = attrs.field(factory=list)
    anything: Any = None


@attrs.frozen
class Parent(Model):
    child: Sample
    children: list[Sample] = attrs.field(factory=list)
    lookup: dict[str, int] = attrs.field(factory=dict)


@attrs.frozen
class Holder(Model):
    maybe: Sample | None = None
    many: list[Sample | None] = attrs.field(factory=list)


def test_money_strings_and_cents_objects_both_become_decimals() -> None:
    sample = structure(
        {"id": 1, "price": "1234.50", "amount": {"cents": 199, "currency_iso": "USD"}}, Sample
    )
    assert sample.price == Decimal("1234.50")
    assert str(sample.price) == "1234.50"
    assert (sample.amount, str(sample.amount)) == (Decimal("1.99"), "1.99")
    assert sample.raw["amount"] == {"cents": 199, "currency_iso": "USD"}
    assert structure({"id": 1, "amount": "9.99", "price": 3}, Sample).amount == Decimal("9.99")
    assert structure({"id": 1, "price": "", "amount": False}, Sample).price is None
    assert structure({"id": 1, "cost": {"cents": "5"}}, Sample).cost == Decimal("0.05")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "2018-07-16T08:17:33.273-07:00",
            datetime(2018, 7, 16, 8, 17, 33, 273000, tzinfo=timezone(timedelta(hours=-7))),
        ),
        ("2023-07-28T10:00:00Z", datetime(2023, 7, 28, 10, tzinfo=timezone.utc)),
        ("2023-07-28T10:00:00z", datetime(2023, 7, 28, 10, tzinfo=timezone.utc)),
        (" 2023-07-28T10:00:00.5Z ", datetime(2023, 7, 28, 10, 0, 0, 500000, tzinfo=timezone.utc)),
        ("2026-11-28 09:30:37", datetime(2026, 11, 28, 9, 30, 37, tzinfo=timezone.utc)),
    ],
    ids=["ms-and-offset", "zulu", "lower-case-zulu", "padded-zulu", "naive-is-utc"],
)
def test_timestamps_become_aware_datetimes(text: str, expected: datetime) -> None:
    parsed = structure({"id": 1, "created_at": text}, Sample).created_at
    assert parsed == expected
    assert parsed is not None
    assert parsed.utcoffset() == expected.utcoffset()


def test_fractions_of_any_length_parse() -> None:
    assert _parse_loose_datetime("2018-07-16T08:17:33.27-07:00", "x").microsecond == 270000
    assert parse_datetime("2018-07-16T08:17:33.1234567+00:00").microsecond == 123456
    with pytest.raises(DecodeError):
        _parse_loose_datetime("2018-07-16T08:17:33.x", "x")
    with pytest.raises(DecodeError):
        _parse_loose_datetime("2018-07-16T08:17:33.27junk", "x")
    assert structure({"id": 1, "created_at": False}, Sample).created_at is None
    assert structure({"id": 1, "created_at": ""}, Sample).created_at is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-11-28", date(2026, 11, 28)),
        ("11/28/2026", date(2026, 11, 28)),
        ("2026-11-28T10:00:00Z", date(2026, 11, 28)),
        (False, None),
        ("", None),
    ],
)
def test_dates_in_every_form_the_servers_send(value: object, expected: date | None) -> None:
    assert structure({"id": 1, "day": value}, Sample).day == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1764322237, datetime(2025, 11, 28, 9, 30, 37, tzinfo=timezone.utc)),
        ("1764322237", datetime(2025, 11, 28, 9, 30, 37, tzinfo=timezone.utc)),
        (0, None),
        (-1, None),
        ("-1", None),
        ("0", None),
        (False, None),
        ("", None),
        (None, None),
    ],
)
def test_unix_times_become_utc_datetimes_or_none(value: object, expected: datetime | None) -> None:
    assert structure({"id": 1, "seen": value}, Sample).seen == expected


def test_ids_as_numeric_strings_and_loose_scalars_decode() -> None:
    sample = structure(
        {"id": "97739", "name": 42, "ratio": "0.5", "requires_engineering?": "true"}, Sample
    )
    assert (sample.id, sample.name, sample.ratio, sample.requires_engineering) == (
        97739,
        "42",
        0.5,
        True,
    )
    assert structure({"id": 3.0, "requires_engineering?": 0}, Sample).requires_engineering is False
    assert structure(True, bool) is True
    assert structure("FALSE", bool) is False
    assert [structure(v, bool) for v in (1, "1", 0, "0", "true", "False")] == [
        True,
        True,
        False,
        False,
        True,
        False,
    ]
    assert [structure(v, int) for v in ("-12", " 7 ", "0", 2.0)] == [-12, 7, 0, 2]
    with pytest.raises(DecodeError):
        structure("1-2", int)
    with pytest.raises(DecodeError):
        structure(2, bool)


def test_json_field_renames_and_raw_and_extra_keep_everything() -> None:
    data = {"id": 1, "requires_engineering?": False, "brand_new": {"x": [1]}, "stage": "lost"}
    sample = structure(data, Sample)
    assert sample.requires_engineering is False
    assert sample.raw is data
    assert sample.extra == {"brand_new": {"x": [1]}}
    assert sample.stage is Stage.LOST
    assert structure({"id": 1, "stage": "someday"}, Sample).stage == "someday"
    assert "raw" not in repr(sample)


def test_nested_models_and_collections_decode() -> None:
    parent = structure(
        {"child": {"id": "1"}, "children": [{"id": 2}, {"id": 3}], "lookup": {"a": "1"}}, Parent
    )
    assert parent.child.id == 1
    assert [c.id for c in parent.children] == [2, 3]
    assert parent.lookup == {"a": 1}
    assert parent.children[0].raw == {"id": 2}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Sample.id: required key 'id' is missing"),
        ({"id": None}, "Sample.id: expected an integer, got None"),
        ({"id": True}, "Sample.id: expected an integer, got True"),
        ({"id": "12a"}, "Sample.id: expected an integer, got '12a'"),
        ({"id": "X1"}, "Sample.id: expected an integer, got 'X1'"),
        ({"id": 1.5}, "Sample.id: expected an integer, got 1.5"),
        ({"id": 1, "price": "twelve"}, "Sample.price: expected a decimal amount, got 'twelve'"),
        ({"id": 1, "price": [1]}, "Sample.price: expected a decimal amount, got [1]"),
        ({"id": 1, "price": True}, "Sample.price: expected a decimal amount, got True"),
        (
            {"id": 1, "cost": {"currency_iso": "USD"}},
            "Sample.cost: expected a decimal amount or a money object, got {'currency_iso': 'USD'}",
        ),
        (
            {"id": 1, "created_at": "yesterday"},
            "Sample.created_at: expected an ISO 8601 timestamp, got 'yesterday'",
        ),
        ({"id": 1, "created_at": 12}, "Sample.created_at: expected an ISO 8601 timestamp, got 12"),
        (
            {"id": 1, "created_at": "2026-01-02T03:04:05.1x"},
            "Sample.created_at: expected an ISO 8601 timestamp, got '2026-01-02T03:04:05.1x'",
        ),
        ({"id": 1, "day": "13/45/2026"}, "Sample.day: expected a date, got '13/45/2026'"),
        ({"id": 1, "day": "soon"}, "Sample.day: expected a date, got 'soon'"),
        ({"id": 1, "day": 5}, "Sample.day: expected a date, got 5"),
        ({"id": 1, "seen": "1e400"}, "Sample.seen: expected a unix time, got '1e400'"),
        ({"id": 1, "seen": "nan"}, "Sample.seen: expected a unix time, got 'nan'"),
        ({"id": 1, "seen": [1]}, "Sample.seen: expected a number, got [1]"),
        ({"id": 1, "ratio": "fast"}, "Sample.ratio: expected a number, got 'fast'"),
        ({"id": 1, "ratio": None}, None),
        (
            {"id": 1, "requires_engineering?": "maybe"},
            "Sample.requires_engineering: expected a boolean, got 'maybe'",
        ),
        ({"id": 1, "name": {"first": "x"}}, "Sample.name: expected a string, got dict"),
        ({"id": 1, "tags": 5}, "Sample.tags: 'int' object is not iterable"),
        ([], "Sample: expected a JSON object, got list"),
        ("text", "Sample: expected a JSON object, got str"),
    ],
)
def test_values_that_do_not_fit_raise_decode_error_saying_what_was_expected(
    data: Any, message: str | None
) -> None:
    if message is None:
        assert structure(data, Sample).ratio is None
        return
    with pytest.raises(DecodeError) as info:
        structure(data, Sample)
    assert str(info.value) == message


def test_a_missing_key_names_the_key() -> None:
    with pytest.raises(DecodeError, match="required key 'child' is missing") as info:
        structure({}, Parent)
    assert (info.value.model, info.value.path, info.value.value) == ("Parent", "child", None)


def test_a_value_that_does_not_fit_is_named_by_its_path_wherever_it_sits() -> None:
    cases: list[tuple[Any, Any, str, str | None, Any]] = [
        ({"child": {"id": "x"}}, Parent, "Parent", "child.id", "x"),
        (
            {"child": {"id": 1}, "children": [{"id": 2}, {"id": []}]},
            Parent,
            "Parent",
            "children[1].id",
            [],
        ),
        ({"child": {"id": 1}, "lookup": {"a": 1, "b": "two"}}, Parent, "Parent", "lookup.b", "two"),
        (
            {"child": {"id": 1, "requires_engineering?": 3}},
            Parent,
            "Parent",
            "child.requires_engineering",
            3,
        ),
        ({"a": {"id": 1}, "b": {"id": "x"}}, dict[str, Sample], "dict", "b.id", "x"),
        ([{"id": 1}, {"id": "x"}], list[Sample], "Sample", "[1].id", "x"),
        ({"maybe": {"id": "x"}}, Holder, "Holder", "maybe.id", "x"),
        ({"maybe": None, "many": [None, {"id": "y"}]}, Holder, "Holder", "many[1].id", "y"),
        ("x", int, "int", None, "x"),
        ({"a": {"id": 1}}, list[Sample], "Sample", None, {"a": {"id": 1}}),
        ({"id": "x"}, Sample | None, str(Sample | None), "id", "x"),
    ]
    for data, tp, model, path, value in cases:
        with pytest.raises(DecodeError) as info:
            structure(data, tp)
        assert (info.value.model, info.value.path, info.value.value) == (model, path, value)
        assert str(info.value).startswith(
            f"{model}{'.' if path and path[0] != '[' else ''}{path or ''}: "
        )
    with pytest.raises(DecodeError, match=r"^int: expected an integer, got 'x'$"):
        structure("x", int)
    with pytest.raises(DecodeError) as info:
        structure({"a": {"id": 1}}, list[Sample])
    assert str(info.value) == "Sample: expected a JSON object for Sample, got str"


def test_keys_named_like_a_models_own_slots_are_data_like_any_other() -> None:
    data = {"id": 1, "_raw": {"q": 1}, "_raw_at": "id"}
    sample = structure(data, Sample)
    assert sample.raw is data
    assert sample.extra == {"_raw": {"q": 1}, "_raw_at": "id"}


def test_an_optional_value_already_of_its_type_is_taken_as_it_is() -> None:
    calls: list[Any] = []
    plain = convert.converter.get_structure_hook(int)

    def counted(value: Any, target: Any) -> Any:
        calls.append(value)
        return plain(value, target)

    convert.converter.register_structure_hook(int, counted)
    assert structure(None, int | None) is None
    assert structure(7, int | None) == 7
    assert calls == []
    assert structure("7", int | None) == 7
    assert calls == ["7"]


def test_a_type_holding_none_that_is_no_union_is_not_taken_for_an_optional() -> None:
    assert structure({"a": None}, dict[str, None]) == {"a": None}
    assert structure([1, None], tuple[int, None]) == (1, None)


def test_an_optional_collection_converts_its_items() -> None:
    assert structure([0, "1"], frozenset[bool] | None) == frozenset({False, True})
    assert structure(["2"], list[int] | None) == [2]


def test_a_reason_is_given_even_by_a_hook_that_gives_none() -> None:
    # locate() names what a converter's own hooks refused, whatever they raise.
    custom = cattrs.Converter()
    custom.register_structure_hook(Decimal, lambda value, _: value["cents"])
    custom.register_structure_hook(date, lambda value, _: date.fromordinal(value))

    def silent(value: Any, _: Any) -> Any:
        raise ValueError

    custom.register_structure_hook(float, silent)
    missing = locate(custom, {}, Decimal, DecodeError)
    assert (str(missing), missing.value) == ("Decimal: required key 'cents' is missing", {})
    assert str(locate(custom, 1.5, float, DecodeError)) == "float: ValueError"
    assert str(locate(custom, "x", date, DecodeError)) == (
        "date: 'str' object cannot be interpreted as an integer"
    )


def test_a_value_is_shown_whole_up_to_sixty_characters_and_cut_short_after() -> None:
    assert show("x" * 58) == repr("x" * 58)
    assert show("x" * 59) == repr("x" * 59)[:57] + "..."
    assert len(show(list(range(100)))) == 60


_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=12)
    | st.sampled_from(["", "0", "-1", "1e400", "inf", "2026-11-28", "11/28/2026", "12"]),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=4)
    ),
    max_leaves=12,
)
_FIELDS = [
    "id",
    "name",
    "price",
    "amount",
    "cost",
    "created_at",
    "day",
    "seen",
    "requires_engineering?",
    "ratio",
    "stage",
    "tags",
    "anything",
]


def _structure_or_error(data: Any, tp: Any) -> tuple[Any, DecodeError | None]:
    try:
        return structure(data, tp), None
    except DecodeError as error:
        return None, error


# The examples share the test's fresh converter: nothing in it depends on which came first.
@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.one_of(
        _JSON,
        st.fixed_dictionaries({}, optional=dict.fromkeys(_FIELDS, _JSON)),
        st.fixed_dictionaries(
            {"child": st.fixed_dictionaries({}, optional=dict.fromkeys(_FIELDS, _JSON))},
            optional={"children": _JSON, "lookup": _JSON},
        ),
    )
)
def test_random_json_decodes_to_a_model_of_that_json_or_raises_a_decode_error_naming_it(
    data: Any,
) -> None:
    for tp in (Sample, Parent, list[Sample]):
        decoded, error = _structure_or_error(data, tp)
        if error is not None:
            assert error.model in ("Sample", "Parent")
            continue
        if tp is Sample:
            assert isinstance(decoded, Sample)
            assert isinstance(decoded.id, int)
            assert decoded.raw == data
        elif tp is Parent:
            assert isinstance(decoded, Parent)
            assert decoded.raw == data
            assert decoded.child.raw == data["child"]
            assert [c.raw for c in decoded.children] == list(data.get("children", []))
        else:
            # An empty {} or "" (PHP's empty values) decodes as no items.
            assert [s.raw for s in decoded] == list(data)
            assert all(isinstance(s, Sample) for s in decoded)


def test_decode_error_becomes_a_response_decode_error_not_a_bare_exception() -> None:
    assert issubclass(DecodeError, ValueError)
    assert not issubclass(DecodeError, jbcrm.JBCRMError)


def test_encode_turns_request_values_into_json() -> None:
    when = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    assert encode(
        {
            "price": Decimal("10.50"),
            "at": when,
            "on": date(2026, 1, 2),
            "skip": None,
            "clear": jbcrm.NULL,
            "stage": Stage.OPEN,
            "nested": [{"a": None, "b": (1, Decimal("2"))}],
            "flag": False,
        }
    ) == {
        "price": "10.50",
        "at": "2026-01-02T03:04:05+00:00",
        "on": "2026-01-02",
        "clear": None,
        "stage": "open",
        "nested": [{"b": [1, "2"]}],
        "flag": False,
    }
    assert encode([None, True, 1, 1.5, "x", (None,)]) == [None, True, 1, 1.5, "x", [None]]
    assert repr(jbcrm.NULL) == "jbcrm.NULL"
    assert type(jbcrm.NULL)() is jbcrm.NULL


def test_encode_sends_a_model_as_its_json_fields() -> None:
    sample = structure({"id": "7", "requires_engineering?": True, "unknown": 1}, Sample)
    assert encode(sample) == {"id": 7, "requires_engineering?": True, "tags": []}


def test_encode_refuses_what_json_cannot_carry() -> None:
    with pytest.raises(jbcrm.InvalidArgumentError, match="cannot send a value of type object"):
        encode({"x": object()})


def test_the_converter_raises_the_first_failure_itself_without_collecting_the_rest() -> None:
    # Detailed validation (every failure of a record, gathered) would cost on every record;
    # structure() locates a failure again, only when there is one.
    with pytest.raises(DecodeError, match=r"^expected a decimal amount, got 'y'$"):
        convert.converter.structure({"id": 1, "price": "y"}, Sample)
