"""Path parameters are exactly one segment: ids are ints or strings of digits (converted),
free text is percent-encoded whole, and anything else is refused before a request is sent."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest

import jbcrm
from jbcrm._core.paths import build_path, path_id, path_segment
from tests.conftest import BASE_URL

MakeJetbuilt = Callable[..., jbcrm.Jetbuilt]


@pytest.mark.parametrize(
    ("value", "segment"), [(12978, "12978"), ("97739", "97739"), (" 42\n", "42"), ("007", "7")]
)
def test_ids_are_ints_or_strings_of_digits_converted(value: object, segment: str) -> None:
    assert path_id("item_id", value) == segment


@pytest.mark.parametrize(
    "value",
    ["1/../../projects/5", "abc", "", "12a", "\u0661\u0662", 2.5, True, None, b"1", [1]],
    ids=[
        "traversal",
        "word",
        "empty",
        "mixed",
        "arabic-digits",
        "float",
        "bool",
        "none",
        "bytes",
        "list",
    ],
)
def test_anything_else_is_refused_naming_the_parameter(value: object) -> None:
    with pytest.raises(jbcrm.InvalidArgumentError) as caught:
        path_id("item_id", value)
    assert str(caught.value).startswith("item_id must be an id: an int or a string of digits")


def test_a_long_refused_value_is_shown_shortened() -> None:
    with pytest.raises(jbcrm.InvalidArgumentError) as caught:
        path_id("item_id", "x" * 500)
    assert len(str(caught.value)) < 120


def test_build_path_fills_each_id() -> None:
    assert build_path(
        "/clients/{client_id}/contacts/{contact_id}", client_id=3, contact_id="4"
    ) == ("/clients/3/contacts/4")


@pytest.mark.parametrize(
    ("text", "segment"),
    [
        ("status", "status"),
        ("a/b", "a%2Fb"),
        ("..", "%2E%2E"),
        ("a b&c?d#e%", "a%20b%26c%3Fd%23e%25"),
    ],
)
def test_free_text_is_percent_encoded_as_one_segment(text: str, segment: str) -> None:
    assert path_segment(text) == segment


def test_an_empty_segment_is_refused() -> None:
    with pytest.raises(jbcrm.InvalidArgumentError):
        path_segment("")


Call = Callable[[jbcrm.Jetbuilt], Awaitable[Any] | Any]


@pytest.mark.parametrize(
    "call",
    [
        lambda jb: jb.stock.items.delete("1/../../projects/5"),
        lambda jb: jb.projects.get("abc"),
        lambda jb: jb.clients.contacts.get(1, 2.5),
        lambda jb: jb.projects.items.list("5/../6"),
        lambda jb: jb.vendors.products.get(1, None, 3),
    ],
    ids=["delete-traversal", "get-word", "nested-float", "list-traversal", "none"],
)
async def test_a_bad_id_is_refused_before_anything_is_sent(
    make_jetbuilt: MakeJetbuilt, call: Call
) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={})

    jb = make_jetbuilt(handler)

    async def run() -> None:
        # A list refuses when it is called; the other operations when awaited.
        outcome = call(jb)
        if isinstance(outcome, Awaitable):
            await outcome

    with pytest.raises(jbcrm.InvalidArgumentError):
        await run()
    assert seen == []


async def test_a_numeric_string_id_is_sent_as_the_number(make_jetbuilt: MakeJetbuilt) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"message": "deleted"})

    deleted = await make_jetbuilt(handler).stock.items.delete(" 12978 ")
    assert deleted.message == "deleted"
    assert [str(r.url) for r in seen] == [f"{BASE_URL}/stock/items/12978"]


def test_a_refused_id_is_shown_with_its_parameter_its_value_and_its_type() -> None:
    with pytest.raises(jbcrm.InvalidArgumentError) as caught:
        path_id("item_id", [1])
    assert str(caught.value) == (
        "item_id must be an id: an int or a string of digits, got [1] (list)"
    )


def test_a_refused_value_of_forty_characters_is_shown_whole_and_a_longer_one_cut_to_forty() -> None:
    whole, cut = "x" * 38, "x" * 39  # their reprs are 40 and 41 characters
    with pytest.raises(jbcrm.InvalidArgumentError) as caught:
        path_id("item_id", whole)
    assert f"got {whole!r} (str)" in str(caught.value)
    with pytest.raises(jbcrm.InvalidArgumentError) as caught:
        path_id("item_id", cut)
    assert f"got {repr(cut)[:37]}... (str)" in str(caught.value)


def test_build_path_names_the_parameter_it_refuses() -> None:
    with pytest.raises(jbcrm.InvalidArgumentError, match=r"^contact_id must be an id"):
        build_path("/clients/{client_id}/contacts/{contact_id}", client_id=3, contact_id="x")
