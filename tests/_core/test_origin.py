"""The same-origin rule: a link or redirect the server gives is followed only on the base URL's
origin; another host or port, or http after https, raises CrossOriginError and the credentials
never travel there."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

import jbcrm
from jbcrm._core.origin import crossing, on_origin
from jbcrm._core.redact import Redactor
from tests._core.conftest import QUERY_KEY, QUERY_SECRET, QueryKeyClient
from tests.conftest import BASE_URL, JETBUILT_TOKEN

MakeJetbuilt = Callable[..., jbcrm.Jetbuilt]
MakeClient = Callable[..., QueryKeyClient]


@pytest.mark.parametrize(
    ("target", "reason"),
    [
        ("https://jb.test/api/x", None),
        ("https://JB.test:443/other/path?q=1", None),
        ("https://elsewhere.test/api/x", "another origin"),
        ("https://jb.test.evil.test/api/x", "another origin"),
        ("https://jb.test:8443/api/x", "another origin"),
        ("http://jb.test/api/x", "a downgrade from https to http"),
    ],
)
def test_crossing_names_why_a_url_leaves_the_origin(target: str, reason: str | None) -> None:
    assert crossing(httpx.URL(BASE_URL), httpx.URL(target)) == reason


def test_an_upgrade_from_http_is_another_origin_too() -> None:
    assert crossing(httpx.URL("http://127.0.0.1:8000"), httpx.URL("https://127.0.0.1:8000"))


def pages_linking_to(next_url: str, seen: list[httpx.Request]) -> Callable[..., httpx.Response]:
    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(
            200, json=[{"id": len(seen)}], headers={"Link": f'<{next_url}>; rel="next"'}
        )

    return handler


@pytest.mark.parametrize(
    ("next_url", "reason"),
    [
        ("https://elsewhere.test/api/users?page=2", "another origin"),
        ("https://jb.test:444/api/users?page=2", "another origin"),
        ("http://jb.test/api/users?page=2", "a downgrade from https to http"),
    ],
    ids=["host", "port", "downgrade"],
)
async def test_a_next_link_off_the_origin_is_not_followed_and_gets_no_token(
    make_jetbuilt: MakeJetbuilt, next_url: str, reason: str
) -> None:
    seen: list[httpx.Request] = []
    client = make_jetbuilt(pages_linking_to(next_url, seen))
    pages = client.users.list().pages()
    first = await pages.__anext__()
    assert len(first.items) == 1
    with pytest.raises(jbcrm.CrossOriginError) as caught:
        await pages.__anext__()
    await pages.aclose()
    assert [str(r.url) for r in seen] == [f"{BASE_URL}/users"]
    error = caught.value
    assert error.url == next_url
    assert error.status is None
    assert reason in str(error)
    assert "base URL" in (error.hint or "")


async def test_a_next_link_on_the_origin_is_followed_with_the_token(
    make_jetbuilt: MakeJetbuilt,
) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        link = {"Link": '<https://jb.test:443/api/users?page=2>; rel="next"'}
        if request.url.params.get("page") == "2":
            return httpx.Response(200, json=[{"id": 2}])
        return httpx.Response(200, json=[{"id": 1}], headers=link)

    users = await make_jetbuilt(handler).users.list().to_list()
    assert [u.id for u in users] == [1, 2]
    assert [r.headers["Authorization"] for r in seen] == [f"Token token={JETBUILT_TOKEN}"] * 2


async def test_an_absolute_url_off_the_origin_never_carries_query_credentials(
    make_client: MakeClient,
) -> None:
    seen: list[httpx.Request] = []
    client = make_client(pages_linking_to(f"{BASE_URL}/next", seen))
    with pytest.raises(jbcrm.CrossOriginError) as caught:
        await client._send("GET", "https://elsewhere.test/api/items?page=2")
    assert seen == []
    assert QUERY_KEY not in str(caught.value)
    assert QUERY_SECRET not in str(caught.value)


async def test_a_redirect_downgrading_to_http_is_not_followed(make_jetbuilt: MakeJetbuilt) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(302, headers={"Location": "http://jb.test/api/company"})

    with pytest.raises(jbcrm.CrossOriginError) as caught:
        await make_jetbuilt(handler)._send("GET", "company")
    assert len(seen) == 1
    assert caught.value.status == 302
    assert caught.value.url == "http://jb.test/api/company"
    assert "a downgrade from https to http" in str(caught.value)


def test_a_url_that_cannot_be_built_is_refused_saying_so_with_its_cause_and_no_secret() -> None:
    url = f"http://[::1/projects?api_secret={QUERY_SECRET}"
    with pytest.raises(jbcrm.InvalidArgumentError) as caught:
        on_origin(httpx.URL(BASE_URL), url, "GET", Redactor([QUERY_SECRET]))
    error = caught.value
    assert str(error).startswith("cannot build a request URL from 'http://[::1/projects?")
    assert QUERY_SECRET not in str(error)
    assert error.cause_type == "InvalidURL"
    assert error.cause_message
    assert QUERY_SECRET not in error.cause_message
    assert error.__cause__ is None
    assert error.__context__ is None


def test_a_url_off_the_origin_is_refused_naming_the_method_that_would_go_there() -> None:
    with pytest.raises(jbcrm.CrossOriginError) as caught:
        on_origin(httpx.URL(BASE_URL), "https://elsewhere.test/api/projects", "PATCH", Redactor())
    assert caught.value.method == "PATCH"
