"""Fixtures shared by every test package: the secret-leak guard (on for every test), fake HTTP
servers, quick clients, captured logs."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any

import attrs
import httpx
import pytest

import jbcrm
from jbcrm._core.client import BaseClient
from jbcrm._core.errors import JBCRMError
from jbcrm._core.redact import Redactor, install_log_filter
from tests.leak_guard import (
    JETBUILT_TOKEN,
    SANDBOX_KEY,
    SANDBOX_SECRET,
    SANDBOX_TOKEN,
    SHIPPED,
    LeakGuard,
    RecordLines,
    recording_init,
)

__all__ = ["BASE_URL", "JETBUILT_TOKEN", "Handler", "fast_retries"]

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


@pytest.fixture(autouse=True)
def leak_guard(monkeypatch: pytest.MonkeyPatch) -> Iterator[LeakGuard]:
    """Every test runs with every logger at DEBUG and every jbcrm error recorded; at teardown no
    record and nothing an error shows (its chain and traceback included) may hold a secret."""
    guard = LeakGuard()
    monkeypatch.setattr(JBCRMError, "__init__", recording_init(guard))
    with _every_logger_at_debug(RecordLines(guard.records)):
        yield guard
    problems = guard.leaks()
    if problems:
        pytest.fail("a secret leaked:\n" + "\n".join(problems), pytrace=False)


@contextlib.contextmanager
def _every_logger_at_debug(handler: logging.Handler) -> Iterator[None]:
    root = logging.getLogger()
    loggers = [root] + [
        logger for logger in root.manager.loggerDict.values() if isinstance(logger, logging.Logger)
    ]
    saved = [(logger, logger.level, logger.disabled) for logger in loggers]
    # Records of a logger that does not propagate never reach the root's handlers.
    isolated = [logger for logger in loggers if logger is root or not logger.propagate]
    for logger in loggers:
        logger.setLevel(logging.DEBUG)
        logger.disabled = False
    for logger in isolated:
        logger.addHandler(handler)
    try:
        yield
    finally:
        for logger in isolated:
            logger.removeHandler(handler)
        for logger, level, disabled in saved:
            logger.setLevel(level)
            logger.disabled = disabled


@pytest.fixture
def plain_httpx_scrubbed() -> Redactor:
    """For a test that talks to a simulated server with plain httpx, which logs every URL at
    INFO with its credentials: the SDK's log filter, as an SDK client would install it, and a
    live redactor of the sandbox credentials (pytest holds it until the test ends), so that the
    leak guard still sees only what jbcrm itself lets through."""
    install_log_filter()
    return Redactor([SANDBOX_TOKEN, SANDBOX_KEY, SANDBOX_SECRET, *SHIPPED])


@pytest.fixture
def all_logs(leak_guard: LeakGuard) -> list[str]:
    """Every record of every logger at DEBUG, formatted as ``name LEVEL message``."""
    return leak_guard.records
