"""What both API clients share: lifecycle, per-call options, request and decode helpers."""

from __future__ import annotations

import copy
import functools
import hashlib
from collections.abc import Mapping
from types import TracebackType
from typing import Any, TypeVar

from jbcrm._core.convert import DecodeError, encode, structure
from jbcrm._core.errors import ClientClosedError, ResponseDecodeError
from jbcrm._core.failures import ErrorContext
from jbcrm._core.options import KEEP, RequestOptions, Timeout, evolve_options
from jbcrm._core.pagination import AsyncPaginator, Page, PageRequest, PageStrategy
from jbcrm._core.ratelimit import LimiterStats
from jbcrm._core.transport import Result, Transport

T = TypeVar("T")
C = TypeVar("C", bound="BaseClient")
P = TypeVar("P", bound="AsyncPaginator[Any]")


class BaseClient:
    """Lifecycle and request plumbing shared by :class:`~jbcrm.Jetbuilt` and
    :class:`~jbcrm.JetpackCRM`. Use ``async with`` or call :meth:`aclose`."""

    _transport: Transport
    _options: RequestOptions
    #: Set on ``with_options`` copies: they share the pool and limiter, and never close them.
    _copy_closed: bool | None = None

    def __init__(self, transport: Transport, options: RequestOptions) -> None:
        self._transport = transport
        self._options = options

    async def __aenter__(self: C) -> C:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the connection pool (a pool passed in as ``http_client`` is left open).

        On a :meth:`with_options` copy this closes only the copy: the pool and the limiter it
        shares stay open for the client it was made from."""
        if self._copy_closed is None:
            await self._transport.aclose()
        else:
            self._copy_closed = True

    @property
    def rate_limit_stats(self) -> LimiterStats | None:
        """What the rate limiter has done: requests, waits, wait time, 429s, current limit."""
        limiter = self._transport.limiter
        return None if limiter is None else limiter.stats

    def with_options(
        self: C,
        *,
        timeout: Timeout = None,
        max_retries: int | None = None,
        deadline: float | None = None,
        max_response_size: int | None = KEEP,
    ) -> C:
        """A copy of this client with other per-call settings, sharing the connection pool and
        the rate limiter (cheap: nothing is opened, and closing the copy closes nothing shared).

        Arguments left out keep their value; ``max_response_size=None`` lifts the size limit.
        """
        options = evolve_options(
            self._options,
            timeout=timeout,
            max_retries=max_retries,
            deadline=deadline,
            max_response_size=max_response_size,
        )
        clone = copy.copy(self)
        # Namespaces are cached per client object; the copy builds its own, bound to itself.
        cached = {
            name
            for klass in type(self).__mro__
            for name, value in vars(klass).items()
            if isinstance(value, functools.cached_property)
        }
        clone.__dict__ = {k: v for k, v in self.__dict__.items() if k not in cached}
        clone._options = options
        clone._copy_closed = False
        return clone

    async def _send(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        files: Any = None,
        data: Mapping[str, Any] | None = None,
        idempotent: bool | None = None,
    ) -> Result:
        if self._copy_closed:
            raise ClientClosedError(
                "this copy of the client was closed (its `async with` block ended)",
                hint="use the client it was made from, or make another copy with with_options",
            )
        if idempotent is None:
            idempotent = method.upper() != "POST"
        return await self._transport.request(
            method,
            path,
            options=self._options,
            idempotent=idempotent,
            params=encode(params) if params else None,
            json_body=encode(json) if json is not None else None,
            files=files,
            data=data,
        )

    def _decode(self, data: Any, tp: type[T], result: Result) -> T:
        try:
            return structure(data, tp)
        except DecodeError as exc:
            message = str(exc)
        # Raised outside the ``except`` block: the DecodeError quotes response values
        # unredacted, and must not become the error's context.
        raise self._decode_error(message, result)

    def _decode_error(self, message: str, result: Result) -> ResponseDecodeError:
        return self._error_context(result).decode_error(
            f"the response does not fit the expected shape ({message})",
            hint="the API may have changed; the raw JSON is on the exception's excerpt, "
            "and upgrading jbcrm may help",
        )

    def _error_context(self, result: Result) -> ErrorContext:
        """What an error about ``result`` is built from (and redacted by)."""
        response = result.response
        return ErrorContext(response.request, self._transport.redactor, response, data=result.data)

    def _paginator(
        self,
        request: PageRequest,
        item_type: type[T],
        *,
        strategy: PageStrategy,
        item_key: str | None = None,
        extras: Mapping[str, Any] | None = None,
        idempotent: bool = True,
        prefetch: int | None = None,
        read_ahead: bool = False,
        paginator_class: type[P] = AsyncPaginator,  # type: ignore[assignment]
    ) -> P:
        """A lazy paginator over ``request``'s pages, decoding items into ``item_type``.

        ``item_key`` names the list inside pages that wrap it in an object; ``extras`` maps the
        object's other keys to the types to decode them into (kept from the first page).
        ``paginator_class`` is an :class:`AsyncPaginator` subclass with extra conveniences.
        """
        list_type: Any = list[item_type]  # type: ignore[valid-type]
        # Extras repeat on every page; only the first page's are decoded and kept.
        first_key = strategy.first(request).key()

        async def fetch(page_request: PageRequest) -> Page[T]:
            result = await self._send(
                page_request.method,
                page_request.url,
                params=page_request.params,
                json=page_request.json,
                idempotent=idempotent,
            )
            body = result.data
            raw_items: Any = body
            decoded_extras: dict[str, Any] = {}
            if item_key is not None:
                if not isinstance(body, Mapping):
                    raise self._decode_error(f"expected an object with {item_key!r}", result)
                raw_items = body.get(item_key, [])
                if page_request.key() == first_key:
                    decoded_extras = {
                        key: self._decode(body[key], tp, result)
                        for key, tp in (extras or {}).items()
                        if key in body
                    }
            if raw_items is None:
                raw_items = []
            if not isinstance(raw_items, list):
                raise self._decode_error("expected a JSON array of items", result)
            items: list[T] = self._decode(raw_items, list_type, result)
            following, total, last, links = strategy.describe(
                page_request, result.response, len(raw_items)
            )
            return Page(
                items=items,
                request=page_request,
                next=following,
                total=total,
                last_number=last,
                links=links,
                extras=decoded_extras,
                fingerprint=hashlib.blake2b(result.response.content, digest_size=16).digest(),
            )

        return paginator_class(
            fetch,
            request,
            strategy=strategy,
            prefetch=self._transport.concurrency if prefetch is None else prefetch,
            read_ahead=read_ahead,
        )
