"""What every Jetpack CRM resource does the same way: page-number lists (paged in the query or
the JSON body), upserts whose answer is an echo, and finding one record by walking a list (the
API has no get-by-id)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar

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
#: The page size used when walking a list to find one record.
SCAN_PER_PAGE = 100

Shape = Callable[[dict[str, Any]], dict[str, Any]]


def include_flag(wanted: bool) -> str | None:
    """An include flag as the plugin reads it: only the string ``"true"`` counts."""
    return "true" if wanted else None


def _mapping(custom_fields: Mapping[str, Any] | None) -> dict[str, Any]:
    if custom_fields is None:
        return {}
    if not isinstance(custom_fields, Mapping):
        kind = type(custom_fields).__name__
        raise InvalidArgumentError(f"custom_fields must map slugs to values, got {kind}")
    return dict(custom_fields)


def custom_body(
    body: dict[str, Any], custom_fields: Mapping[str, Any] | None, reserved: frozenset[str]
) -> dict[str, Any]:
    """``body`` with the custom fields added as top-level keys named by slug."""
    for slug, value in _mapping(custom_fields).items():
        if slug in reserved:
            raise InvalidArgumentError(
                f"custom field {slug!r} has the name of a standard field; pass it by that name"
            )
        body[slug] = value
    return body


def storable_custom_fields(custom_fields: Mapping[str, Any] | None) -> dict[str, Any]:
    """The custom fields to send, refusing the values a contact or company never stores: the
    plugin skips an empty value and "0" (PHP's empty()), so neither can clear a field."""
    fields = _mapping(custom_fields)
    unstorable = sorted(slug for slug, value in fields.items() if value in ("", "0", 0, None))
    if unstorable:
        raise InvalidArgumentError(
            f"custom fields {', '.join(unstorable)}: the CRM stores neither an empty value nor "
            "'0' (the current value stays), so a custom field cannot be cleared or set to 0 "
            "through the API"
        )
    return fields


def tag_names(tags: Sequence[str]) -> list[str]:
    """Tag names to send; an empty list is refused, since the plugin ignores it."""
    if isinstance(tags, str) or not isinstance(tags, Sequence):
        raise InvalidArgumentError(f"tags must be a list of names, got {type(tags).__name__}")
    names = [name for name in (str(tag).strip() for tag in tags) if name]
    if not names:
        raise InvalidArgumentError(
            "the CRM ignores an empty tag list: tags cannot be removed through the API"
        )
    return names


def profile_body(
    columns: Sequence[str], given: Mapping[str, Any], reserved: frozenset[str]
) -> dict[str, Any]:
    """The body of a contact's or company's upsert: every text column (``None``, not sent, for
    those not given), the owner, the tag names and the custom fields the plugin can store."""
    body: dict[str, Any] = {key: given.get(key) for key in columns}
    body["assign"] = given.get("assign")
    if given.get("tags") is not None:
        body["tags"] = tag_names(given["tags"])
    return custom_body(body, storable_custom_fields(given.get("custom_fields")), reserved)


def shape_tags(data: dict[str, Any]) -> dict[str, Any]:
    """An echo's ``tags`` are the names sent; read as tags with only a name."""
    tags = data.get("tags")
    if isinstance(tags, list) and all(isinstance(t, str) for t in tags):
        return {**data, "tags": [{"name": t} for t in tags]}
    return data


@attrs.frozen
class Found(Generic[T]):
    """A record found by walking a list, and the page it was on (to read it back later)."""

    record: T
    page: PageRequest


class JetpackResource(Resource):
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
        shape: Shape,
        idempotent: bool = True,
    ) -> M:
        """POST ``body``; the echo, shaped like a stored record, decodes into ``model``, with
        ``raw`` the exact echo."""
        client = self._client
        result = await client._call("POST", endpoint, json=dict(body), idempotent=idempotent)
        data = result.data
        if not isinstance(data, dict):
            raise client._decode_error("expected the echoed record as a JSON object", result)
        return attrs.evolve(client._decode(shape(data), model, result), raw=data)

    async def _find(
        self, paginator: AsyncPaginator[T], matches: Callable[[T], bool]
    ) -> Found[T] | None:
        """The first record of ``paginator`` that ``matches``, walking its pages."""
        pages = paginator.pages()
        async with contextlib.aclosing(pages):
            async for page in pages:
                for record in page.items:
                    if matches(record):
                        return Found(record, page.request)
        return None

    async def _reread(
        self, found: Found[T], model: type[T], matches: Callable[[T], bool]
    ) -> T | None:
        """The record ``found`` on a page, as that page now holds it."""
        page = found.page
        client = self._client
        result = await client._send(page.method, page.url, params=page.params, json=page.json)
        if not isinstance(result.data, list):
            raise client._decode_error("expected a JSON array of items", result)
        items: list[T] = client._decode(result.data, list[model], result)  # type: ignore[valid-type]
        return next((item for item in items if matches(item)), None)
