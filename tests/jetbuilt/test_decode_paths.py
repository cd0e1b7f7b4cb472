"""The fast decoding path and the reference path agree: every documented Jetbuilt answer, and
random payloads shaped like them, give equal models (raw JSON included) or the same error."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jbcrm._core import wire
from jbcrm.jetbuilt.models import LineItem, Project, ProjectDetail
from tests.decode_paths import both, decode_body, decode_page
from tests.jetbuilt.fixtures import load
from tests.jetbuilt.test_models import CASES

# A list fixture decoded as a page of its records; the rest as one object.
PAGES = {name: case for name, case in CASES.items() if getattr(case[0], "__origin__", None)}
OBJECTS = {name: case for name, case in CASES.items() if name not in PAGES}


def _body(name: str) -> bytes:
    return json.dumps(load(name)).encode()


@pytest.mark.parametrize("name", sorted(OBJECTS))
def test_every_documented_object_decodes_equal_through_both_paths(name: str) -> None:
    tp, _ = OBJECTS[name]
    fast, reference = both(decode_body, _body(name), tp)
    assert fast == reference
    assert fast[0] == "ok"


@pytest.mark.parametrize("name", sorted(PAGES))
def test_every_documented_page_decodes_equal_through_both_paths(name: str) -> None:
    tp, key = PAGES[name]
    (item_type,) = tp.__args__
    fast, reference = both(decode_page, _body(name), item_type, key)
    assert fast == reference
    assert fast[0] == "ok"


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_fast_path_itself_accepts_every_documented_answer(name: str) -> None:
    # Not a formality: the documented answers are decoded by the structs, not handed over.
    tp, key = CASES[name]
    body = _body(name)
    if name in PAGES:
        texts = wire.split(body, key)
        assert texts is not None
        for text in texts:
            wire.decode(text, tp.__args__[0])
    else:
        wire.decode(body, tp)


JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12)
    | st.sampled_from(
        ["", "0", "-1", "12", " 7", "1.50", "1e3", "N/A", "NaN", "1_0", "2026-11-28",
         "11/28/2026", "2018-07-16T08:17:33.273-07:00", "2018-07-16T08:17:33.1234567Z",
         "2026-11-28 09:30:37", "true", "FALSE"]
    ),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.sampled_from(["id", "cents", "name", "x"]), children, max_size=3)
    ),
    max_leaves=8,
)  # fmt: skip
DETAIL = load("project_get")
ITEM = load("project_items_list")["line_items"][0]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(key=st.sampled_from(sorted(DETAIL)), value=JSON)
def test_a_project_with_one_random_value_gives_the_same_outcome_on_both_paths(
    key: str, value: Any
) -> None:
    data = dict(DETAIL, **{key: value})
    body = json.dumps(data).encode()
    fast, reference = both(decode_body, body, ProjectDetail)
    assert fast == reference
    page = json.dumps([DETAIL, data]).encode()
    for mode in ("raise", "keep_raw"):
        fast, reference = both(decode_page, page, Project, None, mode)
        assert fast == reference


@settings(max_examples=200, deadline=None)
@given(values=st.dictionaries(st.sampled_from(sorted(ITEM)), JSON, max_size=4))
def test_a_line_item_with_random_values_gives_the_same_outcome_on_both_paths(
    values: dict[str, Any],
) -> None:
    body = json.dumps({"line_items": [dict(ITEM, **values)], "factors": []}).encode()
    fast, reference = both(decode_page, body, LineItem, "line_items", "keep_raw")
    assert fast == reference


@settings(max_examples=150, deadline=None)
@given(data=JSON)
def test_random_json_gives_the_same_outcome_on_both_paths(data: Any) -> None:
    fast, reference = both(decode_body, json.dumps(data).encode(), ProjectDetail)
    assert fast == reference
