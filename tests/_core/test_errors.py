"""Errors: one status-to-class mapping; every error carries its context; anything that is not
what the API promises becomes ResponseDecodeError, never a bare KeyError or TypeError."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import attrs
import httpx
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import jbcrm
from jbcrm._core.classify import check_response, status_error
from jbcrm._core.errors import error_class_for
from jbcrm._core.failures import ErrorContext
from jbcrm._core.models import Model
from jbcrm._core.redact import Redactor
from jbcrm._core.responses import ResponseRules
from jbcrm._core.transport import Result
from jbcrm.jetbuilt._resource import JetbuiltResource
from tests._core.conftest import QUERY_KEY, QUERY_SECRET, QueryKeyClient
from tests.conftest import BASE_URL, JETBUILT_TOKEN

MakeJetbuilt = Callable[..., jbcrm.Jetbuilt]
MakeClient = Callable[..., QueryKeyClient]


@attrs.frozen
class Thing(Model):
    id: int
    name: str


def answer(code: int, **kwargs: Any) -> Callable[[httpx.Request], httpx.Response]:
    return lambda request: httpx.Response(code, **kwargs)


@pytest.mark.parametrize(
    ("code", "error"),
    [
        (400, jbcrm.BadRequestError),
        (401, jbcrm.AuthenticationError),
        (403, jbcrm.PermissionDeniedError),
        (404, jbcrm.NotFoundError),
        (405, jbcrm.MethodNotAllowedError),
        (406, jbcrm.NotAcceptableError),
        (422, jbcrm.UnprocessableEntityError),
        (429, jbcrm.RateLimitError),
        (500, jbcrm.InternalServerError),
        (507, jbcrm.InternalServerError),
        (418, jbcrm.APIError),
    ],
)
async def test_each_status_maps_to_its_error_class(
    make_client: MakeClient, code: int, error: type[jbcrm.APIError]
) -> None:
    assert error_class_for(code) is error
    client = make_client(answer(code, json={"message": "no way"}), max_retries=0)
    with pytest.raises(error) as caught:
        await client._send("GET", "things/1")
    exc = caught.value
    assert type(exc) is error
    assert isinstance(exc, jbcrm.JBCRMError)
    assert (exc.status, exc.method, exc.body, exc.attempts) == (
        code,
        "GET",
        {"message": "no way"},
        1,
    )
    assert exc.url == "https://crm.test/api/things/1?api_key=***&api_secret=***"
    assert "no way" in str(exc)
    assert repr(exc) == f"{error.__name__}(status={code}, method='GET', url={exc.url!r})"


async def test_errors_carry_hints_where_known(make_jetbuilt: MakeJetbuilt) -> None:
    client = make_jetbuilt(answer(401, json={"error": "bad token"}))
    with pytest.raises(jbcrm.AuthenticationError) as read:
        await client._send("GET", "projects")
    assert read.value.hint is not None
    assert "API key" in read.value.hint
    with pytest.raises(jbcrm.AuthenticationError) as write:
        await client._send("POST", "clients", json={"company_name": "x"})
    assert write.value.hint is not None
    assert "API write access" in write.value.hint
    assert "Hint: " in str(write.value)
    server = make_jetbuilt(answer(500, text="oops"), max_retries=0)
    with pytest.raises(jbcrm.InternalServerError) as failed:
        await server._send("GET", "projects")
    assert failed.value.hint is not None


async def test_validation_errors_list_the_fields(make_jetbuilt: MakeJetbuilt) -> None:
    body = {"errors": {"company_name": ["can't be blank"], "user_id": "is invalid"}}
    client = make_jetbuilt(answer(422, json=body))
    with pytest.raises(jbcrm.UnprocessableEntityError) as caught:
        await client._send("POST", "clients", json={})
    assert caught.value.field_errors == {
        "company_name": ["can't be blank"],
        "user_id": ["is invalid"],
    }
    assert "company_name: can't be blank" in str(caught.value)
    plain = jbcrm.UnprocessableEntityError("x", status=422, method="POST", url="u", body="text")
    assert plain.field_errors == {}


async def test_rate_limit_error_carries_retry_after(make_jetbuilt: MakeJetbuilt) -> None:
    client = make_jetbuilt(answer(429, text="Retry later", headers={"Retry-After": "12"}))
    with pytest.raises(jbcrm.RateLimitError) as caught:
        await client.with_options(max_retries=0)._send("GET", "projects")
    assert caught.value.retry_after == 12.0
    assert "Retry later" in str(caught.value)


async def test_a_non_json_error_body_is_kept_as_a_short_redacted_excerpt(
    make_client: MakeClient,
) -> None:
    text = f"denied for api_key={QUERY_KEY} " + "x" * 500
    client = make_client(answer(403, text=text))
    with pytest.raises(jbcrm.PermissionDeniedError) as caught:
        await client._send("GET", "things")
    body = caught.value.body
    assert isinstance(body, str)
    assert len(body) <= 200
    assert QUERY_KEY not in body
    assert QUERY_KEY not in str(caught.value)


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"json": {"data": {"status": "Unauthorized", "message": "bad key"}}}, "bad key"),
        ({"json": {"detail": "gone"}}, "gone"),
        ({"json": {"error": {"name": ["taken", "short"]}}}, "name: taken, short"),
        ({"html": "<html><title>WordPress &rsaquo; Error</title></html>"}, "HTML page"),
        ({"text": ""}, "Bad Request"),
    ],
)
async def test_error_messages_use_the_servers_words(
    make_client: MakeClient, kwargs: dict[str, Any], expected: str
) -> None:
    client = make_client(answer(400, **kwargs))
    with pytest.raises(jbcrm.BadRequestError) as caught:
        await client._send("GET", "things")
    assert expected in str(caught.value)


async def test_an_error_inside_a_200_body_is_an_api_error(
    mock_http: Callable[..., httpx.AsyncClient],
) -> None:
    class ErrorsIn200(ResponseRules):
        def body_error(self, response: httpx.Response, data: Any) -> tuple[str, int] | None:
            if isinstance(data, dict) and data.get("error"):
                return str(data.get("message", "error")), 400
            return None

    client = QueryKeyClient(
        http_client=mock_http(answer(200, json={"error": True, "message": "Invalid JSON data"})),
        rules=ErrorsIn200(),
    )
    with pytest.raises(jbcrm.BadRequestError) as caught:
        await client._send("POST", "create_customer", json={})
    assert "Invalid JSON data" in str(caught.value)


@pytest.mark.parametrize(
    ("kwargs", "hint"),
    [
        ({"html": "<!DOCTYPE html><html><title>Home</title></html>"}, "base URL"),
        ({"content": b"<html><body>home</body></html>"}, "base URL"),
        ({"content": b'{"id": 1, "name": "tru'}, "cut short"),
        ({"content": b"\xff\xfe\x00garbage"}, "cut short"),
        ({"content": b"[" * 100_000}, "cut short"),
    ],
    ids=["html", "html-no-type", "truncated", "binary", "too-deep"],
)
async def test_a_body_that_is_not_json_is_a_decode_error(
    make_jetbuilt: MakeJetbuilt, kwargs: dict[str, Any], hint: str
) -> None:
    client = make_jetbuilt(answer(200, **kwargs))
    with pytest.raises(jbcrm.ResponseDecodeError) as caught:
        await JetbuiltResource(client)._get("things/1", Thing)
    error = caught.value
    assert error.status == 200
    assert error.method == "GET"
    assert error.url == f"{BASE_URL}/things/1"
    assert error.hint is not None
    assert hint in error.hint
    assert len(error.excerpt) <= 200


@pytest.mark.parametrize(
    "body",
    [[{"id": 1, "name": "x"}], {"id": 1}, {"id": "one", "name": "x"}, None, "text", 42],
    ids=["list-for-object", "missing-key", "wrong-type", "empty", "string", "number"],
)
async def test_json_that_does_not_fit_the_model_is_a_decode_error(
    make_jetbuilt: MakeJetbuilt, body: Any
) -> None:
    content = b"" if body is None else httpx.Response(200, json=body).content
    client = make_jetbuilt(answer(200, content=content))
    with pytest.raises(jbcrm.ResponseDecodeError) as caught:
        await JetbuiltResource(client)._get("things/1", Thing)
    assert "does not fit" in str(caught.value)
    assert JETBUILT_TOKEN not in str(caught.value)


@pytest.mark.parametrize(
    ("body", "item_key"),
    [({"items": []}, None), ([], "line_items"), ({"line_items": {"a": 1}}, "line_items")],
    ids=["object-for-list", "list-for-object", "items-not-a-list"],
)
async def test_a_page_of_the_wrong_shape_is_a_decode_error(
    make_jetbuilt: MakeJetbuilt, body: Any, item_key: str | None
) -> None:
    client = make_jetbuilt(answer(200, json=body))
    pages = JetbuiltResource(client)._list("things", Thing, item_key=item_key)
    with pytest.raises(jbcrm.ResponseDecodeError):
        await pages.to_list()


async def test_connection_failures_become_connection_errors(make_client: MakeClient) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.DecodingError("bad gzip", request=request)

    with pytest.raises(jbcrm.APIConnectionError) as caught:
        await make_client(handler, max_retries=0)._send("GET", "things")
    assert caught.value.sent is True
    assert "DecodingError" in str(caught.value)
    assert QUERY_SECRET not in str(caught.value)


def _thing_client() -> jbcrm.Jetbuilt:
    transport = httpx.MockTransport(answer(200))
    return jbcrm.Jetbuilt(
        JETBUILT_TOKEN,
        base_url=BASE_URL,
        rate_limit=None,
        http_client=httpx.AsyncClient(transport=transport),
    )


_CLIENT = _thing_client()


def _json_or_refusal(body: bytes) -> Any:
    """What a 200 body must decode to, or _REFUSED for a body that is not JSON."""
    if not body.strip():
        return None
    try:
        return json.loads(body)
    except (ValueError, RecursionError):
        return _REFUSED


_REFUSED = object()


def _decode_or_error(result: Result, tp: Any) -> tuple[Any, jbcrm.ResponseDecodeError | None]:
    try:
        return _CLIENT._decode(result.data, tp, result), None
    except jbcrm.ResponseDecodeError as error:
        return None, error


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(
    body=st.binary(max_size=300)
    | st.text(max_size=300).map(str.encode)
    | st.builds(
        json.dumps,
        st.fixed_dictionaries({"id": st.integers() | st.text(max_size=4), "name": st.text()})
        | st.lists(st.fixed_dictionaries({"id": st.integers(), "name": st.text()}), max_size=3),
    ).map(str.encode)
)
@example(body=b"NaN")
@example(body=b'{"id": 1, "name": "x", "score": NaN}')
def test_any_200_body_decodes_to_its_json_or_raises_only_response_decode_error(
    body: bytes,
) -> None:
    request = httpx.Request("GET", f"{BASE_URL}/things/1")
    response = httpx.Response(200, content=body, request=request)
    transport = _CLIENT._transport
    expected = _json_or_refusal(body)
    if expected is _REFUSED:
        with pytest.raises(jbcrm.ResponseDecodeError) as refused:
            check_response(response, rules=transport.rules, redactor=transport.redactor)
        assert refused.value.status == 200
        return
    data = check_response(response, rules=transport.rules, redactor=transport.redactor)
    # Compared as JSON text: Python's json reads NaN, which is never equal to itself.
    assert json.dumps(data) == json.dumps(expected)
    result = Result(response, data)
    thing, error = _decode_or_error(result, Thing)
    if error is not None:
        assert error.model == "Thing"
    else:
        assert isinstance(thing, Thing)
        assert thing.raw == data
        assert thing.name == data["name"]
    things, error = _decode_or_error(result, list[Thing])
    if error is not None:
        assert error.model == "Thing" or not isinstance(data, list)
    else:
        assert isinstance(things, list)
        assert [t.raw for t in things] == data


def test_a_connection_error_built_with_the_defaults_was_sent_once_and_keeps_its_hint() -> None:
    error = jbcrm.APIConnectionError("reset", method="GET", url="https://x.test/a", hint="wait")
    assert (error.attempts, error.sent, error.hint) == (1, True, "wait")
    assert str(error) == "GET https://x.test/a: reset Hint: wait"


def test_an_error_without_a_hint_says_only_its_message() -> None:
    error = jbcrm.APIConnectionError("reset", method="GET", url="https://x.test/a")
    assert error.hint is None
    assert str(error) == "GET https://x.test/a: reset"


def test_a_rate_limit_error_keeps_its_retry_after() -> None:
    error = jbcrm.RateLimitError(
        "slow down", status=429, method="GET", url="https://x.test/a", retry_after=3.5
    )
    assert error.retry_after == 3.5
    assert error.status == 429


@pytest.mark.parametrize(
    ("headers", "shown"),
    [({"Location": "/api/elsewhere"}, "/api/elsewhere"), ({}, "?")],
    ids=["location", "none"],
)
def test_a_redirect_not_followed_names_where_it_pointed_and_hints_at_the_base_url(
    headers: dict[str, str], shown: str
) -> None:
    request = httpx.Request("POST", "https://crm.test/api/things")
    response = httpx.Response(302, headers=headers, json={"moved": True}, request=request)
    context = ErrorContext(request, Redactor(), response)
    error = status_error(context, response, ResponseRules(), None)
    assert isinstance(error, jbcrm.APIError)
    assert error.message.startswith(
        f"POST https://crm.test/api/things -> 302: redirected to {shown};"
    )
    assert error.hint is not None
    assert "base URL" in error.hint


@pytest.mark.parametrize(
    ("excerpt", "tail"), [("", "no JSON."), ("<html>", "no JSON. Body starts: '<html>'.")]
)
def test_a_decode_error_shows_the_start_of_the_body_when_there_is_one(
    excerpt: str, tail: str
) -> None:
    arguments: dict[str, Any] = {"excerpt": excerpt} if excerpt else {}
    error = jbcrm.ResponseDecodeError(
        "no JSON", status=200, method="GET", url="https://x.test/a", **arguments
    )
    assert error.message == f"GET https://x.test/a -> 200: {tail}"
