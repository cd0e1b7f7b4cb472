"""``jbcrm sync``: mirror a Jetbuilt account or a Jetpack CRM into SQLite or PostgreSQL.

On a terminal, progress bars per resource (totals from ``X-Total-Count``, an ETA from the
rate limit) and a closing table; otherwise only the summary, as plain lines.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import sys
from collections.abc import Iterator
from datetime import timedelta
from typing import TYPE_CHECKING

import jbcrm
from jbcrm._cli import hints
from jbcrm._cli.export import _client, terminal
from jbcrm._core.client import BaseClient
from jbcrm._mirror import DEFAULT_DATABASE
from jbcrm._mirror._run import Progress, Quiet

if TYPE_CHECKING:
    from rich.console import Console

    from jbcrm._cli.sync_view import Pace

#: Where the database URL comes from when ``--db`` is not given (a URL may hold a password,
#: and flags show in process lists).
DATABASE_ENV = "JBCRM_DATABASE_URL"


def sync(args: argparse.Namespace) -> int:
    """0 when everything was mirrored; 1 when a resource failed or records did not decode;
    2 for a configuration error."""
    return asyncio.run(_sync(args))


async def _sync(args: argparse.Namespace) -> int:
    from jbcrm._cli.sync_view import Pace, print_plain, print_summary

    database = args.db or os.environ.get(DATABASE_ENV) or DEFAULT_DATABASE
    limit = jbcrm.JETBUILT_RATE_LIMIT if args.api == "jetbuilt" else jbcrm.JETPACKCRM_RATE_LIMIT
    pace = Pace.of(limit)
    console = terminal()
    try:
        async with _client(args) as client:
            with _progress(console, client, pace) as progress:
                summary = await jbcrm.mirror(
                    client,
                    database,
                    full=args.full,
                    resources=args.resources,
                    overlap=timedelta(minutes=args.overlap),
                    progress=progress,
                )
    except jbcrm.JBCRMError as exc:
        for line in hints.describe(exc):
            print(f"jbcrm sync: {line}", file=sys.stderr)
        return 2 if isinstance(exc, jbcrm.ConfigurationError) else 1
    if console is not None:
        print_summary(console, summary, pace)
    else:
        print_plain(sys.stdout, summary, pace)
    return 0 if summary.ok else 1


@contextlib.contextmanager
def _progress(console: Console | None, client: BaseClient, pace: Pace) -> Iterator[Progress]:
    """Live bars on a terminal; nothing otherwise."""
    if console is None:
        yield Quiet()
        return
    from jbcrm._cli.sync_view import LiveProgress

    start = client.rate_limit_stats

    def numbers() -> tuple[int, int]:
        now = client.rate_limit_stats
        if now is None or start is None:
            return 0, 0
        return now.requests - start.requests, now.rate_limited - start.rate_limited

    with LiveProgress(console, pace, numbers) as live:
        yield live
