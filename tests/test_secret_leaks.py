"""Every error path, driven for both APIs by a server that echoes the credentials back in every
form it can (the URL as sent, decoded, percent-encoded again, JSON-escaped, the Authorization
header, base64): each raises its typed error, and the suite's leak guard finds no secret in any
error (string, repr, attributes, chain, traceback) nor in any log record at DEBUG."""

from __future__ import annotations

import base64
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, unquote

import httpx
import pytest

import jbcrm
from jbcrm.jetpackcrm import RequestRejectedError
from tests.conftest import BASE_URL, fast_retries
from tests.leak_guard import JETBUILT_TOKEN, JETPACK_KEY, JETPACK_SECRET, LeakGuard

SITE = "https://crm.example.com"
Reply = Callable[[httpx.Request], httpx.Response]


def echo(request: httpx.Request) -> str:
    """Everything a careless server could repeat about a request."""
    url = str(request.url)
    authorization = request.headers.get("Authorization", "")
    return " | ".join(
        [
            url,
            unquote(url),
            quote(url, safe=""),
            json.dumps(url).replace("/", "\\/"),
            authorization,
            base64.b64encode(authorization.encode()).decode(),
        ]
    )


def status(code: int, *, kind: str = "json", headers: dict[str, str] | None = None) -> Reply:
    def reply(request: httpx.Request) -> httpx.Response:
        said = echo(request)
        if kind == "json":
            return httpx.Response(code, json={"message": said, "url": said}, headers=headers)
        if kind == "html":
            page = f"<html><head><title>Error {said}</title></head><body>{said}</body></html>"
            return httpx.Response(code, html=page, headers=headers)
        return httpx.Response(code, text=said, headers=headers)

    return reply


def raising(kind: type[httpx.TransportError]) -> Reply:
    def reply(request: httpx.Request) -> httpx.Response:
        # httpcore's messages can carry the request; assume the worst.
        raise kind(f"failed {echo(request)}", request=request)

    return reply


def same_origin_redirect_then(final: Reply) -> Reply:
    """A 301 to the same origin whose Location repeats the query (WordPress's trailing slash),
    then ``final``."""

    def reply(request: httpx.Request) -> httpx.Response:
        if "moved" in request.url.path:
            return final(request)
        target = request.url.copy_with(path=request.url.path.rstrip("/") + "/moved/")
        return httpx.Response(301, headers={"Location": str(target)})

    return reply


def login_redirect(request: httpx.Request) -> httpx.Response:
    """WordPress sending an expired session to its login page, the whole URL in
    ``redirect_to`` (so the secret is percent-encoded twice in the next request's URL)."""
    if request.url.path.endswith("wp-login.php"):
        return status(200, kind="html")(request)
    target = request.url.copy_with(
        path="/wp-login.php", query=f"redirect_to={quote(str(request.url), safe='')}".encode()
    )
    return httpx.Response(302, headers={"Location": str(target)})


def elsewhere(request: httpx.Request) -> httpx.Response:
    location = f"https://evil.test/steal?{request.url.query.decode()}&echo={quote(echo(request))}"
    return httpx.Response(302, headers={"Location": location})


def deep(request: httpx.Request) -> httpx.Response:
    body = "[" * 600 + json.dumps(echo(request)) + "]" * 600
    return httpx.Response(500, text=body, headers={"Content-Type": "application/json"})


def validation(request: httpx.Request) -> httpx.Response:
    said = echo(request)
    return httpx.Response(422, json={"errors": {said: [said], "name": said}})


def long_title(request: httpx.Request) -> httpx.Response:
    # The secret straddles the 120th character of the title, where titles used to be cut.
    page = f"<html><title>{'t' * 100}{echo(request)}</title></html>"
    return httpx.Response(404, html=page)


@dataclass(frozen=True)
class Path:
    """One error path: the server's answer and the error each API raises for it."""

    reply: Reply
    jetbuilt: type[jbcrm.JBCRMError]
    jetpack: type[jbcrm.JBCRMError]


PATHS: dict[str, Path] = {
    "401": Path(status(401), jbcrm.AuthenticationError, jbcrm.AuthenticationError),
    "403": Path(status(403), jbcrm.PermissionDeniedError, jbcrm.PermissionDeniedError),
    "404": Path(status(404), jbcrm.NotFoundError, jbcrm.NotFoundError),
    "405": Path(status(405), jbcrm.MethodNotAllowedError, jbcrm.MethodNotAllowedError),
    "418-text": Path(status(418, kind="text"), jbcrm.APIError, jbcrm.APIError),
    "422-keys-and-values": Path(
        validation, jbcrm.UnprocessableEntityError, jbcrm.UnprocessableEntityError
    ),
    "429-retry-after": Path(
        status(429, kind="text", headers={"Retry-After": "0"}),
        jbcrm.RateLimitError,
        jbcrm.RateLimitError,
    ),
    "429-no-retry-after": Path(
        status(429, kind="text"), jbcrm.RateLimitError, jbcrm.RateLimitError
    ),
    "500-json": Path(status(500), jbcrm.InternalServerError, jbcrm.InternalServerError),
    "502-html": Path(
        status(502, kind="html"), jbcrm.InternalServerError, jbcrm.InternalServerError
    ),
    "200-error-body": Path(
        lambda r: httpx.Response(200, json={"error": True, "message": echo(r)}),
        jbcrm.ResponseDecodeError,
        RequestRejectedError,
    ),
    "200-empty": Path(
        lambda r: httpx.Response(200, content=b""), jbcrm.ResponseDecodeError, RequestRejectedError
    ),
    "200-html-page": Path(
        status(200, kind="html"), jbcrm.ResponseDecodeError, jbcrm.ResponseDecodeError
    ),
    "404-html-long-title": Path(long_title, jbcrm.NotFoundError, jbcrm.ResponseDecodeError),
    "200-malformed-json": Path(
        lambda r: httpx.Response(200, content=b'{"id": 1, "note": "' + echo(r).encode()),
        jbcrm.ResponseDecodeError,
        jbcrm.ResponseDecodeError,
    ),
    "200-wrong-shape": Path(
        lambda r: httpx.Response(200, json=[{"id": echo(r)}, echo(r)]),
        jbcrm.ResponseDecodeError,
        jbcrm.ResponseDecodeError,
    ),
    "500-nested-600-deep": Path(deep, jbcrm.InternalServerError, jbcrm.InternalServerError),
    "301-location-repeats-the-secret": Path(
        same_origin_redirect_then(status(404)), jbcrm.NotFoundError, jbcrm.NotFoundError
    ),
    "302-login-redirect-to": Path(
        login_redirect, jbcrm.ResponseDecodeError, jbcrm.ResponseDecodeError
    ),
    "302-another-origin": Path(elsewhere, jbcrm.CrossOriginError, jbcrm.CrossOriginError),
    "connection-refused": Path(
        raising(httpx.ConnectError), jbcrm.APIConnectionError, jbcrm.APIConnectionError
    ),
    "timeout": Path(raising(httpx.ReadTimeout), jbcrm.APITimeoutError, jbcrm.APITimeoutError),
    "reset": Path(raising(httpx.ReadError), jbcrm.APIConnectionError, jbcrm.APIConnectionError),
    "cut-short": Path(
        raising(httpx.RemoteProtocolError), jbcrm.APIConnectionError, jbcrm.APIConnectionError
    ),
}

Client = jbcrm.Jetbuilt | jbcrm.JetpackCRM
Call = Callable[[Any], Awaitable[Any]]


def jetbuilt(http: httpx.AsyncClient) -> jbcrm.Jetbuilt:
    return jbcrm.Jetbuilt(
        f"{JETBUILT_TOKEN}\n", base_url=BASE_URL, http_client=http, rate_limit=None, max_retries=1
    )


def jetpack(http: httpx.AsyncClient) -> jbcrm.JetpackCRM:
    return jbcrm.JetpackCRM(
        SITE,
        api_key=JETPACK_KEY,
        api_secret=f" {JETPACK_SECRET}\r\n",
        http_client=http,
        rate_limit=None,
        max_retries=1,
    )


APIS: dict[str, tuple[Callable[[httpx.AsyncClient], Client], Call]] = {
    "jetbuilt": (jetbuilt, lambda jb: jb.projects.get(5)),
    "jetpack": (jetpack, lambda crm: crm.status()),
}


def assert_clean(guard: LeakGuard) -> None:
    assert guard.leaks() == []


@pytest.mark.parametrize("api", list(APIS))
@pytest.mark.parametrize("name", list(PATHS))
async def test_each_error_path_raises_its_error_and_leaks_no_secret(
    name: str,
    api: str,
    mock_http: Callable[..., httpx.AsyncClient],
    leak_guard: LeakGuard,
) -> None:
    path = PATHS[name]
    make, call = APIS[api]
    seen: list[httpx.Request] = []

    def reply(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return path.reply(request)

    async with make(mock_http(reply)) as client:
        fast_retries(client)
        with pytest.raises(jbcrm.JBCRMError) as caught:
            await call(client)
    assert type(caught.value) is getattr(path, api)
    assert caught.value.__cause__ is None
    assert caught.value.__context__ is None or isinstance(
        caught.value.__context__, jbcrm.JBCRMError
    )
    assert all(request.url.host in ("jb.test", "crm.example.com") for request in seen)
    assert_clean(leak_guard)


@pytest.mark.parametrize(
    "next_url",
    ["https://evil.test/api/projects?page=2", "http://jb.test/api/projects?page=2"],
    ids=["another-origin", "downgrade-to-http"],
)
async def test_a_jetbuilt_next_link_off_the_origin_gets_no_token(
    next_url: str, mock_http: Callable[..., httpx.AsyncClient], leak_guard: LeakGuard
) -> None:
    seen: list[httpx.Request] = []

    def reply(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=[{"id": 1}], headers={"Link": f'<{next_url}>; rel="next"'})

    async with jetbuilt(mock_http(reply)) as jb:
        with pytest.raises(jbcrm.CrossOriginError):
            await jb.users.list().to_list()
    assert [request.url.host for request in seen] == ["jb.test"]
    assert_clean(leak_guard)


async def test_a_jetbuilt_path_id_cannot_climb_out(
    mock_http: Callable[..., httpx.AsyncClient], leak_guard: LeakGuard
) -> None:
    seen: list[httpx.Request] = []
    async with jetbuilt(mock_http(lambda r: seen.append(r) or httpx.Response(200))) as jb:
        with pytest.raises(jbcrm.InvalidArgumentError):
            await jb.stock.items.delete("1/../../projects/5")
    assert seen == []
    assert_clean(leak_guard)


@pytest.mark.parametrize(
    ("make", "argument"),
    [
        (lambda value: jbcrm.Jetbuilt(value, base_url=BASE_URL, rate_limit=None), "api_key"),
        (
            lambda value: jbcrm.JetpackCRM(
                SITE, api_key=JETPACK_KEY, api_secret=value, rate_limit=None
            ),
            "api_secret",
        ),
    ],
    ids=["jetbuilt", "jetpack"],
)
@pytest.mark.parametrize("inside", ["\n", "\u00a0", "\x00"], ids=["newline", "nbsp", "nul"])
def test_a_credential_with_a_bad_character_is_refused_without_showing_it(
    make: Callable[[str], object], argument: str, inside: str, leak_guard: LeakGuard
) -> None:
    secret = JETBUILT_TOKEN if argument == "api_key" else JETPACK_SECRET
    with pytest.raises(jbcrm.ConfigurationError, match=f"^{argument} contains"):
        make(secret[:10] + inside + secret[10:])
    leak_guard.watch(secret[:10] + inside + secret[10:])
    assert_clean(leak_guard)


async def test_a_loop_error_naming_a_link_that_repeats_the_token_shows_no_token(
    mock_http: Callable[..., httpx.AsyncClient], leak_guard: LeakGuard
) -> None:
    # The page-2 link carries the token (a server that echoes headers into links) and loops.
    looping = httpx.URL(f"{BASE_URL}/users", params={"page": 2, "token": JETBUILT_TOKEN})

    def reply(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=[{"id": 1}], headers={"Link": f'<{looping}>; rel="next"'})

    async with jetbuilt(mock_http(reply)) as jb:
        with pytest.raises(jbcrm.PaginationLoopError) as caught:
            await jb.users.list().to_list()
    assert "page=2" in str(caught.value)
    assert_clean(leak_guard)


WRITES: dict[str, Call] = {
    "jetbuilt": lambda jb: jb.clients.create(user_id=1, company_name="Echo AV"),
    "jetpack": lambda crm: crm.customers.upsert(email="ann@example.com"),
}


@pytest.mark.parametrize("api", list(APIS))
async def test_a_write_redirected_on_the_origin_is_not_followed_and_shows_no_secret(
    api: str, mock_http: Callable[..., httpx.AsyncClient], leak_guard: LeakGuard
) -> None:
    seen: list[httpx.Request] = []

    def reply(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(
            301, headers={"Location": f"{request.url}&echo={quote(echo(request))}"}
        )

    make, _ = APIS[api]
    async with make(mock_http(reply)) as client:
        with pytest.raises(jbcrm.APIError) as caught:
            await WRITES[api](client)
    assert caught.value.status == 301
    assert "turn into a GET" in str(caught.value)
    assert [request.method for request in seen] == ["POST"]
    assert_clean(leak_guard)
