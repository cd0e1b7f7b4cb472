"""Fixtures for the SDK-against-sandbox tests: a small seeded Jetbuilt company and a client."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

import jbcrm
from jbcrm.jetpackcrm import JetpackCRM
from jbcrm.sandbox import JetbuiltSandbox, JetpackSandbox
from tests.leak_guard import SANDBOX_KEY, SANDBOX_SECRET, SANDBOX_TOKEN

#: Small enough to seed in milliseconds, large enough that every list spans pages.
SCALE = 0.05


@pytest.fixture
def jb_sandbox() -> JetbuiltSandbox:
    """A Jetbuilt sandbox without a rate limit, so resource tests run at full speed."""
    return JetbuiltSandbox(seed=7, scale=SCALE, api_key=SANDBOX_TOKEN, rate_limit=None)


@pytest.fixture
async def jetbuilt(jb_sandbox: JetbuiltSandbox) -> AsyncIterator[jbcrm.Jetbuilt]:
    """A Jetbuilt client reaching `jb_sandbox` in-process."""
    http = httpx.AsyncClient(transport=jb_sandbox.transport())
    async with http:
        yield jbcrm.Jetbuilt(
            jb_sandbox.api_key, base_url=jb_sandbox.base_url, rate_limit=None, http_client=http
        )


@pytest.fixture
def jp_sandbox() -> JetpackSandbox:
    """A small Jetpack CRM site without a rate limit."""
    return JetpackSandbox(seed=7, scale=SCALE, api_key=SANDBOX_KEY, api_secret=SANDBOX_SECRET)


@pytest.fixture
async def jetpack(jp_sandbox: JetpackSandbox) -> AsyncIterator[JetpackCRM]:
    """A Jetpack CRM client reaching `jp_sandbox` in-process."""
    http = httpx.AsyncClient(transport=jp_sandbox.transport())
    async with http:
        yield JetpackCRM(
            jp_sandbox.base_url,
            api_key=jp_sandbox.api_key,
            api_secret=jp_sandbox.api_secret,
            rate_limit=None,
            http_client=http,
        )
