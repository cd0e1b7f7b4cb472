"""One run of the mirror: its settings, its progress, and what it did (the summary)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any, Protocol

import attrs
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from jbcrm._core.client import BaseClient
from jbcrm._mirror._database import Database
from jbcrm._mirror._schema import SYNC_RUNS, SYNC_STATE, RecordTable
from jbcrm._mirror._writer import Counts, Writer

#: How far before the last checkpoint an incremental listing starts: covers a clock
#: difference between this machine and the server, and records saved while a listing ran.
DEFAULT_OVERLAP = timedelta(minutes=10)


class Progress(Protocol):
    """What a run reports while it works (the command line draws it; the library is quiet).

    ``requests_each`` is how many requests one unit of the task costs, for an ETA.
    """

    def begin(self, task: str, *, total: int | None = None, requests_each: float = 1.0) -> None: ...

    def total(self, task: str, total: int | None) -> None: ...

    def advance(self, task: str, count: int = 1) -> None: ...

    def end(self, task: str) -> None: ...


class Quiet:
    """Progress that shows nothing."""

    def begin(self, task: str, *, total: int | None = None, requests_each: float = 1.0) -> None:
        pass

    def total(self, task: str, total: int | None) -> None:
        pass

    def advance(self, task: str, count: int = 1) -> None:
        pass

    def end(self, task: str) -> None:
        pass


@attrs.define
class MirrorSummary:
    """What a run of :func:`jbcrm.mirror` did.

    ``tables`` holds the rows inserted, updated, deleted and left unchanged per table, and the
    records that could not be decoded (kept in ``sync_errors``); ``failures`` the resources
    the run could not finish (the API failed; their checkpoint did not move).
    """

    api: str
    run_id: int
    full: bool
    tables: dict[str, Counts] = attrs.Factory(dict)
    failures: list[str] = attrs.Factory(list)
    #: Requests sent, as the client's rate limiter counted them (retries included); with no
    #: limiter, the pages and records the mirror asked for.
    requests: int = 0
    rate_limited: int = 0
    elapsed: float = 0.0

    @property
    def errors(self) -> int:
        """Records kept in ``sync_errors`` by this run."""
        return sum(counts.errors for counts in self.tables.values())

    @property
    def ok(self) -> bool:
        """Every resource finished and every record decoded."""
        return not self.failures and not self.errors

    def counts(self, table: RecordTable) -> Counts:
        return self.tables.setdefault(table.name, Counts())


@attrs.define
class Run:
    """Everything the resource jobs of one run share."""

    client: BaseClient
    db: Database
    summary: MirrorSummary
    full: bool
    overlap: timedelta
    progress: Progress
    #: Requests the mirror asked the client for (pages and gets; not retries).
    calls: int = 0
    started: float = attrs.Factory(time.perf_counter)

    @property
    def run_id(self) -> int:
        return self.summary.run_id

    async def checkpoint(self, resource: str) -> datetime | None:
        """Where the next incremental listing of ``resource`` starts (None: list it all)."""

        async def read(connection: AsyncConnection) -> datetime | None:
            result = await connection.execute(
                sa.select(SYNC_STATE.c.checkpoint).where(SYNC_STATE.c.resource == resource)
            )
            found: datetime | None = result.scalar_one_or_none()
            return found

        found = await self.db.read(read)
        return None if found is None else found - self.overlap


async def stop(tasks: Iterable[asyncio.Future[Any]]) -> None:
    """Cancel ``tasks`` and wait until they end, cancelling again any that went on (code
    under a task, an HTTP stack for one, may swallow a cancellation and carry on)."""
    pending = {task for task in tasks if not task.done()}
    while pending:
        for task in pending:
            task.cancel()
        _, pending = await asyncio.wait(pending, timeout=1.0)


async def start_run(db: Database, api: str, full: bool) -> int:
    """Record a new run; runs still marked running died without saying so (a kill)."""

    async def start(writer: Writer) -> int:
        await writer.connection.execute(
            sa.update(SYNC_RUNS).where(SYNC_RUNS.c.status == "running").values(status="interrupted")
        )
        result = await writer.connection.execute(
            sa.insert(SYNC_RUNS).values(
                api=api, full_run=full, started_at=writer.now, status="running"
            )
        )
        key = result.inserted_primary_key
        assert key is not None
        return int(key[0])

    return await db.write(0, start)


async def finish_run(db: Database, summary: MirrorSummary, status: str) -> None:
    async def finish(writer: Writer) -> None:
        await writer.connection.execute(
            sa.update(SYNC_RUNS)
            .where(SYNC_RUNS.c.id == summary.run_id)
            .values(
                status=status,
                finished_at=writer.now,
                requests=summary.requests,
                rate_limited=summary.rate_limited,
                errors=summary.errors,
            )
        )

    await db.write(summary.run_id, finish)
