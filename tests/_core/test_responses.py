"""The generic response rules: a page's title is read in bounded, linear work; a server's words
are cut to a readable length after they are redacted."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

import jbcrm
from jbcrm._core.classify import RATE_LIMITED_HINT
from jbcrm._core.constants import MESSAGE_CHARS
from jbcrm._core.failures import ErrorContext
from jbcrm._core.redact import Redactor
from jbcrm._core.responses import TITLE_SCAN_CHARS, ResponseRules, html_title
from tests._core.conftest import QUERY_SECRET, QueryKeyClient

MakeClient = Callable[..., QueryKeyClient]


@pytest.mark.parametrize(
    ("page", "title"),
    [
        (
            "<html><TITLE lang='en'>  WordPress \n &rsaquo; Error </TITLE></html>",
            "WordPress &rsaquo; Error",
        ),
        ("<title>first</title><title>second</title>", "first"),
        ("</title> stray <title>Maintenance</title>", "Maintenance"),
        ("<title>never closed", None),
        ("<titles>not a title</titles>", None),
        ("no markup at all", None),
    ],
)
def test_html_title_reads_the_first_closed_title(page: str, title: str | None) -> None:
    assert html_title(page) == title


def test_a_page_of_unclosed_titles_has_no_title() -> None:
    # 112 KB of unclosed tags: the lazy regex this replaces rescanned the page from each one.
    assert html_title("<title>" * 16_000) is None
    assert html_title(("<title" + "x" * 199) * 600) is None


def test_a_title_past_the_first_characters_is_not_looked_for() -> None:
    assert html_title(" " * TITLE_SCAN_CHARS + "<title>late</title>") is None
    assert html_title(" " * (TITLE_SCAN_CHARS - 20) + "<title>early</title>") == "early"


async def test_a_long_server_message_is_redacted_then_cut(make_client: MakeClient) -> None:
    words = "x" * (MESSAGE_CHARS - 5) + QUERY_SECRET + "y" * 5_000
    client = make_client(lambda request: httpx.Response(400, json={"message": words}))
    with pytest.raises(jbcrm.BadRequestError) as caught:
        await client._send("GET", "things")
    message = str(caught.value)
    assert message.endswith("x" * (MESSAGE_CHARS - 5) + "***yy")


async def test_a_long_html_title_is_redacted_before_it_is_cut(make_client: MakeClient) -> None:
    page = f"<html><title>{'t' * 118}{QUERY_SECRET}</title></html>"
    client = make_client(lambda request: httpx.Response(404, html=page))
    with pytest.raises(jbcrm.NotFoundError) as caught:
        await client._send("GET", "things")
    assert "t" * 118 + "***" in str(caught.value)
    assert QUERY_SECRET[:6] not in str(caught.value)


async def test_a_mapping_of_errors_is_told_field_by_field_lists_joined(
    make_client: MakeClient,
) -> None:
    errors = {"name": ["is blank", "is too short"], "email": "is taken", "code": 7}
    client = make_client(lambda request: httpx.Response(422, json={"errors": errors}))
    with pytest.raises(jbcrm.APIError) as caught:
        await client._send("GET", "things")
    assert caught.value.message.endswith("name: is blank, is too short; email: is taken; code: 7")


@pytest.mark.parametrize(("status", "hinted"), [(401, True), (402, False), (403, False)])
async def test_only_a_401_hints_at_the_credentials(
    make_client: MakeClient, status: int, hinted: bool
) -> None:
    client = make_client(lambda request: httpx.Response(status, json={"message": "no"}))
    with pytest.raises(jbcrm.APIError) as caught:
        await client._send("GET", "things")
    assert caught.value.status == status
    assert (caught.value.hint == "check the API credentials") is hinted


def test_an_error_inside_a_200_body_is_reported_with_the_status_it_stands_for() -> None:
    request = httpx.Request("GET", "https://crm.test/api/x")
    response = httpx.Response(200, json={"error": "gone"}, request=request)
    error = ResponseRules().api_error(ErrorContext(request, Redactor(), response), 404, "gone")
    assert isinstance(error, jbcrm.NotFoundError)
    assert error.status == 404


@pytest.mark.parametrize(
    ("content_type", "body", "words"),
    [
        ("text/html; charset=utf-8", "<p>broken</p>", "HTML page"),
        ("", "  \n<!DOCTYPE html><title>Down</title>", "HTML page ('Down')"),
        ("", "\n<html><body>no title</body></html>", "HTML page"),
        ("text/plain", "plain words", "plain words"),
    ],
    ids=["content-type", "doctype", "html-tag", "text"],
)
async def test_an_html_error_page_is_told_by_its_title_and_text_by_its_words(
    make_client: MakeClient, content_type: str, body: str, words: str
) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    client = make_client(
        lambda request: httpx.Response(500, text=body, headers=headers), max_retries=0
    )
    with pytest.raises(jbcrm.InternalServerError) as caught:
        await client._send("GET", "things")
    assert caught.value.message.endswith(f"-> 500: {words}")


async def test_a_list_of_errors_is_not_read_as_a_mapping(make_client: MakeClient) -> None:
    client = make_client(lambda request: httpx.Response(400, json={"errors": ["bad"]}))
    with pytest.raises(jbcrm.BadRequestError) as caught:
        await client._send("GET", "things")
    assert caught.value.message.endswith("-> 400: Bad Request")


async def test_a_429_hints_at_the_rate_limit_and_keeps_its_retry_after(
    make_client: MakeClient,
) -> None:
    client = make_client(
        lambda request: httpx.Response(429, json={"message": "slow"}, headers={"Retry-After": "7"}),
        max_retries=0,
    )
    with pytest.raises(jbcrm.RateLimitError) as caught:
        await client._send("GET", "things")
    assert caught.value.hint == RATE_LIMITED_HINT
    assert caught.value.retry_after == 7.0


async def test_an_empty_answer_with_a_status_without_a_reason_says_error(
    make_client: MakeClient,
) -> None:
    client = make_client(lambda request: httpx.Response(499), max_retries=0)
    with pytest.raises(jbcrm.APIError) as caught:
        await client._send("GET", "things")
    assert caught.value.message.endswith("-> 499: error")
