"""Mirroring one listing into one table, page by page.

Each page is one transaction: its rows, the rows inside them (a client's contacts) and its
bad records are committed together, and nothing of the account is held in memory beyond the
page. A listing that takes ``min_updated_at`` starts from the resource's checkpoint (minus the
overlap); the checkpoint moves to the listing's start only once every page is committed. A
``--full`` run lists everything, rewrites every row, and then marks deleted the rows it did not
find.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime
from typing import Any, Generic, TypeVar

import attrs
import sqlalchemy as sa

from jbcrm._core.models import Model
from jbcrm._core.pagination import AsyncPaginator
from jbcrm._mirror._database import utcnow
from jbcrm._mirror._records import Bad, Batch, batches
from jbcrm._mirror._run import Run
from jbcrm._mirror._schema import RecordTable
from jbcrm._mirror._writer import Record, Writer, describe_key

M = TypeVar("M", bound=Model)

#: Writes what lives inside the records of a page that changed (clients' contacts), in the
#: page's transaction.
Inside = Callable[[Writer, list[Any]], Awaitable[None]]


@attrs.frozen
class Listing(Generic[M]):
    """One listing and the table it fills.

    ``list`` builds the SDK paginator (given the ``min_updated_at`` to send, or None);
    ``scope`` holds the key columns every row shares (``{"db_id": 3}``).
    """

    resource: str
    table: RecordTable
    model: type[M]
    list: Callable[[datetime | None], AsyncPaginator[M]]
    incremental: bool = False
    scope: Mapping[str, Any] = attrs.field(factory=dict)
    inside: Inside | None = None
    #: Records per page, for the progress ETA.
    per_page: int = 25

    @property
    def state_key(self) -> str:
        """The ``sync_state`` row of this listing: ``jetbuilt.products[db_id=3]``."""
        if not self.scope:
            return self.resource
        return f"{self.resource}[{','.join(f'{k}={v}' for k, v in self.scope.items())}]"

    def record(self, model: M) -> Record:
        keys = {**self.scope, **{name: getattr(model, name) for name in self.table.keys
                                 if name not in self.scope}}  # fmt: skip
        return Record(self.table.row(model, keys), model.raw)

    def where_scope(self) -> sa.ColumnElement[bool]:
        table = self.table.table
        return sa.and_(sa.true(), *(table.c[name] == value for name, value in self.scope.items()))


async def mirror_listing(run: Run, listing: Listing[Any], *, task: str) -> None:
    """List every page (or those changed since the checkpoint) into the listing's table."""
    since = (
        await run.checkpoint(listing.state_key) if listing.incremental and not run.full else None
    )
    started = utcnow()
    counts = run.summary.counts(listing.table)
    run.progress.begin(task, requests_each=1 / listing.per_page)
    paginator = listing.list(since)
    async for batch in batches(paginator):
        run.calls += 1
        run.progress.total(task, batch.total)
        await run.db.write(run.run_id, functools.partial(_page, run, listing, batch))
        run.progress.advance(task, len(batch.good) + len(batch.bad))

    async def close(writer: Writer) -> None:
        if run.full:
            counts.deleted += await writer.not_seen(listing.table, listing.where_scope())
        await writer.set_checkpoint(listing.state_key, started if listing.incremental else None)

    await run.db.write(run.run_id, close)
    run.progress.end(task)


async def _page(run: Run, listing: Listing[Any], batch: Batch[Any], writer: Writer) -> None:
    """One page's rows, what is inside them and its bad records, in its transaction."""
    counts = run.summary.counts(listing.table)
    records = [listing.record(model) for model in batch.good]
    written, changed = await writer.upsert_changed(listing.table, records, force=run.full)
    counts.add(written)
    if listing.inside is not None:
        wanted = {id(r) for r in changed}
        await listing.inside(writer, [
            model for model, record in zip(batch.good, records, strict=True)
            if run.full or id(record) in wanted
        ])  # fmt: skip
    for bad in batch.bad:
        await keep_bad(writer, run, listing, bad)
    counts.errors += len(batch.bad)


async def keep_bad(writer: Writer, run: Run, listing: Listing[Any], bad: Bad) -> None:
    """Store a record that did not decode; a full run keeps its last good row as live."""
    keys = {**listing.scope, "id": bad.id}
    key = describe_key(listing.table, keys)
    await writer.record_error(listing.resource, key, "DecodeError", bad.message, bad.raw)
    if run.full and bad.id is not None and "id" in listing.table.table.c:
        table = listing.table.table
        await writer.touch(listing.table, sa.and_(listing.where_scope(), table.c.id == bad.id))
