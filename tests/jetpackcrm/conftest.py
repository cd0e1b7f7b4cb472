"""Shared set-up of the Jetpack CRM tests: mocked sites and their credentials.

Clients are made here only (``make_client``, the ``crm`` fixture, ``recorded_site`` for the
recorded exchanges, ``sandbox_client`` for the simulated site), with the suite's credentials.
The suite's leak guard (``tests/conftest.py``) checks every log record and error for them;
:func:`expect` also checks the one error a test expects, on the spot.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import attrs
import httpx
import pytest
import respx

from jbcrm.jetpackcrm import JetpackCRM
from jbcrm.sandbox import JetpackSandbox
from tests.leak_guard import JETPACK_KEY as KEY
from tests.leak_guard import JETPACK_SECRET as SECRET
from tests.recorded_exchanges import Exchange, exchange

SITE = "https://crm.example.com"
API = f"{SITE}/zbs_api"
CREDENTIALS = {"api_key": KEY, "api_secret": SECRET}
FIXTURES = Path(__file__).parent / "fixtures"


def fixture(name: str) -> Any:
    """A JSON document from ``fixtures/``."""
    return json.loads((FIXTURES / f"{name}.json").read_text())


def assert_no_secret(text: str) -> None:
    assert SECRET not in text
    assert KEY not in text


def check_exception(exc: BaseException) -> None:
    """Neither the string, the repr nor any shown field of ``exc`` holds a credential."""
    for value in (str(exc), repr(exc), *(str(v) for v in vars(exc).values())):
        assert_no_secret(value)


@contextlib.contextmanager
def expect(kind: type[BaseException]) -> Iterator[pytest.ExceptionInfo[Any]]:
    """``pytest.raises`` that also checks the error for leaked credentials."""
    with pytest.raises(kind) as info:
        yield info
    check_exception(info.value)


def make_client(**options: Any) -> JetpackCRM:
    """A client of the mocked site, without rate limit or retry sleeps unless asked."""
    settings: dict[str, Any] = {"rate_limit": None, **CREDENTIALS, **options}
    client = JetpackCRM(settings.pop("site_url", SITE), **settings)
    retry = attrs.evolve(client._options.retry, backoff_base=0.0)
    client._options = attrs.evolve(client._options, retry=retry)
    return client


@pytest.fixture
async def crm() -> AsyncIterator[JetpackCRM]:
    async with make_client() as client:
        yield client


@pytest.fixture
def site() -> Iterator[respx.MockRouter]:
    """The mocked site; every request must match a route."""
    with respx.mock(assert_all_called=False) as router:
        yield router


class RecordedSite:
    """A site that answers each request with the next recorded exchange (then ``[]``), and
    keeps the requests it was sent.

    A request for a later page than the next recording asks for (the paginator checking that a
    short first page was the end) is answered ``[]``, as the plugin answers past the end,
    without using up a recording."""

    def __init__(self, *names: str) -> None:
        self.exchanges: list[Exchange] = [exchange(name) for name in names]
        self.requests: list[httpx.Request] = []
        self._answered = 0

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if self._answered >= len(self.exchanges):
            return httpx.Response(200, json=[], request=request)
        recorded = self.exchanges[self._answered]
        if _asked_page(request) > _recorded_page(recorded):
            return httpx.Response(200, json=[], request=request)
        self._answered += 1
        return recorded.response(request, KEY, SECRET)


def _asked_page(request: httpx.Request) -> int:
    """The page a list request asks for, in its JSON body or query (1 when it names none)."""
    try:
        sent = json.loads(request.content) if request.content else None
    except ValueError:
        sent = None
    return _page_number(sent, dict(request.url.params))


def _recorded_page(recorded: Exchange) -> int:
    # The plugin serves the first page for page 0 and negative pages.
    return max(1, _page_number(recorded.sent_json(), dict(recorded.params(KEY, SECRET))))


def _page_number(sent: Any, query: dict[str, str]) -> int:
    page = sent.get("page") if isinstance(sent, dict) else query.get("page")
    try:
        return int(page) if page is not None else 1
    except (TypeError, ValueError):
        return 1


@pytest.fixture
async def recorded_site() -> AsyncIterator[Any]:
    """Makes ``(site, client)``: a client of a site answering with the named recordings."""
    pools: list[httpx.AsyncClient] = []

    def make(*names: str, **options: Any) -> tuple[RecordedSite, JetpackCRM]:
        site = RecordedSite(*names)
        pools.append(httpx.AsyncClient(transport=httpx.MockTransport(site)))
        return site, make_client(http_client=pools[-1], **options)

    yield make
    for pool in pools:
        await pool.aclose()


@pytest.fixture
def jetpack_sandbox() -> JetpackSandbox:
    """The simulated reference site (the recorded one), accepting the test credentials."""
    return JetpackSandbox(data="reference", api_key=KEY, api_secret=SECRET)


@pytest.fixture
async def sandbox_client(jetpack_sandbox: JetpackSandbox) -> AsyncIterator[JetpackCRM]:
    """A client of ``jetpack_sandbox``, reached in-process."""
    http = httpx.AsyncClient(transport=jetpack_sandbox.transport())
    async with http, make_client(site_url=jetpack_sandbox.base_url, http_client=http) as client:
        yield client


def query(request: Any) -> dict[str, str]:
    """A request's query parameters as a plain dict."""
    return dict(request.url.params)


def body(request: Any) -> Any:
    return json.loads(request.content) if request.content else None
