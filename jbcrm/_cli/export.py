"""``jbcrm export``: stream every record of a collection to JSON lines or flat CSV.

JSON lines hold each record exactly as the API sent it. CSV cells are flattened (see
:mod:`jbcrm._cli.flatten`). On a terminal a progress line shows records and pages so far;
when standard error is not a terminal only the closing summary is printed.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import csv
import json
import sys
import tempfile
from collections.abc import AsyncIterator, Iterator
from typing import IO, TYPE_CHECKING, Any, Protocol

import jbcrm
from jbcrm._cli import hints
from jbcrm._cli.exportable import Collection, collections
from jbcrm._cli.flatten import flatten
from jbcrm._core.client import BaseClient

if TYPE_CHECKING:
    from rich.console import Console


def export(args: argparse.Namespace) -> int:
    """Run the export; 0 on success, 1 when the API failed, 2 for a configuration error."""
    return asyncio.run(_export(args))


async def _export(args: argparse.Namespace) -> int:
    collection = collections(args.api)[args.resource]
    ids = {parent: getattr(args, parent) for parent in collection.parents}
    try:
        async with _client(args) as client:
            with (
                _open(args.output) as out,
                _writer(args.format, out) as writer,
                _progress(args.resource) as progress,
            ):
                count = 0
                async for record in _records(collection, client, ids, progress):
                    writer.write(record)
                    count += 1
                    progress.advance()
                    if args.max is not None and count >= args.max:
                        break
    except jbcrm.JBCRMError as exc:
        for line in hints.describe(exc):
            print(f"jbcrm export: {line}", file=sys.stderr)
        return 2 if isinstance(exc, jbcrm.ConfigurationError) else 1
    where = "standard output" if args.output == "-" else args.output
    print(f"exported {count:,} records of {args.resource} to {where}", file=sys.stderr)
    return 0


async def _records(
    collection: Collection, client: BaseClient, ids: dict[str, int], progress: Progress
) -> AsyncIterator[Any]:
    """Each record's JSON as the API sent it, page by page."""
    namespace = collection.namespace(client)
    args = [ids[parent] for parent in collection.parents]
    if collection.single:
        progress.page(1)
        yield (await namespace.get(*args)).raw
        return
    async with contextlib.aclosing(namespace.list(*args).pages()) as pages:
        async for page in pages:
            progress.page(page.total)
            for item in page.items:
                yield item.raw


def _client(args: argparse.Namespace) -> BaseClient:
    """The API client; credentials not given as flags come from the environment."""
    options: dict[str, Any] = {
        "timeout": args.timeout,
        "deadline": args.deadline,
        "max_retries": args.max_retries,
    }
    if args.api == "jetbuilt":
        base_url = args.base_url or jbcrm.JETBUILT_PRODUCTION_URL
        return jbcrm.Jetbuilt(api_key=args.api_key, base_url=base_url, **options)
    return jbcrm.JetpackCRM(
        args.base_url,
        api_key=args.api_key,
        api_secret=args.api_secret,
        route=args.route,
        allow_insecure_http=args.allow_insecure_http,
        **options,
    )


@contextlib.contextmanager
def _open(output: str) -> Iterator[IO[str]]:
    if output == "-":
        yield sys.stdout
        return
    with open(output, "w", encoding="utf-8", newline="") as file:
        yield file


class Progress(Protocol):
    def page(self, total: int | None) -> None: ...

    def advance(self) -> None: ...


class _Quiet:
    def page(self, total: int | None) -> None:
        pass

    def advance(self) -> None:
        pass


def terminal() -> Console | None:
    """A console on standard error when it is a terminal (and rich is installed)."""
    if not sys.stderr.isatty():
        return None
    try:
        from rich.console import Console
    except ModuleNotFoundError:
        return None
    return Console(stderr=True)


@contextlib.contextmanager
def _progress(what: str) -> Iterator[Progress]:
    console = terminal()
    if console is None:
        yield _Quiet()
        return
    from rich import progress as rich

    bar = rich.Progress(
        rich.SpinnerColumn(),
        rich.TextColumn("[bold]{task.description}"),
        rich.BarColumn(),
        rich.TextColumn("{task.completed:,.0f}{task.fields[of]} records"),
        rich.TextColumn("{task.fields[pages]} pages"),
        rich.TimeElapsedColumn(),
        console=console,
    )
    with bar:
        yield _RichProgress(bar, bar.add_task(what, total=None, of="", pages=0))


class _RichProgress:
    def __init__(self, bar: Any, task: Any) -> None:
        self._bar = bar
        self._task = task
        self._pages = 0

    def page(self, total: int | None) -> None:
        self._pages += 1
        if total is None:
            self._bar.update(self._task, pages=self._pages)
        else:
            self._bar.update(self._task, pages=self._pages, total=total, of=f" of {total:,}")

    def advance(self) -> None:
        self._bar.advance(self._task)


class Writer(Protocol):
    def write(self, record: Any) -> None: ...

    def close(self) -> None:
        """Finish the output (after the last record)."""

    def discard(self) -> None:
        """Free what the writer holds, finished or not."""


@contextlib.contextmanager
def _writer(format: str, out: IO[str]) -> Iterator[Writer]:
    writer: Writer = JsonLinesWriter(out) if format == "jsonl" else CsvWriter(out)
    try:
        yield writer
        writer.close()
    finally:
        writer.discard()


class JsonLinesWriter:
    """One JSON object per line, written as it arrives."""

    def __init__(self, out: IO[str]) -> None:
        self._out = out

    def write(self, record: Any) -> None:
        self._out.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")

    def close(self) -> None:
        self._out.flush()

    def discard(self) -> None:
        pass


class CsvWriter:
    """CSV with one column per flattened key seen in any record.

    The columns are only known at the end, so the flattened rows wait in a temporary file
    (not in memory) until :meth:`close` writes the header and then every row.
    """

    def __init__(self, out: IO[str]) -> None:
        self._out = out
        # Closed by discard(), whether the export finished or failed.
        self._spool = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115
        self._columns: dict[str, None] = {}

    def write(self, record: Any) -> None:
        row = flatten(record)
        self._columns.update(dict.fromkeys(row))
        self._spool.write(json.dumps(row, ensure_ascii=False) + "\n")

    def close(self) -> None:
        self._spool.seek(0)
        writer = csv.DictWriter(self._out, fieldnames=list(self._columns), restval="")
        writer.writeheader()
        for line in self._spool:
            writer.writerow(json.loads(line))
        self._out.flush()

    def discard(self) -> None:
        self._spool.close()
