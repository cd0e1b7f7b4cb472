"""Pytest fixtures for code that uses jbcrm (registered as the ``jbcrm`` pytest plugin).

Installing jbcrm with the ``sandbox`` extra makes six fixtures available to every test:
``jetbuilt_sandbox`` and ``jetpack_sandbox`` (fresh simulated servers with small seeded data),
``jetbuilt_client`` and ``jetpack_client`` (open SDK clients wired to them in-process, no
network, no rate limit), and ``sync_jetbuilt_client`` and ``sync_jetpack_client`` (the same,
blocking, for code that uses :class:`~jbcrm.SyncJetbuilt` / :class:`~jbcrm.SyncJetpackCRM`).
Fault knobs are live::

    async def test_survives_flaky_server(jetbuilt_sandbox, jetbuilt_client):
        jetbuilt_sandbox.faults = jbcrm.sandbox.Faults(error_rate=0.3, seed=7)
        projects = await jetbuilt_client.projects.list().to_list()

To change a fixture's defaults (data size, seed, rate limit), define a fixture of the same
name in your ``conftest.py``. jbcrm itself is imported only when a fixture is used, so the
plugin costs nothing in test suites that do not use it.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

import pytest

if TYPE_CHECKING:
    import httpx

    from jbcrm._blocking import SyncJetbuilt, SyncJetpackCRM
    from jbcrm._blocking._client import SyncClient
    from jbcrm._core.client import BaseClient
    from jbcrm.jetbuilt.client import Jetbuilt
    from jbcrm.jetpackcrm.client import JetpackCRM
    from jbcrm.sandbox import JetbuiltSandbox, JetpackSandbox

__all__ = [
    "jetbuilt_client",
    "jetbuilt_sandbox",
    "jetpack_client",
    "jetpack_sandbox",
    "sync_jetbuilt_client",
    "sync_jetpack_client",
]

A = TypeVar("A", bound="BaseClient")
C = TypeVar("C", bound="SyncClient[Any]")
S = TypeVar("S", "JetbuiltSandbox", "JetpackSandbox")

#: Small enough to build in milliseconds: 60 projects and 15 clients, 25 customers.
SANDBOX_SCALE = 0.05
SANDBOX_SEED = 1
JETBUILT_TOKEN = "sandbox-token"


def _async_fixture(func: Callable[..., Any]) -> Any:
    """An async fixture usable in pytest-asyncio's strict mode as well as in auto mode."""
    try:
        import pytest_asyncio
    except ImportError:
        return pytest.fixture(func)
    return pytest_asyncio.fixture(func)


@pytest.fixture
def jetbuilt_sandbox() -> JetbuiltSandbox:
    """A fresh simulated Jetbuilt server (60 projects, 15 clients; seed 1) with no rate limit.

    It accepts the token ``sandbox-token``; writes persist for the test. Set ``.faults`` to a
    :class:`jbcrm.sandbox.Faults` to add latency, 5xx errors, resets or stalls, and read
    ``.store`` to check what your code wrote.
    """
    from jbcrm.sandbox import JetbuiltSandbox

    return JetbuiltSandbox(
        seed=SANDBOX_SEED, scale=SANDBOX_SCALE, api_key=JETBUILT_TOKEN, rate_limit=None
    )


@pytest.fixture
def jetpack_sandbox() -> JetpackSandbox:
    """A fresh simulated Jetpack CRM site (25 customers and their companies, quotes,
    invoices, transactions and events; seed 1), with the plugin's real quirks.

    Its credentials are ``.api_key`` and ``.api_secret``; set ``.faults`` to add faults and
    read ``.store`` to check what your code wrote (plain dict rows, e.g.
    ``.store.contact_by_email("a@b.com")["fields"]["fname"]``).
    """
    from jbcrm.sandbox import JetpackSandbox

    return JetpackSandbox(seed=SANDBOX_SEED, scale=SANDBOX_SCALE)


@_async_fixture
async def jetbuilt_client(jetbuilt_sandbox: JetbuiltSandbox) -> AsyncIterator[Jetbuilt]:
    """An open :class:`jbcrm.Jetbuilt` talking to ``jetbuilt_sandbox`` in-process.

    No client-side rate limit, so tests run at full speed; closed after the test.
    """
    from jbcrm.jetbuilt.client import Jetbuilt

    async with _opened(Jetbuilt, jetbuilt_sandbox, _jetbuilt_arguments) as client:
        yield client


@_async_fixture
async def jetpack_client(jetpack_sandbox: JetpackSandbox) -> AsyncIterator[JetpackCRM]:
    """An open :class:`jbcrm.JetpackCRM` talking to ``jetpack_sandbox`` in-process.

    No client-side rate limit, so tests run at full speed; closed after the test.
    """
    from jbcrm.jetpackcrm.client import JetpackCRM

    async with _opened(JetpackCRM, jetpack_sandbox, _jetpack_arguments) as client:
        yield client


@pytest.fixture
def sync_jetbuilt_client(jetbuilt_sandbox: JetbuiltSandbox) -> Iterator[SyncJetbuilt]:
    """An open :class:`jbcrm.SyncJetbuilt` talking to ``jetbuilt_sandbox`` in-process, for
    code that uses the blocking client (plain ``def`` tests).

    No client-side rate limit, so tests run at full speed; closed after the test.
    """
    from jbcrm._blocking import SyncJetbuilt

    with _blocking(SyncJetbuilt, jetbuilt_sandbox, _jetbuilt_arguments) as client:
        yield client


@pytest.fixture
def sync_jetpack_client(jetpack_sandbox: JetpackSandbox) -> Iterator[SyncJetpackCRM]:
    """An open :class:`jbcrm.SyncJetpackCRM` talking to ``jetpack_sandbox`` in-process, for
    code that uses the blocking client (plain ``def`` tests).

    No client-side rate limit, so tests run at full speed; closed after the test.
    """
    from jbcrm._blocking import SyncJetpackCRM

    with _blocking(SyncJetpackCRM, jetpack_sandbox, _jetpack_arguments) as client:
        yield client


def _jetbuilt_arguments(sandbox: JetbuiltSandbox, http: httpx.AsyncClient) -> dict[str, Any]:
    """What both Jetbuilt clients are opened with: no client-side rate limit (tests run at
    full speed), the sandbox reached in-process through ``http``."""
    return {
        "api_key": JETBUILT_TOKEN,
        "base_url": sandbox.base_url,
        "rate_limit": None,
        "http_client": http,
    }


def _jetpack_arguments(sandbox: JetpackSandbox, http: httpx.AsyncClient) -> dict[str, Any]:
    """What both Jetpack CRM clients are opened with (the in-process transport never leaves
    this process, whatever the host name)."""
    return {
        "site_url": sandbox.base_url,
        "api_key": sandbox.api_key,
        "api_secret": sandbox.api_secret,
        "rate_limit": None,
        "http_client": http,
    }


@contextlib.asynccontextmanager
async def _opened(
    client: Callable[..., A],
    sandbox: S,
    arguments: Callable[[S, httpx.AsyncClient], dict[str, Any]],
) -> AsyncIterator[A]:
    """An open async ``client`` reaching ``sandbox`` in-process."""
    import httpx

    async with (
        httpx.AsyncClient(transport=sandbox.transport()) as http,
        client(**arguments(sandbox, http)) as opened,
    ):
        yield opened


@contextlib.contextmanager
def _blocking(
    client: Callable[..., C],
    sandbox: S,
    arguments: Callable[[S, httpx.AsyncClient], dict[str, Any]],
) -> Iterator[C]:
    """An open blocking ``client`` reaching ``sandbox`` in-process; its pool is closed on the
    sync clients' event loop, where it ran."""
    import httpx

    from jbcrm._blocking._loop import process_loop

    http = httpx.AsyncClient(transport=sandbox.transport())
    try:
        with client(**arguments(sandbox, http)) as opened:
            yield opened
    finally:
        process_loop().call(http.aclose)
