"""Fixtures for the mirror tests: a database of each kind (SQLite always, a real PostgreSQL
server started for the session), and the integration tests' small sandboxes and clients."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import create_async_engine

from jbcrm._mirror._database import async_url
from tests._mirror.postgres_server import PostgresServer, running_postgres_server

# The small sandboxes (60 projects, 15 clients; 25 customers) and clients wired to them.
from tests.integration.conftest import SCALE, jb_sandbox, jetbuilt, jetpack, jp_sandbox

__all__ = ["SCALE", "jb_sandbox", "jetbuilt", "jetpack", "jp_sandbox"]

_names = itertools.count(1)


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    with running_postgres_server() as server:
        yield server


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database: a SQLite file, or a new database on the PostgreSQL server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'mirror.db'}"
    server: PostgresServer = request.getfixturevalue("postgres")
    return server.create_database(f"mirror_{next(_names)}")


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'mirror.db'}"


async def query(url: str, statement: str, **params: Any) -> list[sa.Row[Any]]:
    """Rows of a SQL query against the mirror's database."""
    engine = create_async_engine(async_url(url))
    try:
        async with engine.connect() as connection:
            result = await connection.execute(sa.text(statement), params)
            return list(result)
    finally:
        await engine.dispose()


def as_json(value: Any) -> Any:
    """A JSON column as read back: already decoded (JSONB) or text (SQLite)."""
    return json.loads(value) if isinstance(value, str) else value


async def count(url: str, table: str, where: str = "deleted_at IS NULL") -> int:
    rows = await query(url, f"SELECT count(*) FROM {table} WHERE {where}")
    return int(rows[0][0])
