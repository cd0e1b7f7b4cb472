"""How the mirror's tables are declared: once, in SQLAlchemy Core, for SQLite and PostgreSQL.

Every record table has the API's ids as its primary key (composite where an id is only unique
under a parent), typed columns for the fields people query, read from the SDK's model
attributes, and the same bookkeeping columns: ``raw`` (the record's JSON as the API sent it),
``raw_hash`` (to write only rows that changed), ``synced_at``, ``run_id`` (the run that wrote
the row last) and ``deleted_at`` (set when a full run no longer finds the record).

Besides them: ``sync_runs`` (one row per run), ``sync_state`` (per-resource checkpoints) and
``sync_errors`` (records that could not be decoded, with their JSON).
"""

from __future__ import annotations

import enum
import hashlib
import json
from collections.abc import Mapping, Sequence
from typing import Any

import attrs
import sqlalchemy as sa

from jbcrm._mirror._types import RAW_JSON, UTCDateTime

METADATA = sa.MetaData()
#: Part of every row hash: a new version that reads the models differently rewrites rows.
SCHEMA_VERSION = 1

ID = sa.BigInteger()
SERIAL = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
BOOKKEEPING = ("raw", "raw_hash", "synced_at", "run_id", "deleted_at")


@attrs.frozen
class Field:
    """A typed column, read from the model attribute ``path`` (dotted; the column's name when
    not given). Money (a Decimal on the models) is stored as it is, an enum as its value (or,
    for a numeric code, its name in lower case)."""

    name: str
    type: Any
    path: str | None = None
    index: bool = False

    def read(self, model: object) -> Any:
        value: Any = model
        for part in (self.path or self.name).split("."):
            value = getattr(value, part, None)
            if value is None:
                return None
        if isinstance(value, enum.Enum):
            # A numeric code (a quote's status is -1, -2 or 1) reads better as its name.
            return value.value if isinstance(value.value, str) else value.name.lower()
        if isinstance(self.type, sa.String) and not isinstance(value, str):
            return str(value)
        return value


@attrs.frozen
class RecordTable:
    """One resource's table, the columns of its key, and how a model fills the typed columns."""

    table: sa.Table
    keys: tuple[str, ...]
    fields: tuple[Field, ...]

    @property
    def name(self) -> str:
        return self.table.name

    def row(self, model: object, keys: Mapping[str, Any]) -> dict[str, Any]:
        """The typed columns of ``model`` under ``keys`` (bookkeeping is added when written)."""
        row = dict(keys)
        for field in self.fields:
            row[field.name] = field.read(model)
        return row


def record_table(
    name: str,
    keys: Sequence[str],
    fields: Sequence[Field],
    *,
    parent: tuple[str, str] | None = None,
    extra: Sequence[sa.Column[Any]] = (),
) -> RecordTable:
    """Declare a record table. ``parent`` is ``(column, "table.column")``: a foreign key from
    this table to the record it lives under, removed with it."""
    owner, target = parent if parent is not None else ("", "")

    def reference() -> list[sa.ForeignKey]:
        return [sa.ForeignKey(target, ondelete="CASCADE")] if parent is not None else []

    columns: list[sa.Column[Any]] = [
        sa.Column(key, ID, *(reference() if key == owner else []), primary_key=True) for key in keys
    ]
    if parent is not None and owner not in keys:
        columns.append(sa.Column(owner, ID, *reference(), nullable=False, index=True))
    taken = {*keys, owner}
    columns += [sa.Column(f.name, f.type, index=f.index) for f in fields if f.name not in taken]
    columns += [
        *extra,
        sa.Column("raw", RAW_JSON, nullable=False),
        sa.Column("raw_hash", sa.String(64), nullable=False),
        sa.Column("synced_at", UTCDateTime(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("deleted_at", UTCDateTime(), nullable=True),
    ]
    table = sa.Table(name, METADATA, *columns)
    return RecordTable(table, tuple(keys), tuple(f for f in fields if f.name not in taken))


def raw_hash(raw: object) -> str:
    """The digest of a record's JSON, independent of key order."""
    text = json.dumps(raw, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(f"{SCHEMA_VERSION}:{text}".encode()).hexdigest()


SYNC_RUNS = sa.Table(
    "sync_runs",
    METADATA,
    sa.Column("id", SERIAL, primary_key=True, autoincrement=True),
    sa.Column("api", sa.String(20), nullable=False),
    sa.Column("full_run", sa.Boolean(), nullable=False),
    sa.Column("started_at", UTCDateTime(), nullable=False),
    sa.Column("finished_at", UTCDateTime()),
    #: running, completed, failed (an error stopped it) or interrupted (cancelled).
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("requests", sa.Integer()),
    sa.Column("rate_limited", sa.Integer()),
    sa.Column("errors", sa.Integer()),
)

SYNC_STATE = sa.Table(
    "sync_state",
    METADATA,
    #: ``jetbuilt.projects``, ``jetbuilt.products[db=3]``, ``jetpack.customers``.
    sa.Column("resource", sa.String(200), primary_key=True),
    #: Incremental listings ask for records updated since this instant (minus the overlap).
    sa.Column("checkpoint", UTCDateTime()),
    sa.Column("completed_at", UTCDateTime(), nullable=False),
    sa.Column("run_id", sa.Integer(), nullable=False),
)

SYNC_ERRORS = sa.Table(
    "sync_errors",
    METADATA,
    sa.Column("id", SERIAL, primary_key=True, autoincrement=True),
    sa.Column("run_id", sa.Integer(), nullable=False, index=True),
    sa.Column("resource", sa.String(100), nullable=False),
    #: The record's key as ``project_id=97000,id=1900003``, or ``""`` when it is not known.
    sa.Column("record_key", sa.String(200), nullable=False),
    sa.Column("error", sa.String(100), nullable=False),
    sa.Column("message", sa.Text(), nullable=False),
    #: The record's JSON when it could be read at all.
    sa.Column("raw", RAW_JSON),
    sa.Column("created_at", UTCDateTime(), nullable=False),
)
