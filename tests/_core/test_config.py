"""What a client is given is checked when it is created: credentials, base URLs, api_version,
concurrency and user_agent each refused with a ConfigurationError that says what is accepted
(and never echoes a credential), instead of a bare error at the first request."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

import jbcrm
from jbcrm._core.constants import MAX_CONCURRENCY
from tests.conftest import BASE_URL, JETBUILT_TOKEN
from tests.leak_guard import JETPACK_KEY, JETPACK_SECRET


def jetbuilt(**options: Any) -> jbcrm.Jetbuilt:
    options.setdefault("base_url", BASE_URL)
    options.setdefault("api_key", JETBUILT_TOKEN)
    return jbcrm.Jetbuilt(rate_limit=None, **options)


def jetpack(**options: Any) -> jbcrm.JetpackCRM:
    site = options.pop("base_url", "https://crm.example.com")
    options.setdefault("api_key", JETPACK_KEY)
    options.setdefault("api_secret", JETPACK_SECRET)
    return jbcrm.JetpackCRM(site, rate_limit=None, **options)


CLIENTS = pytest.mark.parametrize("make", [jetbuilt, jetpack], ids=["jetbuilt", "jetpack"])
Make = Callable[..., Any]


@pytest.mark.parametrize("padding", ["\n", "\r\n", " ", "\t", "\u00a0"])
async def test_whitespace_around_a_jetbuilt_key_is_stripped_before_it_is_sent(
    padding: str, mock_http: Callable[..., httpx.AsyncClient]
) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={})

    client = jetbuilt(api_key=f"{padding}{JETBUILT_TOKEN}{padding}", http_client=mock_http(handler))
    await client._send("GET", "company")
    assert seen[0].headers["Authorization"] == f"Token token={JETBUILT_TOKEN}"


def test_a_key_from_a_secret_file_with_a_trailing_newline_is_stripped(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("JETPACKCRM_API_KEY", f"{JETPACK_KEY}\n")
    monkeypatch.setenv("JETPACKCRM_API_SECRET", f"{JETPACK_SECRET}\r\n")
    client = jbcrm.JetpackCRM("https://crm.example.com", rate_limit=None)
    assert client._transport._params["api_key"] == JETPACK_KEY
    assert client._transport._params["api_secret"] == JETPACK_SECRET


@pytest.mark.parametrize(
    ("bad", "kind"),
    [
        ("a\nb", "a control"),
        ("a\x00b", "a control"),
        ("a\u00a0b", "a non-ASCII"),
        ("ké", "a non-ASCII"),
    ],
    ids=["newline", "nul", "nbsp", "accent"],
)
@pytest.mark.parametrize(
    ("make", "argument"),
    [(jetbuilt, "api_key"), (jetpack, "api_key"), (jetpack, "api_secret")],
    ids=["jetbuilt-key", "jetpack-key", "jetpack-secret"],
)
def test_a_credential_with_a_control_or_non_ascii_character_is_refused_without_echoing_it(
    make: Make, argument: str, bad: str, kind: str
) -> None:
    value = f"jpcrm_sk_secretpart{bad}moresecret"
    with pytest.raises(jbcrm.ConfigurationError) as caught:
        make(**{argument: value})
    message = str(caught.value)
    assert message.startswith(f"{argument} contains {kind} character")
    assert "secretpart" not in message
    assert "moresecret" not in message


@pytest.mark.parametrize(
    ("variable", "make"),
    [("JETBUILT_API_KEY", jetbuilt), ("JETPACKCRM_API_SECRET", jetpack)],
    ids=["jetbuilt", "jetpack"],
)
def test_a_bad_credential_from_the_environment_names_the_variable(
    monkeypatch: pytest.MonkeyPatch, variable: str, make: Make
) -> None:
    monkeypatch.setenv(variable, "abc\x7fdef")
    argument = "api_key" if variable.endswith("KEY") else "api_secret"
    with pytest.raises(jbcrm.ConfigurationError, match=f"^{variable} contains a control"):
        make(**{argument: None})


@CLIENTS
@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("", "must be an http(s) address with a host"),
        ("   ", "must be an http(s) address with a host"),
        ("not a url", "must be an http(s) address with a host"),
        ("ftp://files.example.com/api", "must be an http(s) address with a host"),
        ("https:///api", "must be an http(s) address with a host"),
        ("http://[::1", "is not a valid URL"),
        ("https://api.example.com:99999/api", "a port is 1 to 65535"),
        ("https://user:pw@api.example.com/api", "no query, fragment or user name"),
        ("https://api.example.com/api?x=1", "no query, fragment or user name"),
        ("http://api.example.com/api", "refusing plain http to api.example.com"),
    ],
)
def test_a_base_url_that_cannot_work_is_refused_saying_what_is_accepted(
    make: Make, url: str, says: str
) -> None:
    with pytest.raises(jbcrm.ConfigurationError) as caught:
        make(base_url=url)
    assert says in str(caught.value)
    assert caught.value.__context__ is None


@CLIENTS
@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:8080/api", "http://localhost/api", "http://[::1]:9000/api"]
)
def test_plain_http_is_accepted_on_loopback(make: Make, url: str) -> None:
    make(base_url=url)


@CLIENTS
def test_plain_http_elsewhere_needs_allow_insecure_http(make: Make) -> None:
    make(base_url="http://crm.internal.example/api", allow_insecure_http=True)


def test_the_jetbuilt_base_url_falls_back_to_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("JETBUILT_BASE_URL", "https://staging.jetbuilt.com/api")
    assert jbcrm.Jetbuilt(JETBUILT_TOKEN, rate_limit=None).base_url == (
        "https://staging.jetbuilt.com/api"
    )
    explicit = jbcrm.Jetbuilt(JETBUILT_TOKEN, base_url=BASE_URL, rate_limit=None)
    assert explicit.base_url == BASE_URL
    monkeypatch.delenv("JETBUILT_BASE_URL")
    assert jbcrm.Jetbuilt(JETBUILT_TOKEN, rate_limit=None).base_url == (
        jbcrm.JETBUILT_PRODUCTION_URL
    )


@pytest.mark.parametrize("version", ["v\u0661", "v", "1", "v1.0", "V1", " v1"])
def test_an_api_version_that_is_not_v_and_ascii_digits_is_refused(version: str) -> None:
    with pytest.raises(jbcrm.ConfigurationError, match="api_version must look like 'v1'"):
        jetbuilt(api_version=version)


def test_api_versions_with_ascii_digits_are_accepted() -> None:
    assert jetbuilt(api_version="v12").api_version == "v12"


@CLIENTS
@pytest.mark.parametrize("value", [0, -1, 2.5, "5", True, None, MAX_CONCURRENCY + 1, 20_000])
def test_concurrency_must_be_a_whole_number_within_the_maximum(make: Make, value: Any) -> None:
    with pytest.raises(jbcrm.ConfigurationError) as caught:
        make(concurrency=value)
    assert f"from 1 to {MAX_CONCURRENCY}" in str(caught.value)


@CLIENTS
def test_the_maximum_concurrency_is_accepted(make: Make) -> None:
    make(concurrency=MAX_CONCURRENCY)


@CLIENTS
@pytest.mark.parametrize("agent", ["app\u00e9/1.0", "app/1.0\r\nX-Evil: 1"])
def test_a_user_agent_that_cannot_be_a_header_is_refused(make: Make, agent: str) -> None:
    with pytest.raises(jbcrm.ConfigurationError, match="user_agent must be printable ASCII"):
        make(user_agent=agent)
