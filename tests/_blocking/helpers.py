"""What several sync client tests build the same way."""

from __future__ import annotations

import time
from collections.abc import Callable

import httpx

import jbcrm
from jbcrm.sandbox import JetbuiltSandbox

#: How long a test waits for something another thread must do (never reached when it does it).
PATIENCE = 10.0


def eventually(condition: Callable[[], bool]) -> bool:
    """Whether ``condition`` holds, waiting up to ``PATIENCE`` seconds for it to."""
    stop = time.monotonic() + PATIENCE
    while not condition() and time.monotonic() < stop:
        time.sleep(0.005)
    return condition()


def sync_client(
    sandbox: JetbuiltSandbox,
    transport: httpx.AsyncBaseTransport,
    rate_limit: jbcrm.Limiter | None = None,
) -> jbcrm.SyncJetbuilt:
    """A sync client of ``sandbox`` through ``transport``."""
    return jbcrm.SyncJetbuilt(
        sandbox.api_key,
        base_url=sandbox.base_url,
        http_client=httpx.AsyncClient(transport=transport),
        rate_limit=rate_limit,
        deadline=30,
    )


def one_slot_client(
    sandbox: JetbuiltSandbox, transport: httpx.AsyncBaseTransport
) -> tuple[jbcrm.SyncJetbuilt, jbcrm.Limiter]:
    """A sync client of ``sandbox`` through ``transport`` and a limiter of one slot, so that a
    slot left taken blocks every later call."""
    limiter = jbcrm.AdaptiveConcurrencyLimiter(1)
    return sync_client(sandbox, transport, limiter), limiter
