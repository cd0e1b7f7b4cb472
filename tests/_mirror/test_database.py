"""The database side of the mirror: URLs users give, failures in the mirror's own terms, and
arguments refused before anything is sent."""

from __future__ import annotations

import socket
import sys
from datetime import timedelta

import pytest

import jbcrm
from jbcrm._mirror._database import async_url


@pytest.mark.parametrize(
    ("given", "used"),
    [
        ("sqlite:///jb.db", "sqlite+aiosqlite:///jb.db"),
        ("sqlite:////var/lib/jb.db", "sqlite+aiosqlite:////var/lib/jb.db"),
        ("postgresql://ann@db.local/crm", "postgresql+asyncpg://ann@db.local/crm"),
        ("postgres://ann@db.local:5433/crm", "postgresql+asyncpg://ann@db.local:5433/crm"),
        ("postgresql+asyncpg://ann@db.local/crm", "postgresql+asyncpg://ann@db.local/crm"),
    ],
)
def test_plain_urls_get_the_async_driver(given: str, used: str) -> None:
    assert async_url(given).render_as_string() == used


@pytest.mark.parametrize("url", ["mysql://ann@db.local/crm", "not a url", "oracle:///x"])
def test_databases_other_than_sqlite_and_postgresql_are_refused(url: str) -> None:
    with pytest.raises(jbcrm.ConfigurationError, match=r"sqlite:///path/to/file\.db"):
        async_url(url)


async def test_an_unreachable_database_raises_mirror_error_without_its_password(
    jetbuilt: jbcrm.Jetbuilt,
) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"postgresql://ann:s3cret-pw@127.0.0.1:{port}/crm"
    with pytest.raises(jbcrm.MirrorError) as caught:
        await jbcrm.mirror(jetbuilt, url, resources=["users"])
    error = caught.value
    assert f"postgresql+asyncpg://ann:***@127.0.0.1:{port}/crm" in str(error)
    assert "s3cret-pw" not in str(error)
    assert "s3cret-pw" not in repr(error)
    assert error.__cause__ is None
    assert error.__suppress_context__


async def test_a_client_of_another_kind_is_refused(sqlite_url: str) -> None:
    with pytest.raises(jbcrm.InvalidArgumentError, match=r"jbcrm\.Jetbuilt or jbcrm\.JetpackCRM"):
        await jbcrm.mirror(object(), sqlite_url)  # type: ignore[arg-type]


async def test_a_negative_overlap_is_refused(jetbuilt: jbcrm.Jetbuilt, sqlite_url: str) -> None:
    with pytest.raises(jbcrm.InvalidArgumentError, match="overlap"):
        await jbcrm.mirror(jetbuilt, sqlite_url, overlap=timedelta(minutes=-1))


async def test_without_the_db_extra_the_error_says_what_to_install(
    jetbuilt: jbcrm.Jetbuilt, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "jbcrm._mirror._main", None)
    with pytest.raises(jbcrm.ConfigurationError) as caught:
        await jbcrm.mirror(jetbuilt, sqlite_url)
    assert caught.value.hint == "pip install 'jbcrm[db]'"


def test_importing_jbcrm_does_not_need_the_db_extra() -> None:
    import subprocess

    code = (
        "import sys; sys.modules['sqlalchemy'] = None; import jbcrm; print(callable(jbcrm.mirror))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "True", done.stderr
