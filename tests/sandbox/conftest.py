"""The sandbox tests talk to the simulated servers with plain httpx: each gets the SDK's log
filter (see ``plain_httpx_scrubbed``)."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _plain_httpx(plain_httpx_scrubbed: object) -> None:
    """Every sandbox test uses ``plain_httpx_scrubbed``."""
