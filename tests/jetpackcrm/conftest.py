"""Shared set-up of the Jetpack CRM tests: a mocked site and its credentials.

The suite's leak guard (``tests/conftest.py``) checks every log record and error for the key
and secret; :func:`expect` also checks the one error a test expects, on the spot.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
import respx

from jbcrm.jetpackcrm import JetpackCRM
from tests.leak_guard import JETPACK_KEY as KEY
from tests.leak_guard import JETPACK_SECRET as SECRET

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


def query(request: Any) -> dict[str, str]:
    """A request's query parameters as a plain dict."""
    return dict(request.url.params)


def body(request: Any) -> Any:
    return json.loads(request.content) if request.content else None
