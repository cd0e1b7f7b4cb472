"""Mirror a Jetbuilt account or a Jetpack CRM into SQLite or PostgreSQL, incrementally.

:func:`mirror` is the library call behind ``jbcrm sync``. It needs the ``db`` extra
(``pip install 'jbcrm[db]'``: SQLAlchemy, aiosqlite, asyncpg), which is imported only when
it runs, so ``import jbcrm`` never needs it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import TYPE_CHECKING

from jbcrm._core.client import BaseClient
from jbcrm._core.errors import ConfigurationError
from jbcrm._mirror._errors import MirrorError

if TYPE_CHECKING:
    from jbcrm._mirror._run import MirrorSummary, Progress

#: Where :func:`mirror` writes when given no database: a SQLite file in the current folder.
DEFAULT_DATABASE = "sqlite:///jbcrm.db"

__all__ = ["DEFAULT_DATABASE", "MirrorError", "mirror"]


async def mirror(
    client: BaseClient,
    database: str = DEFAULT_DATABASE,
    *,
    full: bool = False,
    resources: Sequence[str] | None = None,
    overlap: timedelta = timedelta(minutes=10),
    progress: Progress | None = None,
) -> MirrorSummary:
    """Copy what ``client`` (a :class:`~jbcrm.Jetbuilt` or :class:`~jbcrm.JetpackCRM`) can
    list into ``database`` (``sqlite:///path.db`` or ``postgresql://user:pw@host/db``), and
    return a summary of what changed.

    Tables are created when missing; every page is written in its own transaction and a
    checkpoint moves only once what it covers is committed, so a run that is interrupted
    loses nothing and the next one continues. Jetbuilt projects, products and purchase orders
    are listed from their checkpoint (minus ``overlap``), and a project's line items,
    options, rooms and systems are fetched only when the project changed; the other
    collections (and all of Jetpack CRM) are listed whole and only changed rows are written.
    ``full=True`` lists and rewrites everything and marks deleted (``deleted_at``) the rows
    the API no longer lists. ``resources`` picks some collections (``"projects"``,
    ``"clients"``, ... for Jetbuilt; ``"customers"``, ... for Jetpack CRM).

    Records that do not decode are kept with their JSON in ``sync_errors`` and counted in the
    summary; they do not stop the run. A failing database raises :class:`MirrorError`.
    """
    try:
        from jbcrm._mirror._main import run_mirror
    except ModuleNotFoundError as exc:
        raise ConfigurationError(
            f"jbcrm.mirror needs the db extra (missing {exc.name})",
            hint="pip install 'jbcrm[db]'",
        ) from None
    return await run_mirror(
        client, database, full=full, resources=resources, overlap=overlap, progress=progress
    )
