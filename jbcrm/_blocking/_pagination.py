"""The blocking paginator: a plain iterator over an :class:`~jbcrm.AsyncPaginator`'s items or
pages, each page fetched on the jbcrm event loop."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, Generic, Literal, TypeVar, overload

from jbcrm._blocking._loop import EventLoopThread
from jbcrm._core.models import UndecodedRecord
from jbcrm._core.pageguard import PaginatorStats
from jbcrm._core.pagination import AsyncPaginator, DecodeMode, Page

T = TypeVar("T")


class SyncPaginator(Generic[T]):
    """Iterate items (``for``) or pages (``.pages()``); nothing is sent until then.

    The same paginator as :class:`~jbcrm.AsyncPaginator` (prefetch, loop guard, dropped
    repeats, the client's limiter), blocking: breaking out of the loop sends no further
    requests, and a Ctrl-C abandons the page being fetched.
    """

    __slots__ = ("_async", "_loop")

    def __init__(self, paginator: AsyncPaginator[T], loop: EventLoopThread) -> None:
        self._async = paginator
        self._loop = loop

    def __repr__(self) -> str:
        described = repr(self._async)
        return type(self).__name__ + described[described.find("(") :]

    @property
    def total(self) -> int | None:
        """The collection's size, once the first page said it (``X-Total-Count``)."""
        return self._async.total

    @property
    def extras(self) -> Mapping[str, Any]:
        """The non-item parts of the first page (e.g. Jetbuilt's ``factors``), once fetched."""
        return self._async.extras

    @property
    def dedupe(self) -> bool:
        """Whether records already yielded (same id) are dropped when a later page repeats
        them."""
        return self._async.dedupe

    @dedupe.setter
    def dedupe(self, value: bool) -> None:
        self._async.dedupe = value

    @property
    def stats(self) -> PaginatorStats:
        """Pages and items yielded by the latest iteration, and repeated records dropped."""
        return self._async.stats

    @overload
    def on_decode_error(self, mode: Literal["raise"]) -> SyncPaginator[T]: ...

    @overload
    def on_decode_error(self, mode: Literal["keep_raw"]) -> SyncPaginator[T | UndecodedRecord]: ...

    def on_decode_error(self, mode: DecodeMode) -> SyncPaginator[Any]:
        """A copy of this paginator that treats records that do not fit the model this way:
        ``"raise"`` (the default) or ``"keep_raw"``, which yields each such record as an
        :class:`~jbcrm.UndecodedRecord` (its ``raw`` JSON and the ``error``) and goes on."""
        lenient: AsyncPaginator[Any] = self._async.on_decode_error(mode)
        return type(self)(lenient, self._loop)

    def __iter__(self) -> Iterator[T]:
        for page in self.pages():
            yield from page.items

    def pages(self) -> Iterator[Page[T]]:
        """Each page in order, as :class:`~jbcrm.Page` objects."""
        return self._loop.iterate(self._async.pages())

    def to_list(self, limit: int | None = None) -> list[T]:
        """Every item (or the first ``limit``) as a list; stops fetching once it has enough."""
        return self._loop.call(self._async.to_list, limit)

    def first_page(self) -> Page[T]:
        """The first page (fetched now if need be); the next iteration starts from it instead of
        fetching it again. Sets :attr:`total` and :attr:`extras`."""
        return self._loop.call(self._async.first_page)
