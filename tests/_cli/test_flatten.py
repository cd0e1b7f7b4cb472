"""CSV cells of ``jbcrm export``: nested JSON flattened, never JSON text in a cell."""

from __future__ import annotations

from typing import Any

import pytest

from jbcrm._cli.flatten import flatten


def test_nested_objects_become_dotted_columns_in_record_order() -> None:
    record = {"id": 7, "owner": {"id": 2, "name": "Ann", "office": {"city": "Irvine"}}, "x": 1}
    assert list(flatten(record).items()) == [
        ("id", "7"),
        ("owner.id", "2"),
        ("owner.name", "Ann"),
        ("owner.office.city", "Irvine"),
        ("x", "1"),
    ]


def test_a_list_of_plain_values_is_one_cell_joined_with_semicolons() -> None:
    assert flatten({"tags": ["av", "audio", 3]}) == {"tags": "av; audio; 3"}


def test_a_list_of_objects_becomes_numbered_columns_from_one() -> None:
    record = {"rooms": [{"name": "Hall", "seats": 40}, {"name": "Lab"}]}
    assert flatten(record) == {
        "rooms.1.name": "Hall",
        "rooms.1.seats": "40",
        "rooms.2.name": "Lab",
    }


def test_lists_inside_lists_are_numbered_too() -> None:
    assert flatten({"grid": [[1, 2], [3]]}) == {"grid.1": "1; 2", "grid.2": "3"}


@pytest.mark.parametrize(
    ("value", "cell"),
    [(None, ""), ([], ""), ({}, ""), (True, "true"), (False, "false"), (1.5, "1.5"),
     ("12.50", "12.50"), ("-12.50", "-12.50"), ("", "")],
)  # fmt: skip
def test_plain_values_are_written_as_json_spells_them(value: Any, cell: str) -> None:
    assert flatten({"v": value}) == {"v": cell}


@pytest.mark.parametrize("text", ['=HYPERLINK("x")', "+1+2", "-A1", "@SUM(A1)", "\tx", "\rx"])
def test_text_a_spreadsheet_would_run_as_a_formula_gets_a_leading_quote(text: str) -> None:
    assert flatten({"name": text}) == {"name": "'" + text}


def test_a_record_that_is_not_an_object_is_one_value_column() -> None:
    assert flatten([1, 2]) == {"value": "1; 2"}


def test_deep_nesting_does_not_exhaust_the_stack() -> None:
    record: dict[str, Any] = {}
    inner = record
    for _ in range(5000):
        inner["a"] = {}
        inner = inner["a"]
    inner["leaf"] = 1
    (column,) = flatten(record)
    assert column.endswith(".a.leaf")
    assert column.count(".") == 5000
