"""Writes inside one transaction: upserts that touch only changed rows, rows marked deleted,
checkpoints and bad records.

A row is written when it is new, when its JSON changed (``raw_hash``), when it was marked
deleted and is back, or when the run rewrites everything (``force``, a ``--full`` run).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

import attrs
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection

from jbcrm._mirror._schema import SYNC_ERRORS, SYNC_STATE, RecordTable, raw_hash

Key = tuple[Any, ...]


@attrs.frozen
class Record:
    """A row to write: its typed columns (key columns included) and the record's JSON."""

    columns: Mapping[str, Any]
    raw: Any

    @property
    def hash(self) -> str:
        return raw_hash(self.raw)


@attrs.define
class Counts:
    """What writing did to one table."""

    inserted: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    errors: int = 0

    @property
    def changed(self) -> int:
        return self.inserted + self.updated + self.deleted

    def add(self, other: Counts) -> None:
        self.inserted += other.inserted
        self.updated += other.updated
        self.deleted += other.deleted
        self.unchanged += other.unchanged
        self.errors += other.errors


def key_of(spec: RecordTable, columns: Mapping[str, Any]) -> Key:
    return tuple(columns[c.name] for c in spec.table.primary_key.columns)


def describe_key(spec: RecordTable, columns: Mapping[str, Any]) -> str:
    """``project_id=97000,id=1900003``: how a record is named in ``sync_errors``."""
    return ",".join(f"{c.name}={columns.get(c.name)}" for c in spec.table.primary_key.columns)


class Writer:
    """The operations of one transaction (see :meth:`Database.write`)."""

    def __init__(self, connection: AsyncConnection, run_id: int, now: datetime) -> None:
        self.connection = connection
        self.run_id = run_id
        self.now = now

    async def upsert_changed(
        self, spec: RecordTable, records: Sequence[Record], *, force: bool = False
    ) -> tuple[Counts, list[Record]]:
        """Insert or update ``records`` (unchanged rows are left alone unless ``force``);
        returns the counts and the records whose JSON changed (or that are new)."""
        counts = Counts()
        changed: list[Record] = []
        if not records:
            return counts, changed
        stored = await self._stored(spec, [key_of(spec, r.columns) for r in records])
        rows = []
        for record in records:
            digest = record.hash
            known = stored.get(key_of(spec, record.columns))
            if known is None:
                counts.inserted += 1
                changed.append(record)
            elif known != (digest, False):
                counts.updated += 1
                changed.append(record)
            else:
                counts.unchanged += 1
                if not force:
                    continue
            rows.append(
                {**record.columns, "raw": record.raw, "raw_hash": digest, "synced_at": self.now,
                 "run_id": self.run_id, "deleted_at": None}
            )  # fmt: skip
        await self.write_rows(spec.table, rows)
        return counts, changed

    async def write_rows(self, table: sa.Table, rows: list[dict[str, Any]]) -> None:
        """Insert or update whole rows (every row with the same columns)."""
        if rows:
            statement = _upsert(self.connection.dialect.name, table, tuple(rows[0]))
            await self.connection.execute(statement, rows)

    async def touch(self, spec: RecordTable, where: sa.ColumnElement[bool]) -> None:
        """Count rows as seen by this run without changing them (a record still listed whose
        JSON could not be read keeps its last good row)."""
        await self.connection.execute(sa.update(spec.table).where(where).values(run_id=self.run_id))

    async def mark_deleted(self, spec: RecordTable, where: sa.ColumnElement[bool]) -> int:
        """Set ``deleted_at`` on the live rows matching ``where``; returns how many."""
        table = spec.table
        result = await self.connection.execute(
            sa.update(table)
            .where(table.c.deleted_at.is_(None), where)
            .values(deleted_at=self.now, run_id=self.run_id)
        )
        return int(result.rowcount or 0)

    async def not_seen(self, spec: RecordTable, scope: sa.ColumnElement[bool]) -> int:
        """After a complete listing that wrote every row it found: mark deleted what it did
        not find (under ``scope``)."""
        return await self.mark_deleted(spec, sa.and_(scope, spec.table.c.run_id != self.run_id))

    async def replace_inside(
        self,
        spec: RecordTable,
        owner: str,
        held: Mapping[Any, Sequence[Record]],
        *,
        force: bool = False,
        keep: Iterable[Key] = (),
    ) -> Counts:
        """What some parents hold, complete: ``held`` maps each parent's id (in column
        ``owner``) to all of its records. They are upserted, and the parents' other rows are
        marked deleted unless their key is in ``keep`` (records still there that could not be
        read). A few statements for any number of parents."""
        counts = Counts()
        if not held:
            return counts
        table = spec.table
        key_columns = list(table.primary_key.columns)
        result = await self.connection.execute(
            sa.select(*key_columns, table.c.raw_hash, table.c.deleted_at).where(
                table.c[owner].in_(list(held))
            )
        )
        stored = {tuple(row[: len(key_columns)]): row for row in result}
        rows = []
        listed = set(keep)
        for records in held.values():
            for record in records:
                key = key_of(spec, record.columns)
                listed.add(key)
                digest = record.hash
                known = stored.get(key)
                if known is None:
                    counts.inserted += 1
                elif known.raw_hash != digest or known.deleted_at is not None:
                    counts.updated += 1
                else:
                    counts.unchanged += 1
                    if not force:
                        continue
                rows.append(
                    {**record.columns, "raw": record.raw, "raw_hash": digest,
                     "synced_at": self.now, "run_id": self.run_id, "deleted_at": None}
                )  # fmt: skip
        await self.write_rows(table, rows)
        gone = [key for key, row in stored.items() if key not in listed and row.deleted_at is None]
        if gone:
            counts.deleted += await self.mark_deleted(spec, sa.tuple_(*key_columns).in_(gone))
        return counts

    async def record_error(
        self, resource: str, record_key: str, error: str, message: str, raw: Any = None
    ) -> None:
        """Keep a record that could not be read (with its JSON, when there is one), or a
        resource the API failed on, in ``sync_errors``."""
        await self.connection.execute(
            sa.insert(SYNC_ERRORS).values(
                run_id=self.run_id, resource=resource, record_key=record_key[:200],
                error=error[:100], message=message, raw=raw, created_at=self.now,
            )
        )  # fmt: skip

    async def set_checkpoint(self, resource: str, checkpoint: datetime | None) -> None:
        """The instant the next incremental listing of ``resource`` starts from."""
        row = {"resource": resource, "checkpoint": checkpoint, "completed_at": self.now,
               "run_id": self.run_id}  # fmt: skip
        await self.write_rows(SYNC_STATE, [row])

    async def _stored(self, spec: RecordTable, keys: Iterable[Key]) -> dict[Key, tuple[str, bool]]:
        table = spec.table
        key_columns = list(table.primary_key.columns)
        wanted = list(keys)
        match: sa.ColumnElement[bool]
        if len(key_columns) == 1:
            match = key_columns[0].in_([key[0] for key in wanted])
        else:
            match = sa.tuple_(*key_columns).in_(wanted)
        query = sa.select(*key_columns, table.c.raw_hash, table.c.deleted_at).where(match)
        result = await self.connection.execute(query)
        return {
            tuple(row[: len(key_columns)]): (row.raw_hash, row.deleted_at is not None)
            for row in result
        }


@functools.cache
def _upsert(dialect_name: str, table: sa.Table, columns: tuple[str, ...]) -> Any:
    """INSERT ... ON CONFLICT (key) DO UPDATE, built once per table and column set (executed
    with many rows at a time, it is compiled once too)."""
    dialect = postgresql if dialect_name == "postgresql" else sqlite
    statement = dialect.insert(table)
    keys = [c.name for c in table.primary_key.columns]
    changing = {name: statement.excluded[name] for name in columns if name not in keys}
    return statement.on_conflict_do_update(index_elements=keys, set_=changing)
