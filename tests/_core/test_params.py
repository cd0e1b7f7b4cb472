"""A TypedDict of keyword arguments is read once, from its annotations, and checks what a call
was given: unknown keys, missing required ones, enumerated values."""

from __future__ import annotations

from typing import Any, Literal

import pytest

from jbcrm import NULL, InvalidArgumentError
from jbcrm._core.params import NotRequired, Required, TypedDict, _read, checked, fields_of

Colour = Literal["red", "green"]


class Base(TypedDict, total=False):
    colour: Colour | None
    size: int | None


class Write(Base, total=False):
    name: Required[str]
    shade: Literal["light", "dark"]


class Strict(TypedDict):
    kind: str
    note: NotRequired[str]


# The reading tests call ``_read``: ``fields_of`` keeps what it read of a class for the process,
# so a class read once (at import, by another test) would not be read again.


def test_keys_come_in_declaration_order_with_the_inherited_ones_first() -> None:
    assert _read(Write).keys == ("colour", "size", "name", "shade")


def test_a_postponed_required_marker_is_read_from_the_annotations() -> None:
    # With postponed annotations the class's own __required_keys__ misses the marker.
    assert _read(Write).required == {"name"}
    assert _read(Strict).required == {"kind"}


def test_each_keys_type_is_read_without_its_required_marker() -> None:
    assert _read(Write).types["name"] is str
    assert _read(Strict).types == {"kind": str, "note": str}
    assert _read(Write).types["colour"] == Colour | None


def test_literal_values_are_the_choices_alone_or_in_a_union() -> None:
    assert dict(_read(Write).choices) == {
        "colour": ("red", "green"),
        "shade": ("light", "dark"),
    }
    assert dict(_read(Strict).choices) == {}


def test_a_typed_dict_is_read_once_and_kept() -> None:
    assert fields_of(Write) is fields_of(Write)
    assert fields_of(Write) == _read(Write)


def test_what_fits_comes_back_as_a_new_dict() -> None:
    given = {"name": "x", "colour": "red", "size": 3}
    result = checked(Write, given)
    assert result == given
    assert result is not given


def test_an_unknown_key_is_refused_with_the_closest_name_and_every_accepted_one() -> None:
    with pytest.raises(InvalidArgumentError) as info:
        checked(Write, {"name": "x", "colur": "red"})
    assert str(info.value) == (
        "cannot set colur (did you mean colour?); the arguments are: colour, name, shade, size"
    )


def test_an_unknown_key_like_no_other_gets_no_guess() -> None:
    with pytest.raises(InvalidArgumentError, match=r"^cannot set zzz; the arguments are: "):
        checked(Write, {"name": "x", "zzz": 1})


def test_a_missing_required_key_is_named() -> None:
    with pytest.raises(InvalidArgumentError, match=r"missing required argument name$"):
        checked(Write, {"colour": "red"})


@pytest.mark.parametrize(("key", "value"), [("colour", "blue"), ("shade", "medium")])
def test_a_value_outside_a_literal_is_refused_with_the_allowed_ones(key: str, value: str) -> None:
    with pytest.raises(InvalidArgumentError, match=f"^{key}='{value}' is not accepted; use one"):
        checked(Write, {"name": "x", key: value})


@pytest.mark.parametrize("value", [None, "green"])
def test_none_and_allowed_values_pass_the_choice_check(value: Any) -> None:
    assert checked(Write, {"name": "x", "colour": value})["colour"] == value


def test_an_explicit_null_is_not_one_of_the_choices() -> None:
    with pytest.raises(InvalidArgumentError, match=r"colour=jbcrm\.NULL is not accepted"):
        checked(Write, {"name": "x", "colour": NULL})
