"""What every Jetbuilt resource does the same way: list (Link pagination), get, create,
update (PATCH), delete. Each resource module declares its paths, models and arguments and
calls these."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from jbcrm._core.convert import encode
from jbcrm._core.errors import InvalidArgumentError
from jbcrm._core.pagination import AsyncPaginator, LinkHeaderStrategy, PageRequest
from jbcrm._core.resource import Resource

if TYPE_CHECKING:
    from jbcrm.jetbuilt.client import Jetbuilt

T = TypeVar("T")

#: Jetbuilt pages hold 25 records.
PAGE_SIZE = 25
LINKS = LinkHeaderStrategy(per_page=PAGE_SIZE)


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

    def _list(
        self,
        path: str,
        model: type[T],
        *,
        params: Mapping[str, Any] | None = None,
        item_key: str | None = None,
        extras: Mapping[str, Any] | None = None,
    ) -> AsyncPaginator[T]:
        request = PageRequest(path, params={k: v for k, v in (params or {}).items() if v is not None})
        return self._client._paginator(
            request, model, strategy=LINKS, item_key=item_key, extras=extras
        )

    async def _get(self, path: str, model: type[T], *, params: Mapping[str, Any] | None = None) -> T:
        result = await self._client._send("GET", path, params=params)
        return self._client._decode(result.data, model, result)

    async def _get_with_all(self, path: str, model: type[T], *, list_key: str) -> T:
        """GET an object whose nested ``list_key`` is paginated; fetch every page and return
        the object with the complete list (and ``raw`` holding the merged JSON)."""
        result = await self._client._send("GET", path)
        body = result.data
        if not isinstance(body, dict) or not isinstance(body.get(list_key, []), list):
            return self._client._decode(body, model, result)
        strategy = LINKS
        following, _, _, _ = strategy.describe(PageRequest(path, number=1), result.response, 0)
        merged = list(body.get(list_key) or [])
        seen = {path}
        while following is not None and following.url not in seen:
            seen.add(following.url)
            page = await self._client._send("GET", following.url)
            page_body = page.data
            extra_items = page_body.get(list_key) if isinstance(page_body, dict) else None
            if not extra_items:
                break
            merged.extend(extra_items)
            following, _, _, _ = strategy.describe(following, page.response, len(extra_items))
        return self._client._decode({**body, list_key: merged}, model, result)

    async def _create(
        self,
        path: str,
        model: type[T],
        body: Mapping[str, Any],
        *,
        files: Any = None,
        form_prefix: str = "",
    ) -> T:
        """POST ``body`` as JSON, or as a multipart form (``<form_prefix>[key]`` fields) when
        there are files to upload."""
        if files is not None:
            data = _form(body, form_prefix)
            result = await self._client._send("POST", path, data=data, files=files)
        else:
            result = await self._client._send("POST", path, json=body)
        return self._client._decode(result.data, model, result)

    async def _update(self, path: str, model: type[T], body: Mapping[str, Any]) -> T:
        result = await self._client._send("PATCH", path, json=body)
        return self._client._decode(result.data, model, result)

    async def _delete(self, path: str) -> Deleted:
        result = await self._client._send("DELETE", path)
        data = result.data
        message = data.get("message") if isinstance(data, dict) else None
        return Deleted(message=None if message is None else str(message))


def _form(body: Mapping[str, Any], prefix: str) -> dict[str, str]:
    encoded: dict[str, Any] = encode(body)
    return {
        f"{prefix}[{key}]" if prefix else key: "true" if value is True else "false"
        if value is False
        else str(value)
        for key, value in encoded.items()
        if value is not None
    }
