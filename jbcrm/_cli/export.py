"""``jbcrm export``: stream every record of a collection, exactly as the API sent it."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import csv
import json
import sys
from collections.abc import Iterator, Mapping
from typing import IO, Any

import jbcrm
from jbcrm import JetpackCRM
from jbcrm._core.client import BaseClient
from jbcrm._core.pagination import AsyncPaginator


def export(args: argparse.Namespace) -> int:
    """Run the export; 0 on success, 1 when the API failed, 2 for missing credentials."""
    return asyncio.run(_export(args))


async def _export(args: argparse.Namespace) -> int:
    try:
        count = await _write_records(args)
    except jbcrm.ConfigurationError as exc:
        print(f"jbcrm export: {exc}", file=sys.stderr)
        return 2
    except jbcrm.JBCRMError as exc:
        print(f"jbcrm export: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    where = "standard output" if args.output == "-" else args.output
    print(f"exported {count:,} {args.resource} to {where}", file=sys.stderr)
    return 0


async def _write_records(args: argparse.Namespace) -> int:
    async with _client(args) as client:
        paginator: AsyncPaginator[jbcrm.Model] = getattr(client, args.resource).list()
        with _open(args.output) as out:
            writer = JsonLinesWriter(out) if args.format == "jsonl" else CsvWriter(out)
            count = 0
            async for record in paginator:
                writer.write(record.raw)
                count += 1
                if args.max is not None and count >= args.max:
                    break
            writer.close()
    return count


def _client(args: argparse.Namespace) -> BaseClient:
    """The API client; credentials not given as flags come from the environment."""
    if args.api == "jetbuilt":
        base_url = args.base_url or jbcrm.JETBUILT_PRODUCTION_URL
        return jbcrm.Jetbuilt(api_key=args.api_key, base_url=base_url)
    return JetpackCRM(args.base_url, api_key=args.api_key, api_secret=args.api_secret)


@contextlib.contextmanager
def _open(output: str) -> Iterator[IO[str]]:
    if output == "-":
        yield sys.stdout
        return
    with open(output, "w", encoding="utf-8", newline="") as file:
        yield file


class JsonLinesWriter:
    """One JSON object per line, written as it arrives."""

    def __init__(self, out: IO[str]) -> None:
        self._out = out

    def write(self, record: Mapping[str, Any]) -> None:
        self._out.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")

    def close(self) -> None:
        self._out.flush()


class CsvWriter:
    """CSV with one column per key seen in any record; nested values are JSON text.

    The columns are only known at the end, so the records are held until :meth:`close`.
    """

    def __init__(self, out: IO[str]) -> None:
        self._out = out
        self._rows: list[Mapping[str, Any]] = []
        self._columns: dict[str, None] = {}

    def write(self, record: Mapping[str, Any]) -> None:
        self._rows.append(record)
        self._columns.update(dict.fromkeys(record))

    def close(self) -> None:
        writer = csv.DictWriter(self._out, fieldnames=list(self._columns))
        writer.writeheader()
        for row in self._rows:
            writer.writerow({key: _cell(value) for key, value in row.items()})
        self._out.flush()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)
