"""A fresh simulated Jetbuilt per test, reached in-process with plain httpx."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from jbcrm.sandbox import JetbuiltSandbox
from tests.leak_guard import SANDBOX_TOKEN as TOKEN

HEADERS = {"Authorization": f"Token token={TOKEN}", "Accept": "application/vnd.jetbuilt.v1"}


@pytest.fixture
def sandbox() -> JetbuiltSandbox:
    return JetbuiltSandbox(seed=7, scale=0.25, api_key=TOKEN, rate_limit=None)


@pytest.fixture
async def client(sandbox: JetbuiltSandbox) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(
        transport=sandbox.transport(), base_url=sandbox.base_url, headers=HEADERS
    ) as client:
        yield client
