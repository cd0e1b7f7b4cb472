"""What every Jetbuilt resource does the same way: list (Link pagination), get, create,
update (PATCH), delete. Each resource module declares its paths, models and arguments and
calls these."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import IO, TYPE_CHECKING, Any, TypeVar

import attrs

from jbcrm._core.convert import NULL, encode
from jbcrm._core.errors import InvalidArgumentError, NotFoundError
from jbcrm._core.pagination import AsyncPaginator, LinkHeaderStrategy, PageRequest
from jbcrm._core.resource import Resource
from jbcrm._core.transport import Result

if TYPE_CHECKING:
    from jbcrm.jetbuilt.client import Jetbuilt

T = TypeVar("T")

#: Jetbuilt pages hold 25 records.
PAGE_SIZE = 25
LINKS = LinkHeaderStrategy(per_page=PAGE_SIZE)

#: A decimal request value: a ``Decimal`` is sent as a string (exact), a number as a number.
Number = Decimal | int | float
#: A date/time filter: sent as ISO 8601; the server reads a naive value as UTC.
When = date | datetime
#: A file to upload: raw bytes, a binary file object, or ``(filename, content[, content_type])``.
Upload = bytes | IO[bytes] | tuple[str, bytes | IO[bytes]] | tuple[str, bytes | IO[bytes], str]


@attrs.frozen
class Deleted:
    """The answer to a delete: the server's message (``None`` for a 204 with no body)."""

    message: str | None = None


def check_choice(name: str, value: Any, allowed: tuple[Any, ...]) -> None:
    """Refuse an enumerated argument the API does not accept, before anything is sent."""
    if value is not None and value not in allowed:
        raise InvalidArgumentError(
            f"{name}={value!r} is not accepted; use one of: {', '.join(map(str, allowed))}"
        )


class JetbuiltResource(Resource["Jetbuilt"]):
    """Shared mechanics of the Jetbuilt resources."""

    __slots__ = ()
    _client: Jetbuilt

    def _list(
        self,
        path: str,
        model: type[T],
        *,
        params: Mapping[str, Any] | None = None,
        item_key: str | None = None,
        extras: Mapping[str, Any] | None = None,
    ) -> AsyncPaginator[T]:
        request = PageRequest(
            path, params={k: v for k, v in (params or {}).items() if v is not None}
        )
        return self._client._paginator(
            request, model, strategy=LINKS, item_key=item_key, extras=extras
        )

    async def _get(
        self, path: str, model: type[T], *, params: Mapping[str, Any] | None = None
    ) -> T:
        result = await self._client._send("GET", path, params=params)
        return self._client._decode(result.data, model, result)

    async def _get_with_all(self, path: str, model: type[T], *, list_key: str) -> T:
        """GET an object whose nested ``list_key`` is paginated; fetch every page and return
        the object with the complete list (and ``raw`` holding the merged JSON)."""
        result = await self._client._send("GET", path)
        body = result.data
        if not isinstance(body, dict) or not isinstance(body.get(list_key, []), list):
            return self._client._decode(body, model, result)
        merged = list(body.get(list_key) or [])
        following, _, _, _ = LINKS.describe(PageRequest(path, number=1), result.response, 0)
        if following is not None:
            # The other pages, through the one paginator (prefetch, loop guard, limiter).
            rest: AsyncPaginator[dict[str, Any]] = self._client._paginator(
                following, dict[str, Any], strategy=LINKS, item_key=list_key
            )
            merged.extend(await rest.to_list())
        return self._client._decode({**body, list_key: merged}, model, result)

    async def _get_only(self, path: str, model: type[T], *, what: str) -> T:
        """GET a record the server answers as a one-element array; an empty array is a
        :class:`~jbcrm.NotFoundError`."""
        result = await self._client._send("GET", path)
        body = result.data
        if isinstance(body, list):
            if not body:
                raise self._not_found(result, f"no {what} (the server answered an empty list)")
            body = body[0]
        return self._client._decode(body, model, result)

    async def _create(
        self,
        path: str,
        model: type[T],
        body: Mapping[str, Any],
        *,
        files: Mapping[str, Upload] | None = None,
        form_prefix: str = "",
    ) -> T:
        """POST ``body`` as JSON, or as a multipart form (``<form_prefix>[key]`` fields) when
        there are files to upload. Not retried once the server may have seen it."""
        return await self._write("POST", path, model, body, files=files, form_prefix=form_prefix)

    async def _update(
        self,
        path: str,
        model: type[T],
        body: Mapping[str, Any],
        *,
        files: Mapping[str, Upload] | None = None,
        form_prefix: str = "",
    ) -> T:
        """PATCH ``body`` (the document's "HTTP Request" lines say PUT; its examples and the
        server accept PATCH, which only changes the fields sent)."""
        return await self._write("PATCH", path, model, body, files=files, form_prefix=form_prefix)

    async def _delete(self, path: str) -> Deleted:
        """DELETE; the server answers 200 with ``{"message": ...}`` or 204 with no body."""
        result = await self._client._send("DELETE", path)
        data = result.data
        message = data.get("message") if isinstance(data, dict) else None
        return Deleted(message=None if message is None else str(message))

    async def _write(
        self,
        method: str,
        path: str,
        model: type[T],
        body: Mapping[str, Any],
        *,
        files: Mapping[str, Upload] | None,
        form_prefix: str,
    ) -> T:
        if files:
            result = await self._client._send(
                method, path, data=_form(body, form_prefix), files=dict(files)
            )
        else:
            result = await self._client._send(method, path, json=body)
        return self._client._decode(result.data, model, result)

    def _not_found(self, result: Result, message: str) -> NotFoundError:
        return self._client._error_context(result).api_error(NotFoundError, message, status=404)


def _form(body: Mapping[str, Any], prefix: str) -> dict[str, str]:
    """Form fields named ``prefix[key]``, as Rails reads nested parameters; :data:`~jbcrm.NULL`
    becomes an empty field (a form has no null)."""
    return {
        f"{prefix}[{key}]" if prefix else key: _form_value(value)
        for key, value in body.items()
        if value is not None
    }


def _form_value(value: Any) -> str:
    if value is NULL:
        return ""
    value = encode(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
