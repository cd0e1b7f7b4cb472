"""Fixtures of the Jetbuilt resource tests: a client without limiter or retries, one that
retries at once, and a respx router on the production base URL."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import attrs
import pytest
import respx

from jbcrm import JETBUILT_PRODUCTION_URL, Jetbuilt
from jbcrm._core.retry import RetryPolicy
from tests.leak_guard import JETBUILT_TOKEN


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "operation(name): the Jetbuilt operation (e.g. 'projects.items.list') tested"
    )


@pytest.fixture
async def jb() -> AsyncIterator[Jetbuilt]:
    async with Jetbuilt(JETBUILT_TOKEN, rate_limit=None, max_retries=0) as client:
        yield client


@pytest.fixture
async def jb_retrying() -> AsyncIterator[Jetbuilt]:
    """Two retries with no backoff sleep, so retry behaviour is tested without waiting."""
    async with Jetbuilt(JETBUILT_TOKEN, rate_limit=None, max_retries=2) as client:
        policy = RetryPolicy(max_retries=2, backoff_base=0.0, backoff_cap=0.0)
        client._options = attrs.evolve(client._options, retry=policy)
        yield client


@pytest.fixture
def api() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=JETBUILT_PRODUCTION_URL, assert_all_called=True) as router:
        yield router
