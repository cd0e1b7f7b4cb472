"""One authenticated API call as an endpoint handler sees it."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import attrs
from starlette.datastructures import Headers, QueryParams

from jbcrm.sandbox.jetpack._store import JetpackStore

__all__ = ["Call", "Handler"]


@attrs.frozen
class Call:
    """The store, the query string, the raw body and the server time of one request."""

    store: JetpackStore
    query: QueryParams
    headers: Headers
    body: bytes
    now: int

    def json_body(self) -> dict[str, Any] | None:
        """The body as a JSON object; an empty body is `{}`, anything else None."""
        if not self.body.strip():
            return {}
        try:
            data = json.loads(self.body)
        except ValueError:
            return None
        return data if isinstance(data, dict) else None


# A handler returns JSON-able data, or a Response when the answer is not JSON.
Handler = Callable[[Call], Any]
