"""Secrets never appear in log records (ours or httpx's and httpcore's), exception messages or
reprs, including over a real loopback connection."""

from __future__ import annotations

import asyncio
import base64
import gc
import html
import json
import logging
from collections.abc import AsyncIterator, Callable
from urllib.parse import quote, quote_plus

import httpx
import pytest

import jbcrm
from jbcrm._core import redact
from jbcrm._core.ratelimit import SlidingWindowLimiter
from jbcrm._core.redact import (
    _LOGGERS,
    Redactor,
    SecretFilter,
    _LiveForms,
    install_log_filter,
    scrub,
)
from tests._core.conftest import QUERY_KEY, QUERY_SECRET, QueryKeyClient
from tests.conftest import JETBUILT_TOKEN

SECRETS = (QUERY_KEY, QUERY_SECRET, JETBUILT_TOKEN)


async def _serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """A minimal HTTP/1.1 server: echoes the request line into the body (the way some error
    pages quote the URL) and redirects ``/moved`` to another origin with the query kept."""
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            request_line = head.split(b"\r\n", 1)[0].decode()
            target = request_line.split(" ")[1]
            if target.startswith("/api/moved"):
                status, extra, body = (
                    "301 Moved",
                    f"Location: http://elsewhere.test{target}\r\n",
                    b"",
                )
            elif target.startswith("/api/broken"):
                status, extra, body = "200 OK", "", f"<html>{request_line}</html>".encode()
            elif target.startswith("/api/missing"):
                status, extra, body = "404 Not Found", "", f"no {request_line}".encode()
            else:
                status, extra, body = "200 OK", "", b'{"ok": true}'
            writer.write(
                f"HTTP/1.1 {status}\r\nContent-Length: {len(body)}\r\n{extra}\r\n".encode() + body
            )
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError):
        pass
    finally:
        writer.close()


@pytest.fixture
async def loopback() -> AsyncIterator[str]:
    server = await asyncio.start_server(_serve, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}/api"
    server.close()
    await server.wait_closed()


def assert_clean(text: str) -> None:
    for secret in SECRETS:
        assert secret not in text


async def test_secrets_never_reach_any_log_record_or_error(
    loopback: str, all_logs: list[str]
) -> None:
    errors: list[BaseException] = []
    async with QueryKeyClient(
        base_url=loopback, limiter=SlidingWindowLimiter(50, 1.0), max_retries=0
    ) as client:
        assert (await client._send("GET", "status", params={"full": 1})).data == {"ok": True}
        for path in ("moved", "broken", "missing"):
            try:
                await client._send("GET", path)
            except jbcrm.JBCRMError as exc:
                errors.append(exc)
        repr_text = repr(client._transport) + repr(client._transport.redactor)
    async with jbcrm.Jetbuilt(JETBUILT_TOKEN, base_url=loopback, rate_limit=None) as jb:
        await jb._send("GET", "company")
        repr_text += repr(jb)
    # A connection that fails: the port is closed now.
    async with QueryKeyClient(base_url="http://127.0.0.1:9/api", max_retries=0) as closed:
        with pytest.raises(jbcrm.APIConnectionError) as refused:
            await closed._send("GET", "status")
        errors.append(refused.value)

    assert [type(e) for e in errors] == [
        jbcrm.CrossOriginError,
        jbcrm.ResponseDecodeError,
        jbcrm.NotFoundError,
        jbcrm.APIConnectionError,
    ]
    logged = "\n".join(all_logs)
    # The records this checks are really there: ours, httpx's and httpcore's.
    assert "jbcrm DEBUG GET" in logged
    assert "httpx INFO HTTP Request: GET" in logged
    assert "httpcore." in logged
    assert "api_key=***" in logged
    assert_clean(logged)
    assert_clean(repr_text)
    for error in errors:
        assert_clean(str(error))
        assert_clean(repr(error))
    assert "api_key=***" in str(errors[2])


def test_redactor_scrubs_known_secrets_and_secret_named_parameters() -> None:
    redactor = Redactor(["s3cr3t-value", "abc", ""])
    assert redactor.text("token s3cr3t-value here") == "token *** here"
    # Too short to be a secret: left alone, so ordinary words are not mangled.
    assert redactor.text("abc") == "abc"
    url = "https://x.test/a?api_key=k1&page=2&api_secret=k2&access_token=t#frag"
    assert redactor.url(httpx.URL(url)) == (
        "https://x.test/a?api_key=***&page=2&api_secret=***&access_token=***#frag"
    )
    assert repr(redactor) == "Redactor(<1 secrets>)"


def test_log_filter_scrubs_the_secrets_of_every_live_client() -> None:
    keep = Redactor(["live-secret-1234"])
    record = logging.LogRecord(
        "httpx",
        logging.INFO,
        __file__,
        1,
        "GET %s with %s",
        ("/x?key=abc", "live-secret-1234"),
        None,
    )
    assert SecretFilter().filter(record) is True  # scrubbed, never dropped
    assert record.getMessage() == "GET /x?key=*** with ***"
    untouched = logging.LogRecord("httpx", logging.INFO, __file__, 1, "plain %d", (1,), None)
    assert SecretFilter().filter(untouched) is True
    assert untouched.args == (1,)
    assert untouched.getMessage() == "plain 1"
    assert scrub("live-secret-1234") == "***"
    assert keep.known("live-secret-1234") == "***"


async def test_exception_from_a_transport_error_is_redacted(
    mock_http: Callable[..., httpx.AsyncClient],
) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout(f"timed out reading {request.url}", request=request)

    client = QueryKeyClient(http_client=mock_http(handler), max_retries=0)
    with pytest.raises(jbcrm.APITimeoutError) as caught:
        await client._send("GET", "things")
    assert_clean(str(caught.value))
    assert_clean(repr(caught.value))
    assert caught.value.hint is not None


NASTY = "jpcrm_sk_a+b/c=d%e&f g"
# Quotes, a backslash, markup, a non-ASCII letter and a newline: JSON, HTML and repr each
# escape another subset of them.
ESCAPED = "jpcrm_\"q\\u<\u00e9>\n'x"
_FORMS = {
    "raw": (NASTY, NASTY),
    "percent": (NASTY, quote(NASTY, safe="")),
    "percent-lowercase": (NASTY, quote(NASTY, safe="").lower()),
    "path": (NASTY, quote(NASTY)),
    "query": (NASTY, quote_plus(NASTY)),
    "query-keeping-slashes": (NASTY, quote_plus(NASTY, safe="/")),
    "double-encoded": (NASTY, quote(quote_plus(NASTY), safe="")),
    "double-encoded-path": (NASTY, quote(quote(NASTY), safe="")),
    "json": (ESCAPED, json.dumps(ESCAPED)[1:-1]),
    "json-slash": (NASTY, json.dumps(NASTY)[1:-1].replace("/", "\\/")),
    "html": (ESCAPED, html.escape(ESCAPED)),
    "html-text": (ESCAPED, html.escape(ESCAPED, quote=False)),
    "repr": (ESCAPED, repr(ESCAPED)[1:-1]),
    "base64": (NASTY, base64.b64encode(NASTY.encode()).decode()),
    "base64-offset-1": (NASTY, base64.b64encode(b"u" + NASTY.encode()).decode()),
    "base64-offset-2": (NASTY, base64.b64encode(b"us" + NASTY.encode()).decode()),
    "base64-urlsafe": (NASTY, base64.urlsafe_b64encode(b"u:" + NASTY.encode()).decode()),
    # Its base64 holds "+" and "/", which the URL-safe alphabet writes "-" and "_".
    "base64-urlsafe-dashes": (
        "jpcrm~~~>>>???",
        base64.urlsafe_b64encode(b"u" + b"jpcrm~~~>>>???").decode(),
    ),
}


@pytest.mark.parametrize(
    ("name", "secret", "form"), [(name, *case) for name, case in _FORMS.items()], ids=list(_FORMS)
)
def test_every_encoded_form_of_a_secret_is_redacted(name: str, secret: str, form: str) -> None:
    redacted = Redactor([secret]).text(f"before {form} after")
    if not name.startswith("base64"):
        assert redacted == "before *** after"
        return
    # base64: only the characters that also depend on the bytes around the secret are left.
    head, tail = redacted.removeprefix("before ").removesuffix(" after").split("***")
    assert len(head) <= 3
    assert len(tail) <= 3


def test_a_secret_with_a_space_or_ampersand_is_replaced_whole() -> None:
    # The name=value rule alone would stop at the "&" and show the rest of the secret.
    redactor = Redactor([NASTY])
    assert redactor.text(f"api_secret={NASTY} tail") == "api_secret=*** tail"
    assert redactor.text(f"token={NASTY}") == "token=***"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("/x?page=2&api_secret=unknown&b=1", "/x?page=2&api_secret=***&b=1"),
        (
            "redirect_to=%2Fx%3Fapi_key%3Dabc%26page%3D2",
            "redirect_to=%2Fx%3Fapi_key%3D***%26page%3D2",
        ),
        ("a%3Fapi_secret%253Dabc%2526b", "a%3Fapi_secret%253D***%2526b"),
        ('{"api_secret": "abc\\"def", "n": 1}', '{"api_secret": "***", "n": 1}'),
        ("Authorization: Token token=abc123", "Authorization: Token ***"),
        ("authorization: Bearer abc.def", "authorization: Bearer ***"),
        ("{'Authorization': 'Basic dXNlcjpw'}", "{'Authorization': 'Basic ***'}"),
        ("Authorization: s3cr3tvalue", "Authorization: ***"),
    ],
    ids=[
        "query",
        "encoded-query",
        "double-encoded-query",
        "json-field",
        "token",
        "bearer",
        "basic",
        "no-scheme",
    ],
)
def test_values_of_secret_named_parameters_fields_and_headers_are_redacted(
    text: str, expected: str
) -> None:
    assert Redactor().text(text) == expected


def test_json_keys_and_values_are_redacted() -> None:
    redactor = Redactor([NASTY])
    body = {NASTY: [f"echo {NASTY}", {"token": "other-secret"}], "key": ["is invalid"], "n": 1}
    assert redactor.data(body) == {
        "***": ["echo ***", {"token": "***"}],
        "key": ["is invalid"],
        "n": 1,
    }


def test_a_redirect_to_parameter_in_an_httpx_log_line_is_scrubbed() -> None:
    keep = Redactor([NASTY])
    url = httpx.URL(f"https://crm.test/zbs_api/status/?api_key=k&api_secret={quote_plus(NASTY)}")
    line = f"HTTP Request: GET https://crm.test/wp-login.php?redirect_to={quote(str(url), safe='')}"
    record = logging.LogRecord("httpx", logging.INFO, __file__, 1, "%s", (line,), None)
    assert SecretFilter().filter(record) is True
    message = record.getMessage()
    assert "redirect_to=" in message
    assert keep.known(message) == message
    assert "a%252Bb" not in message


def test_the_log_filter_forgets_the_secrets_of_collected_clients() -> None:
    redactor = Redactor(["ephemeral-secret-93a1"])
    copies = [Redactor(["ephemeral-secret-93a1"]) for _ in range(50)]
    assert scrub("GET /x?q=ephemeral-secret-93a1") == "GET /x?q=***"
    del redactor, copies
    gc.collect()
    assert scrub("GET /x?q=ephemeral-secret-93a1") == "GET /x?q=ephemeral-secret-93a1"


def test_a_json_list_body_is_redacted_item_by_item() -> None:
    redactor = Redactor(["list-secret-77"])
    body = [{"note": "list-secret-77"}, "echo list-secret-77", 5, None]
    assert redactor.data(body) == [{"note": "***"}, "echo ***", 5, None]


def test_a_secret_of_four_characters_is_redacted_and_one_of_three_is_not() -> None:
    assert Redactor(["q7zk"]).text("a=q7zk b") == "a=*** b"
    assert Redactor(["q7z"]).text("a=q7z b") == "a=q7z b"
    assert repr(Redactor(["q7z", "q7zk"])) == "Redactor(<1 secrets>)"


def test_derived_forms_shorter_than_six_characters_are_not_redacted() -> None:
    # The base64 of a 4-character secret gives a 5-character slice: ordinary text would match.
    slice_of_four = base64.b64encode(b"q7zk").decode()[:5]
    assert Redactor(["q7zk"]).known(f"x {slice_of_four} y") == f"x {slice_of_four} y"
    # A 5-character secret's slice is 6 long, and is redacted.
    slice_of_five = base64.b64encode(b"q7zkw").decode()[:6]
    assert Redactor(["q7zkw"]).known(f"x {slice_of_five} y") == "x *** y"


def test_scrub_replaces_secret_named_parameters_even_with_no_live_client(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(redact, "_LIVE", _LiveForms())
    assert scrub("GET /x?api_key=unknown-value&page=2") == "GET /x?api_key=***&page=2"
    assert scrub('{"token": "unknown-value"}') == '{"token": "***"}'
    assert scrub("plain line") == "plain line"


def test_installing_the_log_filter_again_adds_no_second_filter(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(redact, "_installed", False)
    for name in _LOGGERS:
        monkeypatch.setattr(logging.getLogger(name), "filters", [])
    install_log_filter()
    install_log_filter()
    for name in _LOGGERS:
        filters = logging.getLogger(name).filters
        assert len(filters) == 1, name
        assert isinstance(filters[0], SecretFilter)


def test_a_value_under_a_key_that_is_not_a_string_is_redacted_too() -> None:
    redactor = Redactor(["keyed-secret-5"])
    assert redactor.data({7: "keyed-secret-5", None: ["keyed-secret-5"]}) == {
        7: "***",
        None: ["***"],
    }


def test_the_live_forms_pattern_follows_the_redactors_added_and_released() -> None:
    live = _LiveForms()
    assert live.pattern() is None
    live.add(("first-form", "shared-form"))
    live.add(("shared-form",))
    pattern = live.pattern()
    assert pattern is not None
    assert pattern.sub("*", "first-form shared-form") == "* *"
    live.release(("first-form", "shared-form"))
    pattern = live.pattern()
    assert pattern is not None
    # One redactor still holds the shared form.
    assert pattern.sub("*", "first-form shared-form") == "first-form *"
    live.release(("shared-form",))
    assert live.pattern() is None
    live.release(("never-added",))  # nothing to forget: no error, still no pattern
    assert live.pattern() is None


def test_the_longest_replaced_text_is_the_longest_form_of_any_secret() -> None:
    # The longest form of NASTY is its percent-encoding, encoded once more.
    assert Redactor([NASTY, "q7zkw"]).longest == len(quote(quote(NASTY, safe=""), safe=""))
    assert Redactor().longest == 0


def test_a_secret_whose_capitals_are_longer_is_still_found_in_any_case() -> None:
    # "ß".upper() is "SS": the pattern is built from the lower case, and matched ignoring case.
    redactor = Redactor(["straße-geheim"])
    assert redactor.text("x straße-geheim y") == "x *** y"
    assert redactor.text("x STRAßE-GEHEIM y") == "x *** y"


def test_a_secret_that_starts_another_is_found_on_its_own_and_the_longer_one_whole() -> None:
    redactor = Redactor(["prefix-secret", "prefix-secret-longer"])
    assert redactor.text("a prefix-secret b") == "a *** b"
    assert redactor.text("a prefix-secret-longer b") == "a *** b"


def test_a_secret_of_thousands_of_characters_is_redacted_in_every_form() -> None:
    # A long token (a JWT, say): its forms are longer than Python's recursion limit is deep.
    token = "eyJ" + "a1B2c3/+" * 400
    redactor = Redactor([token])
    assert redactor.text(f"x {token} y") == "x *** y"
    assert redactor.text(f"x {quote(token, safe='')} y") == "x *** y"
    assert redactor.longest >= len(token)
