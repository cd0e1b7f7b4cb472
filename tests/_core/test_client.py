"""What both API clients share: the connection arguments of their constructors, requests'
defaults, and decoding (the fast path for what it accepts, the reference path record by record
for what it refuses, and errors naming the model, the field, the value and the record)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import attrs
import httpx
import pytest

import jbcrm
from jbcrm._core import client as core_client
from jbcrm._core import wire
from jbcrm._core.client import connection
from jbcrm._core.models import LazyJSON, Model, UndecodedRecord
from jbcrm._core.pagination import LinkHeaderStrategy, PageNumberStrategy, PageRequest
from jbcrm._core.ratelimit import RateLimit, SlidingWindowLimiter
from jbcrm._core.transport import Result
from tests._core.conftest import QUERY_SECRET, QueryKeyClient

MakeClient = Callable[..., QueryKeyClient]

pytestmark = pytest.mark.usefixtures("fresh_decoding")


@attrs.frozen
class Thing(Model):
    id: int
    name: str | None = None


def _fast(model: Any) -> bool:
    """Decoded by the fast path: it keeps the record's bytes, not a parsed copy."""
    return model._raw.__class__ is LazyJSON


def _answer(body: Any) -> Callable[[httpx.Request], httpx.Response]:
    content = json.dumps(body).encode()
    return lambda request: httpx.Response(200, content=content)


async def _result(client: QueryKeyClient) -> Result:
    return await client._send("GET", "things")


# -- connection(): the constructors' shared arguments -------------------------------------------


def test_connection_passes_the_pool_the_concurrency_and_the_user_agent_on() -> None:
    pool = httpx.AsyncClient()
    assert connection(None, "acct", pool, 3, "agent/1") == {
        "limiter": None,
        "owns_limiter": False,
        "http_client": pool,
        "concurrency": 3,
        "user_agent": "agent/1",
    }


def test_connection_refuses_a_concurrency_below_one() -> None:
    with pytest.raises(jbcrm.ConfigurationError, match="concurrency"):
        connection(None, "acct", None, 0, None)


def test_a_rate_limit_without_a_key_counts_under_the_budget_key_shared_by_its_clients() -> None:
    one = connection(RateLimit(7, 60), "budget-a", None, 2, None)["limiter"]
    assert isinstance(one, SlidingWindowLimiter)
    assert connection(RateLimit(7, 60), "budget-a", None, 2, None)["limiter"] is one
    assert connection(RateLimit(7, 60, key="budget-a"), "x", None, 2, None)["limiter"] is one
    assert connection(RateLimit(7, 60), "budget-b", None, 2, None)["limiter"] is not one


def test_a_rate_limit_with_a_key_keeps_it_whatever_the_budget_key() -> None:
    one = connection(RateLimit(7, 60, key="mine"), "budget-c", None, 2, None)["limiter"]
    assert connection(RateLimit(7, 60, key="mine"), "budget-d", None, 2, None)["limiter"] is one
    assert connection(RateLimit(7, 60), "budget-c", None, 2, None)["limiter"] is not one


def test_a_limiter_passed_in_is_used_as_is_and_left_to_its_owner() -> None:
    limiter = SlidingWindowLimiter(5, 1.0)
    made = connection(limiter, "acct", None, 2, None)
    assert (made["limiter"], made["owns_limiter"]) == (limiter, False)


async def test_a_redis_rate_limit_gets_a_limiter_of_its_own_to_close_with_the_client() -> None:
    spec = RateLimit(5, 1.0, redis_url="redis://127.0.0.1:1/0")
    made = connection(spec, "acct", None, 2, None)
    limiter = made["limiter"]
    assert limiter is not None
    try:
        assert made["owns_limiter"] is True
        assert connection(spec, "acct", None, 2, None)["limiter"] is not limiter
    finally:
        await limiter.aclose()


# -- requests -----------------------------------------------------------------------------------


async def test_a_post_is_not_retried_by_default_and_other_methods_are(
    make_client: MakeClient,
) -> None:
    seen: list[str] = []

    def flaky(request: httpx.Request) -> httpx.Response:
        seen.append(request.method)
        status = 503 if seen.count(request.method) == 1 else 200
        return httpx.Response(status, json={})

    client = make_client(flaky, max_retries=2)
    for method in ("POST", "post"):
        seen.clear()
        with pytest.raises(jbcrm.APIError):
            await client._send(method, "things")
        assert seen == ["POST"]
    seen.clear()
    await client._send("PUT", "things")
    await client._send("POST", "things", idempotent=True)
    assert seen == ["PUT", "PUT", "POST", "POST"]


async def test_form_data_and_json_are_sent_encoded(make_client: MakeClient) -> None:
    sent: list[httpx.Request] = []

    def record(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json={})

    client = make_client(record)
    await client._send("POST", "form", data={"a": "1"})
    await client._send("POST", "json", json={"n": 2, "skip": None})
    assert sent[0].content == b"a=1"
    assert sent[0].headers["content-type"] == "application/x-www-form-urlencoded"
    assert json.loads(sent[1].content) == {"n": 2}


async def test_a_closed_copy_refuses_to_send_and_says_what_to_use_instead(
    make_client: MakeClient,
) -> None:
    async with make_client(_answer({})).with_options(max_retries=0) as copy:
        pass
    with pytest.raises(jbcrm.ClientClosedError) as info:
        await copy._send("GET", "things")
    assert "with_options" in (info.value.hint or "")


# -- decoding one answer ------------------------------------------------------------------------


async def test_a_model_and_a_list_of_models_are_decoded_by_the_fast_path(
    make_client: MakeClient,
) -> None:
    one = await _result(make_client(_answer({"id": "1", "name": "a"})))
    thing = one.data and make_client(_answer({}))._decode(one.data, Thing, one)
    assert (thing, _fast(thing)) == (Thing(id=1, name="a"), True)
    many = await _result(make_client(_answer([{"id": 1}, {"id": "2"}])))
    things = make_client(_answer({}))._decode(many.data, list[Thing], many)
    assert things == [Thing(id=1), Thing(id=2)]
    assert all(_fast(item) for item in things)
    assert things[1].raw == {"id": "2"}


async def test_what_the_fast_path_refuses_the_reference_path_decodes(
    make_client: MakeClient,
) -> None:
    client = make_client(_answer([{"id": 1, "name": 5}, {"id": 2}]))
    result = await _result(client)
    things = client._decode(result.data, list[Thing], result)
    assert things == [Thing(id=1, name="5"), Thing(id=2)]
    assert not any(_fast(item) for item in things)
    assert client._decode([{"id": 3}], list[Thing], result) == [Thing(id=3)]


async def test_a_collection_other_than_a_list_is_decoded_into_that_collection(
    make_client: MakeClient,
) -> None:
    client = make_client(_answer([{"id": 1}, {"id": 1}]))
    result = await _result(client)
    assert client._decode(result.data, frozenset[Thing], result) == frozenset({Thing(id=1)})


async def test_a_value_that_is_not_the_whole_body_is_decoded_from_itself(
    make_client: MakeClient,
) -> None:
    # The body itself would fit Thing too: only the part asked for must be decoded.
    client = make_client(_answer({"id": 9, "name": "page", "inner": {"id": 1}}))
    result = await _result(client)
    assert client._decode(result.data["inner"], Thing, result) == Thing(id=1)


async def test_the_target_of_a_decoded_type_is_worked_out_once_and_kept(
    make_client: MakeClient,
) -> None:
    client = make_client(_answer([{"id": 1}]))
    result = await _result(client)
    client._decode(result.data, list[Thing], result)
    target = core_client._TARGETS[list[Thing]]
    assert target == (Thing, True)
    client._decode(result.data, list[Thing], result)
    assert core_client._TARGETS[list[Thing]] is target


async def test_an_answer_that_does_not_fit_names_the_model_field_and_value_redacted(
    make_client: MakeClient,
) -> None:
    client = make_client(_answer({"id": f"key {QUERY_SECRET}"}))
    result = await _result(client)
    with pytest.raises(jbcrm.ResponseDecodeError) as info:
        client._decode(result.data, Thing, result)
    error = info.value
    assert (error.model, error.path, error.index, error.record) == ("Thing", "id", None, None)
    assert error.value == "key ***"
    assert error.body == {"id": "key ***"}
    assert error.status == 200
    assert "(Thing.id: expected an integer, got 'key ***')" in str(error)
    assert "keep_raw" not in (error.hint or "")
    assert "raw JSON is on the exception's body" in (error.hint or "")
    assert QUERY_SECRET not in str(error)
    assert error.__context__ is None


# -- decoding the records of a page -------------------------------------------------------------


def _page_result(body: Any) -> Result:
    request = httpx.Request("GET", "https://crm.test/api/things")
    return Result(httpx.Response(200, content=json.dumps(body).encode(), request=request), body)


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """How each record was decoded: "page" (the whole page at once), "fast" (on its own)."""
    calls: list[str] = []
    decode, decode_page = wire.decode, wire.decode_page

    def one(*args: Any) -> Any:
        calls.append("fast")
        return decode(*args)

    def page(*args: Any) -> Any:
        calls.append("page")
        return decode_page(*args)

    monkeypatch.setattr(wire, "decode", one)
    monkeypatch.setattr(wire, "decode_page", page)
    return calls


def _items(
    client: QueryKeyClient,
    body: Any,
    key: str | None = None,
    positions: list[int] | None = None,
    mode: Any = "raise",
) -> list[Any]:
    records = body[key] if key else body
    return client._decode_items(records, Thing, key, _page_result(body), 4, positions, mode)


def test_a_page_the_fast_path_accepts_is_decoded_in_one_pass(
    make_client: MakeClient, counted: list[str]
) -> None:
    client = make_client(_answer({}))
    items = _items(client, [{"id": 1}, {"id": "2"}])
    assert (items, counted) == ([Thing(id=1), Thing(id=2)], ["page"])
    assert all(_fast(item) for item in items)
    counted.clear()
    wrapped = _items(client, {"things": [{"id": 3}, {"id": 4}], "n": 2}, "things", [1])
    assert (wrapped, counted) == ([Thing(id=4)], ["page"])
    assert _fast(wrapped[0])


def test_a_record_the_fast_path_refuses_is_decoded_on_its_own_the_others_stay_fast(
    make_client: MakeClient, counted: list[str]
) -> None:
    client = make_client(_answer({}))
    body = {"things": [{"id": 1}, {"id": 2, "name": 5}, {"id": 3}]}
    items = _items(client, body, "things")
    assert items == [Thing(id=1), Thing(id=2, name="5"), Thing(id=3)]
    assert [_fast(item) for item in items] == [True, False, True]
    assert counted == ["page", "fast", "fast", "fast"]
    counted.clear()
    assert _items(client, body, "things", [1, 2]) == [Thing(id=2, name="5"), Thing(id=3)]
    assert counted == ["page", "fast", "fast"]


def test_a_page_of_a_model_without_a_fast_plan_goes_straight_to_the_reference_path(
    make_client: MakeClient, counted: list[str]
) -> None:
    @attrs.frozen
    class Checked(Model):
        id: int

        def __attrs_post_init__(self) -> None:
            assert self.id > 0

    client = make_client(_answer({}))
    body = [{"id": 1}, {"id": "2"}]
    items = client._decode_items(body, Checked, None, _page_result(body), 1, None, "raise")
    assert (items, counted) == ([Checked(id=1), Checked(id=2)], [])


def test_records_that_the_body_does_not_hold_as_split_are_decoded_by_the_reference_path(
    make_client: MakeClient, counted: list[str]
) -> None:
    # The records handed over are not the body's own: the body cannot be trusted for them.
    client = make_client(_answer({}))
    result = _page_result([{"id": 1}])
    items = client._decode_items([{"id": 5}, {"id": 6}], Thing, None, result, 1, None, "raise")
    assert (items, counted) == ([Thing(id=5), Thing(id=6)], [])
    assert not any(_fast(item) for item in items)


def test_a_record_that_fits_neither_path_raises_naming_it_and_its_page(
    make_client: MakeClient,
) -> None:
    client = make_client(_answer({}))
    body = [{"id": 1}, {"id": "x", "name": QUERY_SECRET}, {"id": 3}]
    with pytest.raises(jbcrm.ResponseDecodeError) as info:
        _items(client, body)
    error = info.value
    assert "(Thing.id: expected an integer, got 'x' (item 2 of 3, index 1, on page 4))" in str(
        error
    )
    assert (error.model, error.path, error.index, error.value) == ("Thing", "id", 1, "x")
    assert error.record == {"id": "x", "name": "***"}
    assert error.body[1] == {"id": "x", "name": "***"}
    assert 'on_decode_error("keep_raw")' in (error.hint or "")
    assert "raw JSON is on the exception's body" in (error.hint or "")


def test_a_record_that_fits_neither_path_is_kept_raw_when_asked_and_the_rest_decoded(
    make_client: MakeClient,
) -> None:
    client = make_client(_answer({}))
    body = [{"id": "x"}, {"id": 2}, {"id": []}]
    items = _items(client, body, mode="keep_raw")
    assert items[1] == Thing(id=2)
    kept = [items[0], items[2]]
    assert all(isinstance(item, UndecodedRecord) for item in kept)
    assert [(item.raw, item.index, item.error.index) for item in kept] == [
        ({"id": "x"}, 0, 0),
        ({"id": []}, 2, 2),
    ]


def test_an_error_outside_a_numbered_page_says_which_item_only(make_client: MakeClient) -> None:
    client = make_client(_answer({}))
    body = [{"id": "x"}]
    with pytest.raises(jbcrm.ResponseDecodeError) as info:
        client._decode_items(body, Thing, None, _page_result(body), None, None, "raise")
    assert "got 'x' (item 1 of 1, index 0))" in str(info.value)


# -- listings -----------------------------------------------------------------------------------


async def test_a_wrapped_listing_decodes_its_pages_fast_and_its_extras_from_the_first_page(
    make_client: MakeClient,
) -> None:
    def pages(request: httpx.Request) -> httpx.Response:
        number = int(request.url.params.get("page", "1"))
        body: dict[str, Any] = {"things": [{"id": number}], "owner": {"id": 100 + number}}
        headers = {}
        if number < 3:
            headers["Link"] = f'<https://crm.test/api/things?page={number + 1}>; rel="next"'
        return httpx.Response(200, json=body, headers=headers)

    listing = make_client(pages)._paginator(
        PageRequest("things"),
        Thing,
        strategy=LinkHeaderStrategy(per_page=1),
        item_key="things",
        extras={"owner": Thing, "absent": Thing},
    )
    seen = [page async for page in listing.pages()]
    assert [page.items for page in seen] == [[Thing(id=1)], [Thing(id=2)], [Thing(id=3)]]
    assert all(_fast(page.items[0]) for page in seen)
    assert [page.extras for page in seen] == [{"owner": Thing(id=101)}, {}, {}]


async def test_a_listing_retries_its_pages_even_when_they_are_posts(
    make_client: MakeClient,
) -> None:
    calls: list[int] = []

    def flaky(request: httpx.Request) -> httpx.Response:
        calls.append(json.loads(request.content)["page"])
        if calls.count(calls[-1]) == 1:
            return httpx.Response(503, json={})
        return httpx.Response(200, json=[{"id": calls[-1]}] if calls[-1] == 1 else [])

    listing = make_client(flaky, max_retries=1)._paginator(
        PageRequest("search", method="POST"),
        Thing,
        strategy=PageNumberStrategy(per_page=1, where="body"),
    )
    assert await listing.to_list() == [Thing(id=1)]
    assert calls == [1, 1, 2, 2]


async def test_a_listing_page_that_is_not_what_the_listing_expects_is_refused(
    make_client: MakeClient,
) -> None:
    for body, key, what in (
        ([1], "things", "expected an object with 'things'"),
        ({"things": 1}, "things", "expected a JSON array of items"),
        ({"n": 1}, None, "expected a JSON array of items"),
    ):
        listing = make_client(_answer(body))._paginator(
            PageRequest("things"), Thing, strategy=LinkHeaderStrategy(per_page=1), item_key=key
        )
        with pytest.raises(jbcrm.ResponseDecodeError, match=what):
            await listing.to_list()


async def test_a_listing_without_its_key_or_with_null_there_is_empty(
    make_client: MakeClient,
) -> None:
    for body in ({"n": 0}, {"things": None}):
        listing = make_client(_answer(body))._paginator(
            PageRequest("things"),
            Thing,
            strategy=LinkHeaderStrategy(per_page=1),
            item_key="things",
        )
        assert await listing.to_list() == []


async def test_pages_of_records_without_ids_are_told_apart_by_their_bodies(
    make_client: MakeClient,
) -> None:
    @attrs.frozen
    class Anonymous(Model):
        name: str

    def pages(request: httpx.Request) -> httpx.Response:
        number = int(request.url.params.get("page", "1"))
        headers = {}
        if number < 3:
            headers["Link"] = f'<https://crm.test/api/things?page={number + 1}>; rel="next"'
        # Page 3 repeats page 2: the server ignores the page asked for.
        return httpx.Response(200, json=[{"name": str(min(number, 2))}], headers=headers)

    listing = make_client(pages)._paginator(
        PageRequest("things"), Anonymous, strategy=LinkHeaderStrategy(per_page=1)
    )
    names: list[str] = []

    async def read() -> None:
        async for item in listing:
            names.append(item.name)

    with pytest.raises(jbcrm.PaginationLoopError):
        await read()
    assert names == ["1", "2"]
