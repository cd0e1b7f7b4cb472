"""Both clients against answers drawn at random (status, the headers the SDK reads, bodies
plain, compressed or not): only a JBCRMError may escape a call, and no call outlives its
deadline."""

from __future__ import annotations

import asyncio
import gzip
import zlib
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import jbcrm
from jbcrm.jetpackcrm import JetpackCRM
from tests.conftest import BASE_URL, JETBUILT_TOKEN, fast_retries

#: Each call's own deadline, and the hang detector around it (far longer).
DEADLINE = 1.0
GUARD = 15.0

_ASCII = st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=40)
#: Numbers as servers may send them, including absurdly long ones (past int()'s 4,300 digits).
_DIGITS = st.one_of(
    st.sampled_from([400, 4_301, 20_000]).map(lambda n: "9" * n),
    st.integers(-5, 10**6).map(str),
)
_RETRY_AFTER = (
    _DIGITS
    | st.sampled_from(["0", "0.01", "nan", "inf", "-1", "1e9", "Wed, 21 Oct 2015 07:28:00 GMT"])
    | _ASCII
)
_LINK = st.one_of(
    _ASCII,
    st.builds(
        lambda page, rel, host: f'<https://{host}/api/projects?page={page}>; rel="{rel}"',
        _DIGITS,
        st.sampled_from(["next", "last", "first", "prev"]),
        st.sampled_from(["jb.test", "elsewhere.test", "crm.example.com"]),
    ),
)
_PAGING = {"X-Total-Count": _DIGITS, "X-Per-Page": _DIGITS | _ASCII, "Link": _LINK}
_OTHERS = {
    "Retry-After": _RETRY_AFTER,
    "Content-Length": _DIGITS | _ASCII,
    "Content-Encoding": st.sampled_from(["gzip", "deflate", "br", "identity", "gzip, gzip"])
    | _ASCII,
    "Content-Type": st.sampled_from(["application/json", "text/html", "text/plain"]) | _ASCII,
    "Location": st.sampled_from([f"{BASE_URL}/other", "https://elsewhere.test/x", "::"]),
}
_HEADERS = st.fixed_dictionaries({}, optional={**_PAGING, **_OTHERS})
#: A listing's answers always carry the paging headers (with any values).
_PAGE_HEADERS = st.fixed_dictionaries(_PAGING, optional=_OTHERS)
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=30,
)
_RECORDS = st.lists(st.fixed_dictionaries({"id": st.integers(-3, 40)}), max_size=30).map(
    lambda items: httpx.Response(200, json=items).content
)
# Weighted towards what gets furthest into the SDK: 200s carrying lists of records.
_BODY = st.one_of(
    _RECORDS,
    _RECORDS,
    _JSON.map(lambda value: httpx.Response(200, json=value).content),
    st.binary(max_size=400),
)
_STATUS = st.sampled_from([200, 201, 204, 301, 302, 307, 400, 401, 404, 418, 422, 429, 500, 503])
_ENCODE = st.sampled_from(["plain", "plain", "gzip", "deflate"])


@st.composite
def answers(draw: st.DrawFn, paging: bool = False) -> tuple[int, dict[str, str], bytes]:
    status = draw(st.just(200) | st.just(200) | _STATUS | st.integers(100, 599))
    headers = draw(_PAGE_HEADERS if paging else _HEADERS)
    body = draw(_BODY)
    encode = draw(_ENCODE)
    if encode == "gzip":
        body = gzip.compress(body)
    elif encode == "deflate":
        body = zlib.compress(body)
    return status, headers, body


def handler(status: int, headers: dict[str, str], body: bytes) -> Callable[..., Any]:
    async def answer(request: httpx.Request) -> httpx.Response:
        async def stream() -> AsyncIterator[bytes]:
            for start in range(0, len(body), 97):
                yield body[start : start + 97]

        return httpx.Response(status, headers=headers, content=stream())

    return answer


Call = Callable[[Any], Awaitable[Any]]
JETBUILT_CALLS: list[Call] = [
    lambda jb: jb.projects.get(1),
    lambda jb: jb.stock.items.delete(5),
    lambda jb: jb.clients.create(user_id=1, company_name="Fuzz"),
]
JETPACK_CALLS: list[Call] = [
    lambda crm: crm.status(full=True),
    lambda crm: crm.customers.find_by_email("a@b.co"),
    lambda crm: crm.customers.upsert(email="a@b.co", fname="Ann"),
]


async def _run(make: Callable[[httpx.AsyncClient], Any], call: Call, answer: Any) -> None:
    async with httpx.AsyncClient(transport=httpx.MockTransport(answer)) as http:
        client = make(http)
        fast_retries(client)
        try:
            await asyncio.wait_for(call(client), GUARD)
        except jbcrm.JBCRMError:
            pass
        except asyncio.TimeoutError:  # pragma: no cover - the failure being guarded against
            raise AssertionError("a call outlived its deadline") from None


def _jetbuilt(http: httpx.AsyncClient) -> jbcrm.Jetbuilt:
    return jbcrm.Jetbuilt(
        JETBUILT_TOKEN,
        base_url=BASE_URL,
        rate_limit=None,
        http_client=http,
        deadline=DEADLINE,
        max_response_size=64 * 1024,
    )


def _jetpack(http: httpx.AsyncClient) -> JetpackCRM:
    return JetpackCRM(
        "https://crm.example.com",
        api_key="jpcrm_pk_0123456789abcdef",
        api_secret="jpcrm_sk_0123456789abcdef",
        rate_limit=None,
        http_client=http,
        deadline=DEADLINE,
        max_response_size=64 * 1024,
    )


FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(answer=answers(paging=True))
def test_any_answer_to_a_jetbuilt_listing_gives_records_or_a_jbcrm_error(
    answer: tuple[int, dict[str, str], bytes],
) -> None:
    asyncio.run(_run(_jetbuilt, lambda jb: jb.phases.list().to_list(limit=60), handler(*answer)))


@FUZZ
@given(answer=answers(), call=st.sampled_from(JETBUILT_CALLS))
def test_any_answer_to_a_jetbuilt_call_gives_a_result_or_a_jbcrm_error(
    answer: tuple[int, dict[str, str], bytes], call: Call
) -> None:
    asyncio.run(_run(_jetbuilt, call, handler(*answer)))


@FUZZ
@given(answer=answers())
def test_any_answer_to_a_jetpack_listing_gives_records_or_a_jbcrm_error(
    answer: tuple[int, dict[str, str], bytes],
) -> None:
    asyncio.run(
        _run(_jetpack, lambda crm: crm.customers.list().to_list(limit=30), handler(*answer))
    )


@FUZZ
@given(answer=answers(), call=st.sampled_from(JETPACK_CALLS))
def test_any_answer_to_a_jetpack_call_gives_a_result_or_a_jbcrm_error(
    answer: tuple[int, dict[str, str], bytes], call: Call
) -> None:
    asyncio.run(_run(_jetpack, call, handler(*answer)))
