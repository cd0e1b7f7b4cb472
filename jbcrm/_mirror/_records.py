"""Listings read record by record: a record that does not decode is kept aside with its JSON
instead of failing its whole page.

The mirror iterates the SDK's own paginators in their lenient mode
(``on_decode_error("keep_raw")``): same requests, same pagination, same limiter, and each
record that does not fit its model comes back as an :class:`~jbcrm.UndecodedRecord`.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncGenerator
from typing import Any, Generic, TypeVar

import attrs

from jbcrm._core.convert import DecodeError, structure
from jbcrm._core.models import Model, UndecodedRecord
from jbcrm._core.pagination import AsyncPaginator

M = TypeVar("M", bound=Model)


@attrs.frozen
class Bad:
    """A record that could not be decoded: its JSON and why."""

    raw: Any
    message: str

    @property
    def id(self) -> Any:
        return self.raw.get("id") if isinstance(self.raw, dict) else None


@attrs.frozen
class Batch(Generic[M]):
    """One page: the records that decoded, those that did not, and the collection's size when
    the server said it (``X-Total-Count``)."""

    good: list[M]
    bad: list[Bad]
    total: int | None


def decode(raw: Any, model: type[M]) -> M | Bad:
    """``raw`` as ``model``, or a :class:`Bad` record saying why not."""
    try:
        return structure(raw, model)
    except DecodeError as exc:
        return Bad(raw, str(exc))


async def batches(listing: AsyncPaginator[M]) -> AsyncGenerator[Batch[M], None]:
    """The pages of ``listing`` (a paginator from the SDK's public ``list`` call, not yet
    iterated), each record decoded on its own."""
    lenient = listing.on_decode_error("keep_raw")
    async with contextlib.aclosing(lenient.pages()) as pages:
        async for page in pages:
            good: list[M] = []
            bad: list[Bad] = []
            for item in page.items:
                if isinstance(item, UndecodedRecord):
                    bad.append(Bad(item.raw, str(item.error)))
                else:
                    good.append(item)
            yield Batch(good, bad, page.total)
