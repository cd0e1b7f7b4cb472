"""A fresh simulated Jetpack CRM per test, reached in-process with plain httpx."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from jbcrm.sandbox import JetpackSandbox
from tests.leak_guard import SANDBOX_KEY, SANDBOX_SECRET


@pytest.fixture
def sandbox() -> JetpackSandbox:
    return JetpackSandbox(api_key=SANDBOX_KEY, api_secret=SANDBOX_SECRET)


@pytest.fixture
async def client(sandbox: JetpackSandbox) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(
        transport=sandbox.transport(), base_url=sandbox.base_url
    ) as client:
        yield client


@pytest.fixture
def auth(sandbox: JetpackSandbox) -> dict[str, str]:
    """The query parameters every authenticated call carries."""
    return {"api_key": sandbox.api_key, "api_secret": sandbox.api_secret}
