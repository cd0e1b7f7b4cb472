"""The database a mirror writes to: URL, engine, schema, and one writer at a time.

Users give plain URLs (``sqlite:///jb.db``, ``postgresql://user@host/db``); the async
driver (aiosqlite, asyncpg) is chosen here. Every write goes through :meth:`Database.write`,
one transaction at a time: SQLite allows a single writer anyway, and a transaction that is
not committed leaves nothing behind (a crash loses only uncommitted work; Ctrl-C lets the
transaction under way finish first).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Coroutine
from datetime import datetime, timezone
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.engine import URL
from sqlalchemy.exc import ArgumentError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine
from sqlalchemy.pool import StaticPool

from jbcrm._core.errors import ConfigurationError
from jbcrm._mirror._schema import METADATA
from jbcrm._mirror._writer import Writer

T = TypeVar("T")

#: The async driver for each database the mirror supports.
DRIVERS = {"sqlite": "sqlite+aiosqlite", "postgresql": "postgresql+asyncpg"}
_ALIASES = {"postgres": "postgresql"}
#: How long SQLite waits for another connection's lock before failing (ms).
SQLITE_BUSY_TIMEOUT = 30_000


def async_url(text: str | URL) -> URL:
    """The URL with its async driver: ``sqlite:///jb.db`` -> ``sqlite+aiosqlite:///jb.db``."""
    try:
        url = sa.make_url(text)
    except ArgumentError:
        raise ConfigurationError(
            f"not a database URL: {text!r}",
            hint="use sqlite:///path/to/file.db or postgresql://user:password@host/database",
        ) from None
    backend = _ALIASES.get(url.get_backend_name(), url.get_backend_name())
    if backend not in DRIVERS:
        raise ConfigurationError(
            f"the mirror writes to SQLite or PostgreSQL, not {backend!r}",
            hint="use sqlite:///path/to/file.db or postgresql://user:password@host/database",
        )
    return url.set(drivername=DRIVERS[backend])


def describe(url: URL) -> str:
    """The URL as it may be shown: without its password."""
    return url.render_as_string(hide_password=True)


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Database:
    """An open database with the mirror's schema, written one transaction at a time."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self.url = engine.url
        self._lock = asyncio.Lock()

    @classmethod
    async def open(cls, url: str | URL) -> Database:
        """Connect and create whatever tables are missing."""
        target = async_url(url)
        options: dict[str, Any] = {}
        if target.get_backend_name() == "sqlite" and target.database in (None, "", ":memory:"):
            # Every new connection to an in-memory database is another, empty database.
            options["poolclass"] = StaticPool
        engine = create_async_engine(target, **options)
        if target.get_backend_name() == "sqlite":
            sa.event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        database = cls(engine)
        try:
            async with engine.begin() as connection:
                await connection.run_sync(METADATA.create_all)
        except BaseException:
            await engine.dispose()
            raise
        return database

    async def close(self) -> None:
        await self.engine.dispose()

    async def write(self, run_id: int, work: Callable[[Writer], Awaitable[T]]) -> T:
        """``work`` in one transaction: committed when it returns, rolled back if it raises.
        Once started, the transaction finishes even if the caller is cancelled meanwhile
        (a statement cut off halfway can leave its connection unusable); the cancellation
        goes on right after."""
        return await _unstoppable(self._write(run_id, work))

    async def read(self, work: Callable[[AsyncConnection], Awaitable[T]]) -> T:
        """``work`` on a connection for reading (between writes), not cut off halfway."""
        return await _unstoppable(self._read(work))

    async def _write(self, run_id: int, work: Callable[[Writer], Awaitable[T]]) -> T:
        async with self._lock, self.engine.begin() as connection:
            return await work(Writer(connection, run_id, utcnow()))

    async def _read(self, work: Callable[[AsyncConnection], Awaitable[T]]) -> T:
        async with self._lock, self.engine.connect() as connection:
            return await work(connection)


async def _unstoppable(work: Coroutine[Any, Any, T]) -> T:
    task = asyncio.ensure_future(work)
    try:
        return await asyncio.shield(task)
    except asyncio.CancelledError:
        await asyncio.wait([task])
        raise


def _sqlite_pragmas(connection: Any, _: object) -> None:
    cursor = connection.cursor()
    # Foreign keys are off by default in SQLite; WAL lets readers query during a sync, and
    # with it NORMAL syncs to disk at checkpoints instead of every commit: a power cut may
    # lose the last commits, never consistency (the sync state is in the same transactions).
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT}")
    cursor.close()
