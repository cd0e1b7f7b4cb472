"""Whatever JSON a client sends, the simulated plugin answers (it never crashes the sandbox)."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx
from hypothesis import given, settings
from hypothesis import strategies as st

from jbcrm.sandbox import JetpackSandbox

_KEYS = (
    "id", "email", "status", "fname", "tags", "assign", "page", "perpage", "search", "owned",
    "company", "invoices", "quotes", "transactions", "orderid", "total", "net", "date",
    "customer", "from", "to", "notify", "complete", "owner", "name", "favourite-colour",
)  # fmt: skip
_ENDPOINTS = (
    "customers", "companies", "create_customer", "create_company", "create_transaction",
    "create_event",
)  # fmt: skip

_scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12)
_values = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=3), max_leaves=5)
_bodies = st.dictionaries(st.sampled_from(_KEYS), _values, max_size=8)

SANDBOX = JetpackSandbox(scale=0.1)


async def _send(endpoint: str, body: dict[str, Any]) -> httpx.Response:
    transport = SANDBOX.transport()
    async with httpx.AsyncClient(transport=transport, base_url=SANDBOX.base_url) as client:
        return await client.post(
            f"/zbs_api/{endpoint}/",
            params={"api_key": SANDBOX.api_key, "api_secret": SANDBOX.api_secret},
            content=json.dumps(body).encode(),
            headers={"content-type": "application/json"},
        )


@settings(max_examples=150, deadline=None)
@given(endpoint=st.sampled_from(_ENDPOINTS), body=_bodies)
def test_any_json_object_gets_an_answer_not_a_crash(endpoint: str, body: dict[str, Any]) -> None:
    response = asyncio.run(_send(endpoint, body))
    assert response.status_code in (200, 500)
    if response.content:
        assert response.headers["content-type"].startswith(("application/json", "text/html"))
