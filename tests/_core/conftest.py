"""A minimal API client on the shared core, with credentials in the query string (the way
Jetpack CRM sends them), so the core is tested without either API's knowledge."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest

from jbcrm._core import client as core_client
from jbcrm._core import convert, models, wire
from jbcrm._core.client import BaseClient
from jbcrm._core.options import make_options
from jbcrm._core.ratelimit import Limiter
from jbcrm._core.redact import Redactor
from jbcrm._core.responses import ResponseRules
from jbcrm._core.transport import Transport
from tests.conftest import Handler, fast_retries
from tests.leak_guard import QUERY_KEY, QUERY_SECRET

__all__ = ["QUERY_BASE_URL", "QUERY_KEY", "QUERY_SECRET", "QueryKeyClient"]

QUERY_BASE_URL = "https://crm.test/api"


class QueryKeyClient(BaseClient):
    """Sends ``api_key``/``api_secret`` as query parameters on every request."""

    def __init__(
        self,
        *,
        http_client: httpx.AsyncClient | None = None,
        limiter: Limiter | None = None,
        rules: ResponseRules | None = None,
        concurrency: int = 10,
        base_url: str = QUERY_BASE_URL,
        **options: Any,
    ) -> None:
        transport = Transport(
            base_url=base_url,
            rules=rules or ResponseRules(),
            redactor=Redactor([QUERY_KEY, QUERY_SECRET]),
            limiter=limiter,
            params={"api_key": QUERY_KEY, "api_secret": QUERY_SECRET},
            http_client=http_client,
            concurrency=concurrency,
        )
        super().__init__(
            transport,
            make_options(
                options.get("timeout"), options.get("max_retries"), deadline=options.get("deadline")
            ),
        )


@pytest.fixture
async def make_client(
    mock_http: Callable[..., httpx.AsyncClient],
) -> AsyncIterator[Callable[..., QueryKeyClient]]:
    """Makes :class:`QueryKeyClient` objects against a handler, closed after the test."""
    clients: list[QueryKeyClient] = []

    def make(handler: Handler | httpx.AsyncBaseTransport, **options: Any) -> QueryKeyClient:
        client = QueryKeyClient(http_client=mock_http(handler), **options)
        fast_retries(client)
        clients.append(client)
        return client

    yield make
    for client in clients:
        await client.aclose()


@pytest.fixture
def fresh_decoding(monkeypatch: pytest.MonkeyPatch) -> None:
    """The decoding machinery made anew inside the test, as a fresh process makes it.

    The converter is built once, at import, and each model's fast plan (its wire twin, its
    finishing step, its page decoders) at its first decode, then kept for the process: a test
    that pins how they are made must see them made, not reuse what an earlier test built.
    """
    fresh = convert._make_converter()
    monkeypatch.setattr(convert, "converter", fresh)
    monkeypatch.setattr(wire, "converter", fresh)
    for cache in ("_PLANS", "_TWINS", "_FINISH", "_SPLITS"):
        monkeypatch.setattr(wire, cache, {})
    monkeypatch.setattr(core_client, "_TARGETS", {})
    monkeypatch.setattr(models, "_KEYS", {})
