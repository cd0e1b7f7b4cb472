"""Projects with what is inside them: line items, options, rooms and systems.

The listing asks only for projects updated since the checkpoint (minus the overlap). A listed
project whose ``updated_at`` is the one already stored, with its details read at that
``updated_at``, costs nothing more; any other is *due*: its detail, line items and options are
fetched and written in one transaction with the project. Whether a project is due is kept in
the database (``details_updated_at``), so a run that was killed, or a project whose details
failed, is picked up by the next run without listing anything again.

A listed project replaces the other versions of the same project (``original_version_id``):
Jetbuilt lists only the active version of each.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
from collections.abc import AsyncIterator, Sequence
from datetime import datetime
from typing import Any, TypeVar

import attrs
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from jbcrm._core.errors import (
    AuthenticationError,
    JBCRMError,
    NotFoundError,
    ResponseDecodeError,
)
from jbcrm._core.models import Model
from jbcrm._core.pagination import AsyncPaginator
from jbcrm._mirror._database import utcnow
from jbcrm._mirror._jetbuilt_tables import LINE_ITEMS, OPTIONS, PROJECTS, ROOMS, SYSTEMS
from jbcrm._mirror._records import Bad, Batch, batches
from jbcrm._mirror._run import Run, stop
from jbcrm._mirror._schema import RecordTable, raw_hash
from jbcrm._mirror._writer import Record, Writer
from jbcrm.jetbuilt.client import Jetbuilt
from jbcrm.jetbuilt.models import LineItem, Option, Project, ProjectDetail

M = TypeVar("M", bound=Model)

RESOURCE = "jetbuilt.projects"
LIST_TASK, DETAIL_TASK = "projects", "project details"
#: Requests a due project costs: its detail, its line items (usually one page), its options.
REQUESTS_PER_PROJECT = 3
INSIDE = (LINE_ITEMS, OPTIONS, ROOMS, SYSTEMS)
_PENDING_BATCH = 500
#: Due projects written in one transaction, at most.
WRITE_BATCH = 25


async def mirror_projects(run: Run, jb: Jetbuilt, *, workers: int) -> None:
    """List projects (changed ones, or all on a full run) and fetch the details of those due."""
    since = None if run.full else await run.checkpoint(RESOURCE)
    started = utcnow()
    for spec in (PROJECTS, *INSIDE):
        run.summary.counts(spec)  # every table the job covers is in the summary, even at 0
    job = _Details(run, jb, workers)
    run.progress.begin(LIST_TASK, requests_each=1 / 25)
    run.progress.begin(DETAIL_TASK, total=0, requests_each=REQUESTS_PER_PROJECT)
    fetchers = [asyncio.ensure_future(job.fetch()) for _ in range(workers)]
    writer = asyncio.ensure_future(job.write())
    feeding = asyncio.ensure_future(_feed(run, jb, job, since))
    try:
        # The writer only ever stops by failing; then the run stops with its error.
        await asyncio.wait([feeding, writer], return_when=asyncio.FIRST_COMPLETED)
        if writer.done():
            writer.result()
        feeding.result()
    finally:
        await stop([*fetchers, writer, feeding])
    if job.fatal is not None:
        raise job.fatal

    async def close(writer: Writer) -> None:
        if run.full:
            run.summary.counts(PROJECTS).deleted += await writer.not_seen(PROJECTS, sa.true())
            await _close_inside(run, writer)
        await writer.set_checkpoint(RESOURCE, started)

    await run.db.write(run.run_id, close)
    run.progress.end(DETAIL_TASK)


async def _feed(run: Run, jb: Jetbuilt, job: _Details, since: datetime | None) -> None:
    """Give the workers the projects left due by earlier runs, then those the listing finds
    due, and wait until every one is written."""
    if not run.full:
        async for project_id in _pending(run):
            await job.put(project_id)
        await job.drained()
    listing = jb.projects.list(min_updated_at=since)
    async for batch in batches(listing):
        if job.fatal is not None:
            break
        run.calls += 1
        run.progress.total(LIST_TASK, batch.total)

        async def page(writer: Writer, batch: Batch[Project] = batch) -> list[int]:
            for bad in batch.bad:
                await writer.record_error(
                    RESOURCE, f"id={bad.id}", "DecodeError", bad.message, bad.raw
                )
            return await _write_listed(run, writer, batch.good)

        due = await run.db.write(run.run_id, page)
        run.summary.counts(PROJECTS).errors += len(batch.bad)
        run.progress.advance(LIST_TASK, len(batch.good) + len(batch.bad))
        for project_id in due:
            await job.put(project_id)
    run.progress.end(LIST_TASK)
    await job.drained()


async def _pending(run: Run) -> AsyncIterator[int]:
    """Live projects whose details are not those of their ``updated_at``, in id order."""
    table = PROJECTS.table
    last = -1
    while True:

        async def read(connection: AsyncConnection, after: int = last) -> list[int]:
            result = await connection.execute(
                sa.select(table.c.id)
                .where(
                    table.c.deleted_at.is_(None),
                    table.c.id > after,
                    sa.or_(
                        table.c.details_updated_at.is_(None),
                        table.c.details_updated_at != table.c.updated_at,
                    ),
                )
                .order_by(table.c.id)
                .limit(_PENDING_BATCH)
            )
            return list(result.scalars())

        ids = await run.db.read(read)
        for project_id in ids:
            yield project_id
        if len(ids) < _PENDING_BATCH:
            return
        last = ids[-1]


async def _write_listed(run: Run, writer: Writer, projects: Sequence[Project]) -> list[int]:
    """Write the listed projects that are new or changed; return the ids that are due."""
    table = PROJECTS.table
    counts = run.summary.counts(PROJECTS)
    ids = [project.id for project in projects]
    result = await writer.connection.execute(
        sa.select(table.c.id, table.c.updated_at, table.c.details_updated_at, table.c.deleted_at)
        .where(table.c.id.in_(ids))
    )  # fmt: skip
    stored = {row.id: row for row in result}
    rows, due = [], []
    for project in projects:
        known = stored.get(project.id)
        details_at = None
        if known is None:
            counts.inserted += 1
            changed = True
        else:
            changed = known.deleted_at is not None or known.updated_at != project.updated_at
            counts.updated += changed
            counts.unchanged += not changed
            if not changed:
                details_at = known.details_updated_at
        if run.full or details_at is None or details_at != project.updated_at:
            due.append(project.id)
        if changed or run.full:
            row = PROJECTS.row(project, {"id": project.id})
            row.update(raw=project.raw, raw_hash=raw_hash(project.raw), synced_at=writer.now,
                       run_id=writer.run_id, deleted_at=None,
                       details_updated_at=details_at)  # fmt: skip
            rows.append(row)
    await writer.write_rows(table, rows)
    versions = {p.original_version_id for p in projects if p.original_version_id is not None}
    if versions:
        superseded = sa.and_(table.c.original_version_id.in_(versions), table.c.id.not_in(ids))
        replaced = await writer.mark_deleted(PROJECTS, superseded)
        if replaced:
            counts.deleted += replaced
            await _close_inside(run, writer)
    return due


async def _close_inside(run: Run, writer: Writer) -> None:
    """What is inside a deleted project is deleted with it."""
    gone = sa.select(PROJECTS.table.c.id).where(PROJECTS.table.c.deleted_at.is_not(None))
    for spec in INSIDE:
        where = spec.table.c.project_id.in_(gone)
        run.summary.counts(spec).deleted += await writer.mark_deleted(spec, where)


@attrs.frozen
class _Fetched:
    """What was read of one due project, waiting to be written."""

    project_id: int
    detail: ProjectDetail | None
    items: tuple[list[LineItem], list[Bad]]
    options: tuple[list[Option], list[Bad]]


class _Details:
    """Workers that fetch the details of due projects, and one writer that commits what they
    fetched, many projects per transaction (each project whole, with its row)."""

    def __init__(self, run: Run, jb: Jetbuilt, workers: int) -> None:
        self.run = run
        self.jb = jb
        self.queue: asyncio.Queue[int] = asyncio.Queue(maxsize=2 * workers)
        self.fetched: asyncio.Queue[_Fetched] = asyncio.Queue(maxsize=2 * workers)
        self.due = 0
        self.fatal: BaseException | None = None

    async def put(self, project_id: int) -> None:
        self.due += 1
        self.run.progress.total(DETAIL_TASK, self.due)
        await self.queue.put(project_id)

    async def drained(self) -> None:
        """Every project given so far is fetched and written."""
        await self.queue.join()
        await self.fetched.join()

    async def fetch(self) -> None:
        while True:
            project_id = await self.queue.get()
            try:
                fetched = None if self.fatal is not None else await self.one(project_id)
                if fetched is None:
                    self.run.progress.advance(DETAIL_TASK)
                else:
                    await self.fetched.put(fetched)
            except AuthenticationError as exc:
                self.fatal = exc
            finally:
                self.queue.task_done()

    async def write(self) -> None:
        while True:
            batch = [await self.fetched.get()]
            while len(batch) < WRITE_BATCH and not self.fetched.empty():
                batch.append(self.fetched.get_nowait())
            try:
                await self.run.db.write(self.run.run_id, functools.partial(self.store, batch=batch))
            finally:
                for _ in batch:
                    self.fetched.task_done()
            self.run.progress.advance(DETAIL_TASK, len(batch))

    async def one(self, project_id: int) -> _Fetched | None:
        """Fetch one project's detail, line items and options; None when there is nothing to
        write (the project is gone, or the API failed and it stays due)."""
        run, jb = self.run, self.jb
        detail: ProjectDetail | None = None
        try:
            try:
                run.calls += 1
                detail = await jb.projects.get(project_id)
            except ResponseDecodeError as exc:
                # The listed JSON (already stored) stays the project's row; what is inside
                # it is still read.
                await self.note(project_id, exc, {"excerpt": exc.excerpt})
            items = await self.every(jb.projects.items.list(project_id))
            options = await self.every(jb.projects.options.list(project_id))
        except AuthenticationError:
            raise
        except NotFoundError:

            async def gone(writer: Writer) -> None:
                where = PROJECTS.table.c.id == project_id
                run.summary.counts(PROJECTS).deleted += await writer.mark_deleted(PROJECTS, where)
                await _close_inside(run, writer)

            await run.db.write(run.run_id, gone)
            return None
        except JBCRMError as exc:
            # It stays due: the next run tries again.
            self.run.summary.failures.append(f"project {project_id}: {type(exc).__name__}")
            await self.note(project_id, exc)
            return None
        return _Fetched(project_id, detail, items, options)

    async def every(self, listing: AsyncPaginator[M]) -> tuple[list[M], list[Bad]]:
        """Every record of a project's listing (a few pages at most)."""
        good: list[M] = []
        bad: list[Bad] = []
        pages = batches(listing)
        async with contextlib.aclosing(pages):
            async for batch in pages:
                self.run.calls += 1
                good += batch.good
                bad += batch.bad
        return good, bad

    async def store(self, writer: Writer, *, batch: list[_Fetched]) -> None:
        """The projects and everything inside them, in one transaction."""
        run, table = self.run, PROJECTS.table
        rows = []
        for fetched in batch:
            detail = fetched.detail
            if detail is None:
                await writer.connection.execute(
                    sa.update(table)
                    .where(table.c.id == fetched.project_id)
                    .values(details_updated_at=table.c.updated_at, run_id=writer.run_id)
                )
                continue
            row = PROJECTS.row(detail, {"id": fetched.project_id})
            row.update(raw=detail.raw, raw_hash=raw_hash(detail.raw), synced_at=writer.now,
                       run_id=writer.run_id, deleted_at=None,
                       details_updated_at=detail.updated_at)  # fmt: skip
            rows.append(row)
        await writer.write_rows(table, rows)
        inside: dict[RecordTable, dict[int, list[Record]]] = {spec: {} for spec in INSIDE}
        unread: dict[RecordTable, list[tuple[int, Bad]]] = {spec: [] for spec in INSIDE}
        for fetched in batch:
            parts: list[tuple[RecordTable, Sequence[Any], list[Bad]]] = [
                (LINE_ITEMS, *fetched.items),
                (OPTIONS, *fetched.options),
            ]
            if fetched.detail is not None:
                parts += [(ROOMS, fetched.detail.rooms, []), (SYSTEMS, fetched.detail.systems, [])]
            for spec, models, bad in parts:
                parent = {"project_id": fetched.project_id}
                inside[spec][fetched.project_id] = [
                    Record(spec.row(m, {**parent, "id": m.id}), m.raw) for m in models
                ]
                unread[spec] += [(fetched.project_id, record) for record in bad]
        for spec in INSIDE:
            keep = [(project_id, record.id) for project_id, record in unread[spec]]
            counts = await writer.replace_inside(
                spec, "project_id", inside[spec], force=run.full, keep=keep
            )
            counts.errors += len(keep)
            run.summary.counts(spec).add(counts)
            for project_id, record in unread[spec]:
                key = f"project_id={project_id},id={record.id}"
                await writer.record_error(RESOURCE, key, "DecodeError", record.message, record.raw)

    async def note(self, project_id: int, error: JBCRMError, raw: Any = None) -> None:
        """Keep what went wrong with a project's details in ``sync_errors``."""
        await self.run.db.write(
            self.run.run_id,
            lambda writer: writer.record_error(
                RESOURCE, f"id={project_id}", type(error).__name__, str(error), raw
            ),
        )
        self.run.summary.counts(PROJECTS).errors += 1
