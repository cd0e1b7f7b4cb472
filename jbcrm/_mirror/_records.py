"""Listings read record by record: a record that does not decode is kept aside with its JSON
instead of failing its whole page.

The SDK's paginators decode a page at once, so one odd value fails 25 records. The mirror
asks for the same pages (same request, same pagination, same limiter) with every record kept
as JSON, then decodes each record into the SDK's model itself.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncGenerator
from typing import Any, Generic, TypeVar, cast

import attrs

from jbcrm._core.client import BaseClient
from jbcrm._core.convert import DecodeError, structure
from jbcrm._core.models import Model
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


async def batches(
    client: BaseClient,
    listing: AsyncPaginator[M],
    model: type[M],
    *,
    item_key: str | None = None,
) -> AsyncGenerator[Batch[M], None]:
    """The pages of ``listing`` (a paginator from the SDK's public ``list`` call, not yet
    iterated), decoded record by record. ``item_key`` names the list in pages that wrap it in
    an object (``{"line_items": [...]}``)."""
    as_json: AsyncPaginator[Any] = client._paginator(
        listing._first, cast(type[Any], Any), strategy=listing._strategy, item_key=item_key
    )
    async with contextlib.aclosing(as_json.pages()) as pages:
        async for page in pages:
            good: list[M] = []
            bad: list[Bad] = []
            for raw in page.items:
                decoded = decode(raw, model)
                if isinstance(decoded, Bad):
                    bad.append(decoded)
                else:
                    good.append(decoded)
            yield Batch(good, bad, page.total)
