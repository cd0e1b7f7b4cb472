"""One authenticated API call as an endpoint handler sees it."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import attrs
from starlette.datastructures import Headers, QueryParams

from jbcrm.sandbox.jetpack._dates import SiteDates
from jbcrm.sandbox.jetpack._store import JetpackStore

__all__ = ["Call", "Handler", "View"]


@attrs.frozen
class View:
    """What a record's wire shape depends on: the site's data and how it prints times."""

    store: JetpackStore
    dates: SiteDates


@attrs.frozen
class Call:
    """The site, the query string, the headers, the raw body and the server time of one
    request."""

    view: View
    query: QueryParams
    headers: Headers
    body: bytes
    now: int

    @property
    def store(self) -> JetpackStore:
        return self.view.store

    def decoded_body(self) -> Any:
        """`json_decode(php://input, true)`: the body's JSON value, None when it is not JSON
        (an empty body is not JSON either)."""
        try:
            return json.loads(self.body)
        except (ValueError, UnicodeDecodeError):
            return None

    def json_object(self) -> dict[str, Any] | None:
        """The body as the PHP array an endpoint works on: a JSON object (a JSON array counts,
        with no named keys), else None."""
        data = self.decoded_body()
        if isinstance(data, list):
            return {}
        return data if isinstance(data, dict) else None


# A handler returns JSON-able data, or a Response when the answer is not plain JSON.
Handler = Callable[[Call], Any]
