"""The sandbox tests talk to the simulated servers with plain httpx, which logs every URL at
INFO, credentials included: they get the SDK's log filter, as an SDK client would install it,
so that the suite's leak guard still sees only what jbcrm itself lets through."""

from __future__ import annotations

import pytest

from jbcrm._core.redact import Redactor, install_log_filter
from tests.leak_guard import SANDBOX_KEY, SANDBOX_SECRET, SANDBOX_TOKEN, SHIPPED


@pytest.fixture(autouse=True)
def plain_httpx_logs_scrubbed() -> Redactor:
    """A live redactor of the sandbox credentials (pytest holds it until the test ends)."""
    install_log_filter()
    return Redactor([SANDBOX_TOKEN, SANDBOX_KEY, SANDBOX_SECRET, *SHIPPED])
