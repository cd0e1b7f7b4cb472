"""What every Jetbuilt resource does the same way: list (Link pagination), get, create,
update (PATCH), delete. Each resource module declares its paths, models and arguments and
calls these."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar

import attrs

from jbcrm._core.convert import NULL, encode
from jbcrm._core.errors import NotFoundError
from jbcrm._core.pagination import AsyncPaginator, LinkHeaderStrategy, PageRequest
from jbcrm._core.params import checked
from jbcrm._core.resource import Resource
from jbcrm._core.transport import Result
from jbcrm.jetbuilt.models.common import Deleted

if TYPE_CHECKING:
    from jbcrm.jetbuilt.client import Jetbuilt

T = TypeVar("T")
P = TypeVar("P", bound="AsyncPaginator[Any]")

#: Jetbuilt pages hold 25 records.
PAGE_SIZE = 25
LINKS = LinkHeaderStrategy(per_page=PAGE_SIZE)


@attrs.frozen
class Form:
    """How a write that carries files is sent: a multipart form of ``<prefix>[key]`` fields
    (as Rails reads nested parameters), the ``files`` keys as its file parts."""

    prefix: str
    files: tuple[str, ...]


class JetbuiltResource(Resource):
    """Shared mechanics of the Jetbuilt resources."""

    __slots__ = ()
    _client: Jetbuilt

    def _list(
        self,
        path: str,
        model: type[T],
        declared: type | None = None,
        filters: Mapping[str, Any] | None = None,
        *,
        item_key: str | None = None,
        extras: Mapping[str, Any] | None = None,
        paginator_class: type[P] = AsyncPaginator,  # type: ignore[assignment]
    ) -> P:
        """A paginator over ``path``; ``filters`` are checked against the ``TypedDict``
        ``declared`` and sent in the query (those that are ``None`` are left out)."""
        given = {} if declared is None else checked(declared, filters or {})
        params = {key: value for key, value in given.items() if value is not None}
        return self._client._paginator(
            PageRequest(path, params=params),
            model,
            strategy=LINKS,
            item_key=item_key,
            extras=extras,
            paginator_class=paginator_class,
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
        following = LINKS.describe(PageRequest(path, number=1), result.response, 0).next
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

    async def _delete(self, path: str) -> Deleted:
        """DELETE; the server answers 200 with ``{"message": ...}`` or 204 with no body."""
        result = await self._client._send("DELETE", path)
        if result.data is None:
            return Deleted()
        return self._client._decode(result.data, Deleted, result)

    async def _write(
        self,
        method: Literal["POST", "PATCH"],
        path: str,
        model: type[T],
        declared: type,
        fields: Mapping[str, Any],
        *,
        form: Form | None = None,
    ) -> T:
        """Send ``fields``, checked against the ``TypedDict`` ``declared``, as JSON, or as
        ``form`` when it carries a file. A POST is not retried once the server may have seen
        it; updates are PATCH (the document's "HTTP Request" lines say PUT, its examples and the
        server accept PATCH, which changes only the fields sent)."""
        body = checked(declared, fields)
        uploads = [(key, body.pop(key, None)) for key in (form.files if form else ())]
        files = {key: upload for key, upload in uploads if upload is not None}
        if form is not None and files:
            parts = {f"{form.prefix}[{key}]": upload for key, upload in files.items()}
            result = await self._client._send(
                method, path, data=_form(body, form.prefix), files=parts
            )
        else:
            result = await self._client._send(method, path, json=body)
        return self._client._decode(result.data, model, result)

    def _not_found(self, result: Result, message: str) -> NotFoundError:
        return self._client._error_context(result).api_error(NotFoundError, message, status=404)


def _form(body: Mapping[str, Any], prefix: str) -> dict[str, str]:
    """Form fields named ``prefix[key]``; :data:`~jbcrm.NULL` becomes an empty field (a form
    has no null)."""
    return {
        f"{prefix}[{key}]": _form_value(value) for key, value in body.items() if value is not None
    }


def _form_value(value: Any) -> str:
    if value is NULL:
        return ""
    value = encode(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
