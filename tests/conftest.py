"""Fixtures shared by every test package: fake HTTP servers, quick clients, captured logs."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any

import attrs
import httpx
import pytest

import jbcrm
from jbcrm._core.client import BaseClient

#: The Jetbuilt token every test client uses; it must never show up in logs or errors.
JETBUILT_TOKEN = "jb-secret-token-4f1d9a"
BASE_URL = "https://jb.test/api"

Handler = Callable[[httpx.Request], httpx.Response | Awaitable[httpx.Response]]


def fast_retries(client: BaseClient) -> None:
    """Make ``client``'s retry backoff tiny (milliseconds), keeping its other settings."""
    options = client._options
    client._options = attrs.evolve(
        options, retry=attrs.evolve(options.retry, backoff_base=0.001, backoff_cap=0.004)
    )


@pytest.fixture
async def mock_http() -> AsyncIterator[Callable[[Handler], httpx.AsyncClient]]:
    """Makes ``httpx.AsyncClient`` objects answered by a handler in process (closed after)."""
    clients: list[httpx.AsyncClient] = []

    def make(handler: Handler, **options: Any) -> httpx.AsyncClient:
        transport = handler if isinstance(handler, httpx.AsyncBaseTransport) else None
        client = httpx.AsyncClient(transport=transport or httpx.MockTransport(handler), **options)
        clients.append(client)
        return client

    yield make
    for client in clients:
        await client.aclose()


@pytest.fixture
async def make_jetbuilt(
    mock_http: Callable[..., httpx.AsyncClient],
) -> AsyncIterator[Callable[..., jbcrm.Jetbuilt]]:
    """Makes ``Jetbuilt`` clients against a handler (or an ``httpx`` transport): no rate limit
    unless given, millisecond retry backoff, closed after the test."""
    clients: list[jbcrm.Jetbuilt] = []

    def make(handler: Handler | httpx.AsyncBaseTransport, **options: Any) -> jbcrm.Jetbuilt:
        options.setdefault("rate_limit", None)
        options.setdefault("base_url", BASE_URL)
        client = jbcrm.Jetbuilt(JETBUILT_TOKEN, http_client=mock_http(handler), **options)
        fast_retries(client)
        clients.append(client)
        return client

    yield make
    for client in clients:
        await client.aclose()


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@pytest.fixture
def all_logs() -> Iterator[list[str]]:
    """Every record of every logger at DEBUG, as a handler on the root logger formats it."""
    root = logging.getLogger()
    handler = _Collect()
    previous = root.level
    root.setLevel(logging.DEBUG)
    root.addHandler(handler)
    try:
        yield handler.lines
    finally:
        root.removeHandler(handler)
        root.setLevel(previous)
