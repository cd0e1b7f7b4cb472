"""The transport's contract: pool ownership, event loop, timeouts, per-call options, User-Agent,
redirects and the per-attempt log line."""

from __future__ import annotations

import asyncio
import inspect
import logging
import platform
import re
import sys
from collections.abc import Callable
from functools import cached_property

import httpx
import pytest

import jbcrm
from jbcrm._core.body import ACCEPT_ENCODING
from jbcrm._core.errors import APIError, EventLoopMismatchError
from jbcrm._core.ratelimit import RateLimit, SlidingWindowLimiter
from jbcrm._core.ratelimit.redis import RedisSlidingWindowLimiter
from jbcrm.jetbuilt._resource import JetbuiltResource
from tests._core.conftest import QUERY_KEY, QUERY_SECRET, QueryKeyClient
from tests.conftest import BASE_URL, JETBUILT_TOKEN

MakeJetbuilt = Callable[..., jbcrm.Jetbuilt]
MakeClient = Callable[..., QueryKeyClient]


def ok(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, json={"ok": True})


def recording(seen: list[httpx.Request]) -> Callable[[httpx.Request], httpx.Response]:
    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"ok": True})

    return handler


async def test_owned_pool_is_sized_from_concurrency_and_closed_on_exit() -> None:
    async with jbcrm.Jetbuilt(
        JETBUILT_TOKEN, base_url=BASE_URL, rate_limit=None, concurrency=7
    ) as client:
        http = client._transport._client
        pool = http._transport._pool  # type: ignore[attr-defined]
        assert pool._max_connections == 7
        assert pool._max_keepalive_connections == 7
        # Our own pool carries the headers and never follows a redirect by itself.
        assert http.headers["Accept-Encoding"] == ACCEPT_ENCODING
        assert http.headers["Authorization"] == f"Token token={JETBUILT_TOKEN}"
        assert http.follow_redirects is False
        assert not client._transport.closed
    assert client._transport.closed
    assert http.is_closed


async def test_a_callers_pool_is_used_and_left_open(
    mock_http: Callable[..., httpx.AsyncClient],
) -> None:
    seen: list[httpx.Request] = []
    http = mock_http(recording(seen))
    async with jbcrm.Jetbuilt(JETBUILT_TOKEN, http_client=http, base_url=BASE_URL) as client:
        await client._send("GET", "company")
    assert len(seen) == 1
    assert not http.is_closed
    await client.aclose()
    assert not http.is_closed


def test_using_a_client_on_another_event_loop_says_what_to_do() -> None:
    http = httpx.AsyncClient(transport=httpx.MockTransport(ok))
    client = jbcrm.Jetbuilt(JETBUILT_TOKEN, http_client=http, base_url=BASE_URL, rate_limit=None)
    assert asyncio.run(client._send("GET", "company")).data == {"ok": True}
    with pytest.raises(EventLoopMismatchError) as caught:
        asyncio.run(client._send("GET", "company"))
    assert isinstance(caught.value, RuntimeError)
    assert "another event loop" in str(caught.value)
    assert "create the client inside the loop that uses it" in str(caught.value)
    asyncio.run(http.aclose())


async def test_timeouts_default_to_5s_connect_and_30s_read(make_jetbuilt: MakeJetbuilt) -> None:
    seen: list[httpx.Request] = []
    await make_jetbuilt(recording(seen))._send("GET", "company")
    timeout = seen[0].extensions["timeout"]
    assert timeout["connect"] == 5.0
    assert timeout["read"] == 30.0


async def test_timeout_is_set_client_wide_and_per_call(make_jetbuilt: MakeJetbuilt) -> None:
    seen: list[httpx.Request] = []
    client = make_jetbuilt(recording(seen), timeout=12)
    await client._send("GET", "company")
    await client.with_options(timeout=2)._send("GET", "company")
    await client.with_options(timeout=httpx.Timeout(9.0, connect=1.0))._send("GET", "company")
    await client._send("GET", "company")
    reads = [(r.extensions["timeout"]["connect"], r.extensions["timeout"]["read"]) for r in seen]
    assert reads == [(5.0, 12.0), (2.0, 2.0), (1.0, 9.0), (5.0, 12.0)]


async def test_with_options_is_a_cheap_copy_sharing_pool_and_limiter(
    make_jetbuilt: MakeJetbuilt,
) -> None:
    client = make_jetbuilt(ok, rate_limit=SlidingWindowLimiter(5, 1.0), max_retries=2)
    copy = client.with_options(timeout=3, max_retries=0)
    assert copy is not client
    assert copy._transport is client._transport
    assert copy._transport.limiter is client._transport.limiter
    assert copy._options.retry.max_retries == 0
    assert client._options.retry.max_retries == 2
    assert copy.with_options()._options == copy._options
    # Public attributes survive the copy.
    assert repr(copy) == repr(client)
    assert copy.base_url == client.base_url
    await copy._send("GET", "company")
    assert client.rate_limit_stats == copy.rate_limit_stats
    assert copy.rate_limit_stats is not None
    assert copy.rate_limit_stats.requests == 1


async def test_with_options_gives_the_copy_its_own_namespaces(
    mock_http: Callable[..., httpx.AsyncClient],
) -> None:
    class WithNamespace(QueryKeyClient):
        @cached_property
        def things(self) -> tuple[QueryKeyClient]:
            return (self,)

    client = WithNamespace(http_client=mock_http(ok))
    assert client.things[0] is client
    copy = client.with_options(timeout=1)
    assert copy.things[0] is copy
    assert client.things[0] is client


BAD_OPTIONS = [
    ({"timeout": 0}, "timeout must be a number of seconds > 0 or an httpx.Timeout"),
    ({"timeout": -1.0}, "timeout must be"),
    ({"timeout": "5"}, "timeout must be"),
    ({"timeout": float("nan")}, "timeout must be"),
    ({"timeout": float("inf")}, "timeout must be"),
    ({"timeout": True}, "timeout must be"),
    ({"timeout": httpx.Timeout(5.0, read=float("nan"))}, "timeout's read must be"),
    ({"deadline": "5"}, "deadline must be a number of seconds > 0"),
    ({"deadline": float("nan")}, "deadline must be"),
    ({"deadline": -3}, "deadline must be"),
    ({"deadline": 0}, "deadline must be"),
    ({"max_retries": -1}, "max_retries must be a whole number >= 0"),
    ({"max_retries": 2.5}, "max_retries must be"),
    ({"max_retries": "3"}, "max_retries must be"),
    ({"max_retries": True}, "max_retries must be"),
    ({"max_response_size": 0}, "max_response_size must be a number of bytes >= 1, or None"),
    ({"max_response_size": "1"}, "max_response_size must be"),
    ({"max_response_size": 2.5}, "max_response_size must be"),
]


@pytest.mark.parametrize(("option", "says"), BAD_OPTIONS)
def test_bad_options_are_refused_saying_what_is_accepted(
    option: dict[str, object], says: str
) -> None:
    with pytest.raises(jbcrm.ConfigurationError, match=re.escape(says)):
        jbcrm.Jetbuilt(JETBUILT_TOKEN, rate_limit=None, **option)  # type: ignore[arg-type]
    with pytest.raises(jbcrm.ConfigurationError, match=re.escape(says)):
        jbcrm.JetpackCRM(
            "https://crm.test",
            api_key="jpcrm_pk_0123456789abcdef",
            api_secret="jpcrm_sk_0123456789abcdef",
            **option,  # type: ignore[arg-type]
        )


@pytest.mark.parametrize(("option", "says"), BAD_OPTIONS)
async def test_with_options_refuses_bad_values_too(
    make_jetbuilt: MakeJetbuilt, option: dict[str, object], says: str
) -> None:
    with pytest.raises(jbcrm.ConfigurationError, match=re.escape(says)):
        make_jetbuilt(ok).with_options(**option)  # type: ignore[arg-type]


async def test_deadline_and_size_default_and_are_set_per_client_and_per_call(
    make_jetbuilt: MakeJetbuilt,
) -> None:
    client = make_jetbuilt(ok)
    assert (client._options.deadline, client._options.max_response_size) == (300.0, 50 * 2**20)
    tuned = make_jetbuilt(ok, deadline=20, max_response_size=1024)
    assert (tuned._options.deadline, tuned._options.max_response_size) == (20.0, 1024)
    copy = tuned.with_options(deadline=2.5)
    assert (copy._options.deadline, copy._options.max_response_size) == (2.5, 1024)
    assert copy.with_options(max_response_size=None)._options.max_response_size is None
    kept = copy.with_options(timeout=4)._options
    assert (kept.deadline, kept.max_response_size) == (2.5, 1024)
    assert make_jetbuilt(ok, max_response_size=1)._options.max_response_size == 1  # the least


def test_with_options_shows_that_a_size_left_out_is_kept() -> None:
    signature = inspect.signature(jbcrm.Jetbuilt.with_options)
    assert repr(signature.parameters["max_response_size"].default) == "KEEP"
    assert "max_response_size: 'int | None' = KEEP" in str(signature)


async def test_user_agent_names_jbcrm_httpx_and_python(make_jetbuilt: MakeJetbuilt) -> None:
    seen: list[httpx.Request] = []
    await make_jetbuilt(recording(seen))._send("GET", "company")
    agent = seen[0].headers["User-Agent"]
    assert re.fullmatch(r"jbcrm/\S+ httpx/\S+ python/\S+", agent)
    assert agent == (
        f"jbcrm/{jbcrm.__version__} httpx/{httpx.__version__} python/{platform.python_version()}"
    )


async def test_user_agent_is_overridable(make_jetbuilt: MakeJetbuilt) -> None:
    seen: list[httpx.Request] = []
    await make_jetbuilt(recording(seen), user_agent="acme-sync/2.0")._send("GET", "company")
    assert seen[0].headers["User-Agent"] == "acme-sync/2.0"


async def test_same_origin_redirects_are_followed_with_credentials(
    make_jetbuilt: MakeJetbuilt,
) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path == "/api/old":
            return httpx.Response(301, headers={"Location": f"{BASE_URL}/new"})
        return httpx.Response(200, json={"moved": True})

    result = await make_jetbuilt(handler)._send("GET", "old")
    assert result.data == {"moved": True}
    assert [r.url.path for r in seen] == ["/api/old", "/api/new"]
    assert seen[1].headers["Authorization"] == f"Token token={JETBUILT_TOKEN}"


async def test_a_redirect_that_would_turn_a_write_into_a_get_is_not_followed(
    make_jetbuilt: MakeJetbuilt,
) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(301, headers={"Location": f"{BASE_URL}/clients/"})

    with pytest.raises(APIError) as caught:
        await make_jetbuilt(handler)._send("POST", "clients", json={"company_name": "A"})
    assert [(r.method, r.url.path) for r in seen] == [("POST", "/api/clients")]
    assert caught.value.status == 301
    assert "turn into a GET" in str(caught.value)


@pytest.mark.parametrize("follow", [False, True], ids=["own-client", "caller-follows"])
async def test_redirects_never_forward_credentials_to_another_origin(
    follow: bool, mock_http: Callable[..., httpx.AsyncClient]
) -> None:
    seen: list[httpx.Request] = []
    location = f"https://elsewhere.test/api/x/?api_key={QUERY_KEY}&api_secret={QUERY_SECRET}"

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(301, headers={"Location": location})

    client = QueryKeyClient(http_client=mock_http(handler, follow_redirects=follow))
    with pytest.raises(jbcrm.CrossOriginError) as caught:
        await client._send("GET", "x")
    assert [r.url.host for r in seen] == ["crm.test"]
    error = caught.value
    assert error.status == 301
    assert error.url == "https://elsewhere.test/api/x/?api_key=***&api_secret=***"
    assert "elsewhere.test" in str(error)
    assert "base URL" in str(error)
    for secret in (QUERY_KEY, QUERY_SECRET):
        assert secret not in str(error)
        assert secret not in repr(error)


class Streamed(httpx.AsyncBaseTransport):
    """Answers as a server over the network does: each body still to be read."""

    def __init__(self, handler: Callable[[httpx.Request], httpx.Response]) -> None:
        self.handler = handler

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        answer = self.handler(request)
        return httpx.Response(
            answer.status_code, headers=answer.headers, stream=httpx.ByteStream(answer.content)
        )


async def test_a_streamed_same_origin_redirect_is_followed_to_its_answer(
    make_jetbuilt: MakeJetbuilt,
) -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.path)
        if request.url.path.endswith("/old"):
            return httpx.Response(307, headers={"Location": f"{BASE_URL}/new"}, text="moved")
        return httpx.Response(200, json={"id": 1})

    result = await make_jetbuilt(Streamed(handler))._send("GET", "old")
    assert result.data == {"id": 1}
    assert seen == ["/api/old", "/api/new"]


async def test_a_path_the_url_cannot_hold_is_refused_before_sending(
    make_jetbuilt: MakeJetbuilt,
) -> None:
    seen: list[httpx.Request] = []
    client = make_jetbuilt(lambda request: seen.append(request) or httpx.Response(200))
    with pytest.raises(jbcrm.InvalidArgumentError, match="cannot build a request URL") as caught:
        await client._send("GET", "projects/a\x00b")
    assert caught.value.cause_type == "InvalidURL"
    assert f"{BASE_URL}/projects/a" in str(caught.value)
    assert seen == []


async def test_a_path_is_joined_to_the_base_url_keeping_every_character_after_the_slash(
    make_jetbuilt: MakeJetbuilt,
) -> None:
    transport = make_jetbuilt(answer_ok)._transport
    assert transport.url("/Xrays") == f"{BASE_URL}/Xrays"
    assert transport.url("XX/y") == f"{BASE_URL}/XX/y"


@pytest.mark.parametrize("method", ["GET", "DELETE"])
async def test_a_link_to_another_origin_is_refused_naming_the_method_that_would_go_there(
    make_jetbuilt: MakeJetbuilt, method: str
) -> None:
    client = make_jetbuilt(answer_ok)
    with pytest.raises(jbcrm.CrossOriginError) as caught:
        await client._send(method, "https://elsewhere.test/api/x")
    assert caught.value.method == method
    with pytest.raises(jbcrm.CrossOriginError) as default:
        client._transport.url("https://elsewhere.test/api/x")
    assert default.value.method == "GET"


async def test_files_are_sent_as_a_multipart_upload(make_jetbuilt: MakeJetbuilt) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"ok": True})

    client = make_jetbuilt(handler)
    await client._send("POST", "files", files={"file": ("a.txt", b"hello", "text/plain")})
    assert seen[0].headers["Content-Type"].startswith("multipart/form-data; boundary=")
    assert b'filename="a.txt"' in seen[0].content
    assert b"hello" in seen[0].content


async def test_endless_same_origin_redirects_stop(make_jetbuilt: MakeJetbuilt) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(302, headers={"Location": f"{BASE_URL}/again"})

    with pytest.raises(APIError) as caught:
        await make_jetbuilt(handler)._send("GET", "loop")
    assert caught.value.status == 302
    assert len(seen) == 6


async def test_the_debug_line_gives_the_request_time_and_the_limiter_wait_in_milliseconds(
    make_jetbuilt: MakeJetbuilt, caplog: pytest.LogCaptureFixture
) -> None:
    async def handler(request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(0.05)
        return httpx.Response(200, json={"ok": True})

    caplog.set_level(logging.DEBUG, logger="jbcrm")
    client = make_jetbuilt(handler, rate_limit=SlidingWindowLimiter(1, 0.6))
    await client._send("GET", "one")
    await client._send("GET", "two")  # waits for the window: 0.6 s after the first began
    lines = [r.getMessage() for r in caplog.records if r.name == "jbcrm"]
    found = re.search(r" in ([\d.]+) ms \(attempt 1, waited ([\d.]+) ms", lines[1])
    assert found is not None
    took, waited = float(found[1]), float(found[2])
    # Bounds, not speed: at least the handler's 50 ms and the window's rest; far below a minute.
    assert 50 <= took < 60_000
    assert 100 <= waited < 60_000


async def test_one_debug_line_per_attempt(
    make_jetbuilt: MakeJetbuilt, caplog: pytest.LogCaptureFixture
) -> None:
    answers = iter(
        [
            httpx.Response(503, text="busy"),
            httpx.ConnectError("refused"),
            httpx.Response(200, json={"ok": True}),
        ]
    )

    def handler(request: httpx.Request) -> httpx.Response:
        answer = next(answers)
        if isinstance(answer, Exception):
            raise answer
        return answer

    caplog.set_level(logging.DEBUG, logger="jbcrm")
    client = make_jetbuilt(handler, rate_limit=SlidingWindowLimiter(10, 1.0))
    await client._send("GET", "projects", params={"page": 2})
    lines = [r.getMessage() for r in caplog.records if r.name == "jbcrm"]
    assert len(lines) == 3
    url = f"{BASE_URL}/projects?page=2"
    assert lines[0].startswith(f"GET {url} -> 503 in ")
    assert lines[1].startswith(f"GET {url} -> ConnectError in ")
    assert lines[2].startswith(f"GET {url} -> 200 in ")
    for attempt, line in enumerate(lines, start=1):
        assert f"(attempt {attempt}, waited " in line
        assert line.endswith("ms for the limiter)")


async def test_absolute_urls_keep_their_query(make_client: MakeClient) -> None:
    seen: list[httpx.Request] = []
    client = make_client(recording(seen))
    await client._send("GET", "https://crm.test/api/items?page=3", params={"perpage": 5})
    params = dict(seen[0].url.params)
    assert params == {"page": "3", "perpage": "5", "api_key": QUERY_KEY, "api_secret": QUERY_SECRET}
    assert repr(client._transport) == "Transport(base_url='https://crm.test/api/')"
    assert repr(JetbuiltResource(client)) == "<JetbuiltResource resource>"


@pytest.mark.parametrize("base", ["https://jb.test/X", "https://jb.test/X/", "https://jb.test/X//"])
async def test_a_base_url_with_or_without_trailing_slashes_joins_paths_with_one(
    make_jetbuilt: MakeJetbuilt, base: str
) -> None:
    assert make_jetbuilt(answer_ok, base_url=base)._transport.url("y") == "https://jb.test/X/y"


async def test_every_request_asks_only_for_encodings_the_body_reader_can_bound(
    make_jetbuilt: MakeJetbuilt,
) -> None:
    seen: list[httpx.Request] = []
    client = make_jetbuilt(lambda request: seen.append(request) or answer_ok(request))
    await client._send("GET", "projects")
    assert seen[0].headers["Accept-Encoding"] == ACCEPT_ENCODING


def test_a_user_agent_that_is_no_header_value_is_refused_naming_the_option() -> None:
    with pytest.raises(jbcrm.ConfigurationError, match=r"^user_agent must be"):
        jbcrm.Jetbuilt(JETBUILT_TOKEN, rate_limit=None, user_agent="bad\nagent")


async def test_a_closed_client_says_so_instead_of_a_bare_runtime_error() -> None:
    client = jbcrm.Jetbuilt(JETBUILT_TOKEN, rate_limit=None, base_url=BASE_URL)
    await client.aclose()
    with pytest.raises(jbcrm.ClientClosedError, match="closed") as caught:
        await client.company.get()
    assert caught.value.hint is not None
    assert "async with" in caught.value.hint


async def test_a_next_link_that_is_not_a_url_is_a_typed_error(
    make_jetbuilt: Callable[..., jbcrm.Jetbuilt],
) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200, json=[{"id": 1}], headers={"Link": '<http://[::1/x?page=2>; rel="next"'}
        )

    client = make_jetbuilt(handler)
    with pytest.raises(jbcrm.InvalidArgumentError, match="cannot build a request URL"):
        await client.users.list().to_list()


async def test_closing_a_with_options_copy_leaves_the_parent_open(
    make_jetbuilt: MakeJetbuilt,
) -> None:
    client = make_jetbuilt(ok)
    async with client.with_options(timeout=5) as fast:
        assert (await fast._send("GET", "company")).data == {"ok": True}
    assert not client._transport.closed
    assert (await client._send("GET", "company")).data == {"ok": True}
    with pytest.raises(jbcrm.ClientClosedError, match="copy"):
        await fast._send("GET", "company")
    # A new copy of the open parent works.
    assert (await client.with_options(timeout=5)._send("GET", "company")).data == {"ok": True}


async def test_closing_the_owner_closes_the_pool_for_every_copy() -> None:
    owned = jbcrm.Jetbuilt(JETBUILT_TOKEN, base_url=BASE_URL, rate_limit=None)
    copy = owned.with_options(timeout=2)
    await owned.aclose()
    with pytest.raises(jbcrm.ClientClosedError):
        await copy._send("GET", "company")


async def test_every_redirect_hop_takes_its_own_limiter_slot(
    make_jetbuilt: MakeJetbuilt,
) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        hops = {"/api/a": "/api/b", "/api/b": "/api/c"}
        if request.url.path in hops:
            return httpx.Response(
                302, headers={"Location": f"https://jb.test{hops[request.url.path]}"}
            )
        return httpx.Response(200, json={"ok": True})

    limiter = SlidingWindowLimiter(10, 1.0)
    client = make_jetbuilt(handler, rate_limit=limiter)
    assert (await client._send("GET", "a")).data == {"ok": True}
    assert limiter.stats.requests == 3
    assert limiter.stats.in_flight == 0


async def test_aclose_while_waiting_in_the_limiter_raises_client_closed_error(
    make_jetbuilt: MakeJetbuilt,
) -> None:
    release = asyncio.Event()

    async def handler(request: httpx.Request) -> httpx.Response:
        await release.wait()
        return httpx.Response(200, json={"ok": True})

    async def send_then_count_cancellations() -> int:
        with pytest.raises(jbcrm.ClientClosedError):
            await client._send("GET", "two")
        task = asyncio.current_task()
        assert task is not None
        # Python 3.10 keeps no count of cancellation requests (nor an asyncio.timeout to read it).
        return task.cancelling() if sys.version_info >= (3, 11) else 0

    client = make_jetbuilt(handler, rate_limit=SlidingWindowLimiter(1, 0.05))
    first = asyncio.ensure_future(client._send("GET", "one"))
    waiting = asyncio.ensure_future(send_then_count_cancellations())
    await asyncio.sleep(0.05)
    await client.aclose()
    # Raised at once (the slot the waiter wants is still held), and the task is not left
    # marked as cancelling by aclose()'s own cancellation (asyncio.timeout reads that mark).
    assert await asyncio.wait_for(waiting, 5) == 0
    release.set()
    await asyncio.gather(first, return_exceptions=True)


@pytest.mark.parametrize("closing", [False, True], ids=["open", "closing-at-once"])
async def test_a_caller_cancelling_a_limiter_wait_still_gets_cancelled_error(
    make_jetbuilt: MakeJetbuilt, closing: bool
) -> None:
    release = asyncio.Event()

    async def handler(request: httpx.Request) -> httpx.Response:
        await release.wait()
        return httpx.Response(200, json={"ok": True})

    client = make_jetbuilt(handler, rate_limit=SlidingWindowLimiter(1, 0.05))
    first = asyncio.ensure_future(client._send("GET", "one"))
    waiting = asyncio.ensure_future(client._send("GET", "two"))
    await asyncio.sleep(0.05)
    waiting.cancel()
    if closing:  # aclose()'s own cancellation comes in the same instant: the caller's stays
        await client.aclose()
    with pytest.raises(asyncio.CancelledError):
        await waiting
    release.set()
    assert (await first).data == {"ok": True}


async def test_a_request_cancelled_in_flight_under_debug_logging_logs_cancelled_and_stays_cancelled(
    make_jetbuilt: MakeJetbuilt, caplog: pytest.LogCaptureFixture
) -> None:
    started = asyncio.Event()

    async def handler(request: httpx.Request) -> httpx.Response:
        started.set()
        await asyncio.Event().wait()
        raise AssertionError("never answers")

    caplog.set_level(logging.DEBUG, logger="jbcrm")
    client = make_jetbuilt(handler)
    sending = asyncio.ensure_future(client._send("GET", "projects"))
    await asyncio.wait_for(started.wait(), 5.0)
    sending.cancel()
    with pytest.raises(asyncio.CancelledError):
        await sending
    lines = [r.getMessage() for r in caplog.records if r.name == "jbcrm"]
    assert len(lines) == 1
    assert lines[0].startswith(f"GET {BASE_URL}/projects -> cancelled in ")


async def test_a_retry_that_outlives_the_deadline_logs_deadline_and_names_its_attempt(
    make_jetbuilt: MakeJetbuilt, caplog: pytest.LogCaptureFixture
) -> None:
    answers = iter([httpx.Response(503, headers={"Retry-After": "0"})])

    async def handler(request: httpx.Request) -> httpx.Response:
        for answer in answers:
            return answer
        await asyncio.Event().wait()  # the second attempt never gets an answer
        raise AssertionError("unreachable")

    caplog.set_level(logging.DEBUG, logger="jbcrm")
    client = make_jetbuilt(handler, deadline=0.3)
    with pytest.raises(jbcrm.APITimeoutError) as caught:
        await asyncio.wait_for(client._send("GET", "projects"), 5.0)
    assert caught.value.attempts == 2
    lines = [r.getMessage() for r in caplog.records if r.name == "jbcrm"]
    assert [line.split(" -> ")[1].split(" ")[0] for line in lines] == ["503", "deadline"]


async def test_a_body_over_max_response_size_after_a_retry_names_its_request_with_an_excerpt(
    make_jetbuilt: MakeJetbuilt, caplog: pytest.LogCaptureFixture
) -> None:
    answers = iter(
        [
            httpx.Response(503, text="busy"),
            # Not UTF-8: the excerpt shows replacement characters, nothing raises.
            httpx.Response(200, content=b"\xff\xfe" + b"x" * 5000),
        ]
    )
    client = make_jetbuilt(lambda request: next(answers), max_response_size=1000)
    caplog.set_level(logging.DEBUG, logger="jbcrm")
    with pytest.raises(jbcrm.ResponseTooLargeError) as caught:
        await client._send("GET", "projects")
    lines = [r.getMessage() for r in caplog.records if r.name == "jbcrm"]
    assert [line.split(" -> ")[1].split(" in ")[0] for line in lines] == ["503", "too large"]
    error = caught.value
    assert (error.method, error.url, error.status) == ("GET", f"{BASE_URL}/projects", 200)
    assert error.limit == 1000
    assert "larger than max_response_size (1,000 bytes" in str(error)
    assert error.hint is not None
    assert "max_response_size" in error.hint
    assert error.excerpt.startswith("\ufffd\ufffdxxx")


async def test_a_delete_answered_500_then_404_counts_as_done(make_jetbuilt: MakeJetbuilt) -> None:
    # A 500 may come after the server deleted the record: the retry's 404 means it is gone.
    answers = iter([httpx.Response(500, text="oops"), httpx.Response(404, json={})])
    client = make_jetbuilt(lambda request: next(answers))
    result = await client._send("DELETE", "projects/7")
    assert result.response.status_code == 404
    assert result.data is None


async def test_aclose_closes_the_limiter_the_client_built_for_itself_and_no_other(
    make_jetbuilt: MakeJetbuilt, monkeypatch: pytest.MonkeyPatch
) -> None:
    closed: list[object] = []

    async def record_close(limiter: object) -> None:
        closed.append(limiter)

    monkeypatch.setattr(RedisSlidingWindowLimiter, "aclose", record_close)
    # A Redis limiter is the client's own (built from its RateLimit): closed with it.
    own = make_jetbuilt(answer_ok, rate_limit=RateLimit(5, redis_url="redis://127.0.0.1:9/0"))
    await own.aclose()
    assert closed == [own._transport.limiter]
    # One the caller passed in may serve other clients: left open.
    given = RedisSlidingWindowLimiter(5, 1.0, redis_url="redis://127.0.0.1:9/0")
    await make_jetbuilt(answer_ok, rate_limit=given).aclose()
    assert closed == [own._transport.limiter]
    monkeypatch.undo()
    await given.aclose()


def answer_ok(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, json={"ok": True})


async def test_aclose_during_backoff_raises_client_closed_error_at_once(
    make_jetbuilt: MakeJetbuilt,
) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(503, text="busy", headers={"Retry-After": "30"})

    client = make_jetbuilt(handler)
    sleeping = asyncio.ensure_future(client._send("GET", "projects"))
    await asyncio.sleep(0.05)
    assert len(seen) == 1
    await client.aclose()
    # Far sooner than the 30 s backoff: aclose wakes the sleeper.
    with pytest.raises(jbcrm.ClientClosedError):
        await asyncio.wait_for(sleeping, 5)
    assert len(seen) == 1
