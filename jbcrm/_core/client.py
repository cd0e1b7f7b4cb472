"""What both API clients share: lifecycle, per-call options, request and decode helpers."""

from __future__ import annotations

import copy
import functools
import hashlib
import typing
from collections.abc import Mapping, Sequence
from types import TracebackType
from typing import Any, TypedDict, TypeVar

import attrs
import httpx

from jbcrm._core import config, wire
from jbcrm._core.convert import DecodeError, encode, structure
from jbcrm._core.errors import ClientClosedError, ResponseDecodeError
from jbcrm._core.failures import ErrorContext
from jbcrm._core.models import UndecodedRecord
from jbcrm._core.options import KEEP, RequestOptions, Timeout, evolve_options
from jbcrm._core.pagination import AsyncPaginator, DecodeMode, Page, PageRequest, PageStrategy
from jbcrm._core.ratelimit import Limiter, LimiterStats, RateLimit, build_limiter, owns_limiter
from jbcrm._core.transport import Result, Transport

T = TypeVar("T")
C = TypeVar("C", bound="BaseClient")
P = TypeVar("P", bound="AsyncPaginator[Any]")
_REFUSED: Any = object()


class Connection(TypedDict):
    """The :class:`Transport` arguments both clients take from the same constructor arguments."""

    limiter: Limiter | None
    owns_limiter: bool
    http_client: httpx.AsyncClient | None
    concurrency: int
    user_agent: str | None


def connection(
    rate_limit: RateLimit | Limiter | None,
    budget_key: str,
    http_client: httpx.AsyncClient | None,
    concurrency: int,
    user_agent: str | None,
) -> Connection:
    """A client constructor's connection arguments, checked; a ``RateLimit`` without a key
    counts under ``budget_key`` (what the server counts by), shared by the clients using it."""
    config.concurrency(concurrency)
    if isinstance(rate_limit, RateLimit) and rate_limit.key is None:
        rate_limit = attrs.evolve(rate_limit, key=budget_key)
    return Connection(
        limiter=build_limiter(rate_limit),
        owns_limiter=owns_limiter(rate_limit),
        http_client=http_client,
        concurrency=concurrency,
        user_agent=user_agent,
    )


#: Per decoded type: the model class and whether a list of it is decoded.
_TARGETS: dict[Any, tuple[Any, bool]] = {}


def _fast(content: bytes, tp: Any) -> Any:
    """``content`` decoded into model ``tp`` (or a list of one) by the fast path, or
    ``_REFUSED`` when it cannot (the reference path then decides, and explains)."""
    target = _TARGETS.get(tp)
    if target is None:
        args = typing.get_args(tp)
        is_list = typing.get_origin(tp) is list and len(args) == 1
        target = _TARGETS[tp] = (args[0] if is_list else tp, is_list)
    cls, is_list = target
    if wire.plan(cls) is None:
        return _REFUSED
    try:
        if not is_list:
            return wire.decode(content, cls)
        texts = wire.split(content, None)
        return _REFUSED if texts is None else [wire.decode(text, cls) for text in texts]
    except wire.REFUSED:
        return _REFUSED


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
        if data is result.data:
            decoded = _fast(result.response.content, tp)
            if decoded is not _REFUSED:
                return decoded  # type: ignore[no-any-return]
        try:
            return structure(data, tp)
        except DecodeError as exc:
            failure = exc
        # Raised outside the ``except`` block: the DecodeError quotes response values
        # unredacted, and must not become the error's context.
        raise self._record_error(failure, result)

    def _decode_error(self, message: str, result: Result) -> ResponseDecodeError:
        return self._error_context(result).decode_error(
            f"the response does not fit the expected shape ({message})",
            hint="the API may have changed; the raw JSON is on the exception's body, "
            "and upgrading jbcrm may help",
        )

    def _record_error(
        self,
        failure: DecodeError,
        result: Result,
        *,
        index: int | None = None,
        count: int = 0,
        page: int | None = None,
        record: Any = None,
    ) -> ResponseDecodeError:
        """The error for a value that does not fit its model, naming the model, the field,
        the value and, in a listing, the record."""
        where = ""
        if index is not None:
            where = f" (item {index + 1} of {count}, index {index}"
            where += f", on page {page})" if page is not None else ")"
        error = self._decode_error(f"{failure}{where}", result)
        if index is not None:
            error.hint = (
                f'{error.hint}; to skip such records, list with .on_decode_error("keep_raw")'
            )
        context = self._error_context(result)
        redact = context.redactor.data
        error.model, error.path, error.index = failure.model, failure.path, index
        error.value = redact(failure.value)
        error.record = None if index is None else redact(record)
        error.body = context.body
        return error

    def _decode_items(
        self,
        raw_items: list[Any],
        item_type: type[T],
        item_key: str | None,
        result: Result,
        number: int | None,
        positions: Sequence[int] | None,
        mode: DecodeMode,
    ) -> list[Any]:
        """The records of a page at ``positions``, decoded: each one through the fast path,
        the reference path if that refuses it, and per ``mode`` if neither can."""
        content = result.response.content
        texts = wire.split(content, item_key) if wire.plan(item_type) else None
        if texts is not None and len(texts) != len(raw_items):
            texts = None
        if texts is not None:
            models = wire.decode_page(content, item_type, item_key, texts)
            if models is not None:
                return models if positions is None else [models[i] for i in positions]
        items: list[Any] = []
        for index in range(len(raw_items)) if positions is None else positions:
            if texts is not None:
                try:
                    items.append(wire.decode(texts[index], item_type))
                    continue
                except wire.REFUSED:
                    pass
            try:
                items.append(structure(raw_items[index], item_type))
                continue
            except DecodeError as exc:
                failure = exc
            error = self._record_error(
                failure, result, index=index, count=len(raw_items), page=number,
                record=raw_items[index],
            )  # fmt: skip
            if mode == "raise":
                raise error
            items.append(UndecodedRecord(raw_items[index], error, index))
        return items

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
            info = strategy.describe(page_request, result.response, len(raw_items))
            decode = functools.partial(
                self._decode_items, raw_items, item_type, item_key, result, page_request.number
            )
            return Page(
                items=raw_items,
                request=page_request,
                next=info.next,
                total=info.total,
                last_number=info.last_number,
                links=info.links,
                extras=decoded_extras,
                fingerprint=hashlib.blake2b(result.response.content, digest_size=16).digest(),
                decode=decode,
            )

        return paginator_class(
            fetch,
            request,
            strategy=strategy,
            prefetch=self._transport.concurrency if prefetch is None else prefetch,
            read_ahead=read_ahead,
        )
