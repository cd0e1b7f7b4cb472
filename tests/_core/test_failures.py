"""Errors are built in one place: every text is redacted once, after it is rendered and before
it is cut short, and no error chains the third-party exception behind it."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import attrs
import httpx
import pytest

import jbcrm
from jbcrm._core.classify import connection_error
from jbcrm._core.constants import EXCERPT_CHARS, MESSAGE_CHARS
from jbcrm._core.failures import MAX_BODY_DEPTH, ErrorContext, cross_origin
from jbcrm._core.models import Model
from jbcrm._core.redact import Redactor
from jbcrm.jetbuilt._resource import JetbuiltResource
from tests._core.conftest import QUERY_KEY, QUERY_SECRET, QueryKeyClient

MakeClient = Callable[..., QueryKeyClient]
MakeJetbuilt = Callable[..., jbcrm.Jetbuilt]


@attrs.frozen
class Thing(Model):
    id: int


def assert_unchained(error: BaseException) -> None:
    assert error.__cause__ is None
    assert error.__context__ is None


def test_an_excerpt_is_redacted_before_it_is_cut_short() -> None:
    # The secret starts 10 characters before the cut: cutting first would show 10 of them.
    text = "x" * 190 + QUERY_SECRET + "y" * 50
    request = httpx.Request("GET", "https://crm.test/api/x")
    response = httpx.Response(200, text=text, request=request)
    context = ErrorContext(request, Redactor([QUERY_SECRET]), response)
    excerpt = context.excerpt()
    assert excerpt == "x" * 190 + "***" + "y" * 7
    assert QUERY_SECRET[:10] not in excerpt


def test_an_excerpt_decodes_only_the_start_of_a_large_body() -> None:
    request = httpx.Request("GET", "https://crm.test/api/x")
    # Invalid UTF-8 far past the excerpt: never decoded, so never in the way.
    response = httpx.Response(200, content=b"a" * 300 + b"\xff" * 10_000, request=request)
    assert ErrorContext(request, Redactor(), response).excerpt() == "a" * 200


async def test_a_connection_error_keeps_the_cause_as_a_name_and_redacted_message(
    make_client: MakeClient,
) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError(f"refused for {request.url}", request=request)

    with pytest.raises(jbcrm.APIConnectionError) as caught:
        await make_client(handler, max_retries=0)._send("GET", "things")
    error = caught.value
    assert_unchained(error)
    assert error.cause_type == "ConnectError"
    assert error.cause_message is not None
    assert "api_secret=***" in error.cause_message
    assert QUERY_SECRET not in error.cause_message
    assert error.sent is False


async def test_a_retried_failure_chains_no_third_party_exception(make_client: MakeClient) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadError(f"reset at {request.url}", request=request)

    with pytest.raises(jbcrm.APIConnectionError) as caught:
        await make_client(handler, max_retries=2)._send("GET", "things")
    assert caught.value.attempts == 3
    link: BaseException | None = caught.value
    while link is not None:
        assert isinstance(link, jbcrm.JBCRMError)
        link = link.__cause__ or link.__context__


async def test_a_decode_error_does_not_chain_the_converter_error(
    make_jetbuilt: MakeJetbuilt,
) -> None:
    client = make_jetbuilt(lambda request: httpx.Response(200, json={"id": "not a number"}))
    with pytest.raises(jbcrm.ResponseDecodeError) as caught:
        await JetbuiltResource(client)._get("things/1", Thing)
    assert_unchained(caught.value)
    assert "not a number" in str(caught.value)


async def test_a_url_that_cannot_be_built_is_refused_without_chaining_httpx(
    make_client: MakeClient,
) -> None:
    client = make_client(lambda request: httpx.Response(200))
    with pytest.raises(jbcrm.InvalidArgumentError) as caught:
        await client._send("GET", "http://[::1/x")
    assert_unchained(caught.value)
    assert caught.value.cause_type == "InvalidURL"
    assert QUERY_KEY not in str(caught.value)


async def test_an_error_body_nested_too_deep_is_kept_as_an_excerpt(
    make_client: MakeClient,
) -> None:
    deep = "[" * 600 + '"' + QUERY_SECRET + '"' + "]" * 600
    client = make_client(lambda request: httpx.Response(500, text=deep), max_retries=0)
    with pytest.raises(jbcrm.InternalServerError) as caught:
        await client._send("GET", "things")
    body = caught.value.body
    assert isinstance(body, str)
    assert body.startswith("[[[")
    assert len(body) == 200


async def test_an_error_body_within_the_depth_limit_stays_json(make_client: MakeClient) -> None:
    nested: object = {"message": QUERY_SECRET}
    for _ in range(MAX_BODY_DEPTH - 1):
        nested = [nested]
    client = make_client(lambda request: httpx.Response(400, json=nested))
    with pytest.raises(jbcrm.BadRequestError) as caught:
        await client._send("GET", "things")
    assert json.dumps(caught.value.body).count("[") == MAX_BODY_DEPTH - 1
    assert QUERY_SECRET not in json.dumps(caught.value.body)


def test_the_context_redacts_message_url_body_and_hint_it_builds_an_error_from() -> None:
    request = httpx.Request("GET", f"https://crm.test/api/x?api_secret={QUERY_SECRET}")
    response = httpx.Response(400, json={"detail": QUERY_SECRET}, request=request)
    context = ErrorContext(request, Redactor([QUERY_SECRET]), response, attempt=2)
    error = context.api_error(
        jbcrm.BadRequestError, f"no {QUERY_SECRET}", hint=f"drop {QUERY_SECRET}"
    )
    assert (error.status, error.attempts, error.body) == (400, 2, {"detail": "***"})
    assert error.url == "https://crm.test/api/x?api_secret=***"
    assert error.message.endswith("-> 400: no ***")
    assert error.hint == "drop ***"


@pytest.mark.parametrize(
    "call",
    [
        {"params": {"search": "caf\ud800"}},
        {"json": {"name": "\udcff"}},
        {"data": {"name": "\ud800"}},
    ],
    ids=["query", "json", "form"],
)
async def test_a_lone_surrogate_is_refused_before_sending(
    make_client: MakeClient, call: dict[str, object]
) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={})

    with pytest.raises(jbcrm.InvalidArgumentError) as caught:
        await make_client(handler)._send("POST", "things", **call)
    assert seen == []
    assert_unchained(caught.value)
    assert caught.value.cause_type == "UnicodeEncodeError"
    assert "without lone surrogates" in str(caught.value)


@pytest.mark.parametrize(
    ("exc", "detail"),
    [
        (httpx.ConnectError("refused"), "connection failed (ConnectError: refused)"),
        (httpx.ConnectError(""), "connection failed (ConnectError: ConnectError)"),
        (httpx.ReadTimeout(""), "timed out (ReadTimeout: ReadTimeout)"),
    ],
)
def test_a_connection_error_names_the_exception_and_its_text_or_only_its_name(
    exc: httpx.RequestError, detail: str
) -> None:
    request = httpx.Request("GET", "https://crm.test/api/x")
    error = connection_error(ErrorContext(request, Redactor()), exc, sent=False)
    assert error.message == f"GET https://crm.test/api/x: {detail}"
    assert error.sent is False


def test_a_connection_errors_message_is_cut_to_the_message_length() -> None:
    request = httpx.Request("GET", "https://crm.test/api/x")
    error = connection_error(
        ErrorContext(request, Redactor()), httpx.ConnectError("z" * 5_000), sent=True
    )
    assert len(error.message) == len("GET https://crm.test/api/x: ") + MESSAGE_CHARS
    assert error.cause_message == "z" * 5_000


@pytest.mark.parametrize(("status", "what"), [(None, "a link"), (302, "a 302 redirect")])
def test_a_cross_origin_error_says_whether_a_link_or_a_redirect_pointed_away(
    status: int | None, what: str
) -> None:
    error = cross_origin(
        "GET", httpx.URL("https://evil.test/x"), "another host", Redactor(), status=status
    )
    assert error.message.startswith(f"GET https://evil.test/x: not followed: {what} points to")
    assert error.status == status
    assert error.hint is not None
    assert "base URL" in error.hint


def test_an_error_without_a_response_has_no_excerpt() -> None:
    request = httpx.Request("GET", "https://crm.test/api/x")
    assert ErrorContext(request, Redactor()).excerpt() == ""


def test_a_short_body_is_excerpted_whole_even_beside_a_secret_longer_than_the_excerpt() -> None:
    request = httpx.Request("GET", "https://crm.test/api/x")
    response = httpx.Response(500, text="the server broke", request=request)
    context = ErrorContext(request, Redactor(["s" * (3 * EXCERPT_CHARS)]), response)
    assert context.excerpt() == "the server broke"


def test_a_body_in_an_unknown_charset_is_excerpted_as_utf8_with_replacements() -> None:
    request = httpx.Request("GET", "https://crm.test/api/x")
    response = httpx.Response(
        500,
        content=b"caf\xc3\xa9 \xff broke",
        headers={"Content-Type": "text/plain; charset=no-such-charset"},
        request=request,
    )
    assert ErrorContext(request, Redactor(), response).excerpt() == "café \ufffd broke"


def test_an_error_built_by_the_context_keeps_the_status_and_body_it_is_given_cut_short() -> None:
    request = httpx.Request("GET", "https://crm.test/api/x")
    response = httpx.Response(200, json={"data": "fine"}, request=request)
    context = ErrorContext(request, Redactor(), response)
    error = context.api_error(jbcrm.APIError, "m" * 5_000, status=409, body=None)
    assert (error.status, error.body) == (409, None)
    assert error.message == "GET https://crm.test/api/x -> 409: " + "m" * MESSAGE_CHARS
    decoded = context.decode_error("d" * 5_000, status=502, excerpt="e" * 5_000)
    assert decoded.status == 502
    assert decoded.excerpt == "e" * EXCERPT_CHARS
    assert decoded.message.startswith(
        "GET https://crm.test/api/x -> 502: " + "d" * MESSAGE_CHARS + "."
    )
    assert context.decode_error("not a model").excerpt == '{"data":"fine"}'


def _nested(containers: int, leaf: Any = "x") -> Any:
    value = leaf
    for level in range(containers):
        value = [value] if level % 2 else {"k": value, "flat": 1}
    return value


@pytest.mark.parametrize(
    ("containers", "kept"), [(MAX_BODY_DEPTH, True), (MAX_BODY_DEPTH + 1, False)]
)
def test_an_error_body_of_up_to_max_body_depth_containers_stays_json(
    containers: int, kept: bool
) -> None:
    request = httpx.Request("GET", "https://crm.test/api/x")
    # The scalar beside the deepest chain is looked at first (last in, first out): a check
    # that stopped at it would miss the containers beside it.
    body = [_nested(containers - 1), 1]
    response = httpx.Response(400, json=body, request=request)
    context = ErrorContext(request, Redactor(), response)
    assert (context.body == body) is kept
    assert isinstance(context.body, str) is not kept


def test_an_error_without_a_response_has_no_body_and_counts_one_attempt() -> None:
    request = httpx.Request("GET", "https://crm.test/api/x")
    context = ErrorContext(request, Redactor())
    assert context.body is None
    error = context.api_error(jbcrm.APIError, "no", status=500, hint="h" * 5_000)
    assert error.attempts == 1
    assert error.hint == "h" * MESSAGE_CHARS
    direct = jbcrm.APIError("no", status=500, method="GET", url="https://crm.test/api/x")
    assert direct.attempts == 1
