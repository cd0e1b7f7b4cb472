"""What every Jetpack CRM resource does the same way: page-number lists (paged in the query
or the JSON body), and upserts whose answer echoes the body sent plus an ``id``."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, Literal, TypeVar

import attrs

from jbcrm._core.errors import InvalidArgumentError
from jbcrm._core.models import Model
from jbcrm._core.pagination import AsyncPaginator, PageNumberStrategy, PageRequest
from jbcrm._core.resource import Resource

if TYPE_CHECKING:
    from jbcrm.jetpackcrm.client import JetpackCRM

T = TypeVar("T")
M = TypeVar("M", bound=Model)

#: The plugin's page size when none is asked for.
DEFAULT_PER_PAGE = 10
#: ``create_event``'s date format: the plugin keeps whole hours, read as UTC.
EVENT_TIME_FORMAT = "%m/%d/%Y %H:00:00"
_EVENT_TIME_READ = "%m/%d/%Y %H:%M:%S"

Order = Literal["ASC", "DESC"]
Shape = Callable[[dict[str, Any]], dict[str, Any]]


def include_flag(wanted: bool) -> str | None:
    """An include flag as the plugin reads it: only the string ``"true"`` counts."""
    return "true" if wanted else None


def custom_body(
    body: dict[str, Any], custom_fields: Mapping[str, Any] | None, reserved: frozenset[str]
) -> dict[str, Any]:
    """``body`` with the custom fields added as top-level keys named by slug."""
    for slug, value in (custom_fields or {}).items():
        if slug in reserved:
            raise InvalidArgumentError(
                f"custom field {slug!r} has the name of a standard field; pass it by that name"
            )
        body[slug] = value
    return body


def unix_seconds(value: datetime | int | None) -> int | None:
    """A datetime (naive means UTC) or unix seconds, as unix seconds."""
    if value is None or isinstance(value, int):
        return value
    aware = value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    return int(aware.timestamp())


def shape_tags(data: dict[str, Any]) -> dict[str, Any]:
    """An echo's ``tags`` are the names sent; read as tags with only a name."""
    tags = data.get("tags")
    if isinstance(tags, list) and all(isinstance(t, str) for t in tags):
        return {**data, "tags": [{"name": t} for t in tags]}
    return data


def shape_event(data: dict[str, Any]) -> dict[str, Any]:
    """An event echo read the way the plugin stores it: ``notes`` as ``desc``, ``from``/``to``
    as the unix times ``start``/``end``."""
    shaped = dict(data)
    if "notes" in data and "desc" not in data:
        shaped["desc"] = data["notes"]
    for sent, stored in (("from", "start"), ("to", "end")):
        if isinstance(data.get(sent), str) and stored not in data:
            try:
                moment = datetime.strptime(data[sent], _EVENT_TIME_READ)
            except ValueError:
                continue
            shaped[stored] = int(moment.replace(tzinfo=timezone.utc).timestamp())
    return shaped


class JetpackResource(Resource["JetpackCRM"]):
    """Shared mechanics of the Jetpack CRM resources."""

    __slots__ = ()
    _client: JetpackCRM

    def _list(
        self,
        endpoint: str,
        model: type[T],
        *,
        filters: Mapping[str, Any] | None = None,
        paging: Literal["query", "body"] = "query",
        perpage: int = DEFAULT_PER_PAGE,
        read_ahead: bool = False,
    ) -> AsyncPaginator[T]:
        """A lazy paginator over ``endpoint``: GET with ``page``/``perpage`` in the query, or
        POST with them (and the filters) in the JSON body."""
        if isinstance(perpage, bool) or perpage < 1:
            raise InvalidArgumentError(f"perpage must be at least 1, got {perpage!r}")
        wanted = {k: v for k, v in (filters or {}).items() if v is not None}
        path, params = self._client._endpoint(endpoint, None if paging == "body" else wanted)
        if paging == "body":
            request = PageRequest(path, method="POST", params=params or None, json=wanted)
        else:
            request = PageRequest(path, method="GET", params=params)
        strategy = PageNumberStrategy(per_page=perpage, where=paging)
        return self._client._paginator(request, model, strategy=strategy, read_ahead=read_ahead)

    async def _upsert(
        self,
        endpoint: str,
        model: type[M],
        body: Mapping[str, Any],
        *,
        idempotent: bool = True,
        shape: Shape = shape_tags,
        max_retries: int | None = None,
    ) -> M:
        """POST ``body``; the echo (body plus ``id``) decodes into ``model``, with ``raw``
        the exact echo."""
        client = (
            self._client
            if max_retries is None
            else self._client.with_options(max_retries=max_retries)
        )
        result = await client._call("POST", endpoint, json=dict(body), idempotent=idempotent)
        data = result.data
        if not isinstance(data, dict):
            raise client._decode_error("expected the echoed record as a JSON object", result)
        return attrs.evolve(client._decode(shape(data), model, result), raw=data)
