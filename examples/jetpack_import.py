"""Import contacts from a CSV file into Jetpack CRM, without blanking what is already there.

    export JETPACKCRM_URL=https://crm.example.com JETPACKCRM_API_KEY=... JETPACKCRM_API_SECRET=...
    python examples/jetpack_import.py contacts.csv
    python examples/jetpack_import.py examples/contacts.csv --sandbox   # no site needed

The CSV has a header row: ``email`` (required), then any customer fields (``fname``,
``lname``, ``city``, ``worktel``...) and ``tags`` (separated by ``;``). An empty cell leaves
the field as it is.

Jetpack CRM's upsert *replaces* a record: every field not sent is blanked. So an email the CRM
already has is changed with ``crm.customers.update`` (read, merge, write: only the columns
given change), and only a new email is created with ``upsert``. A row that fails is reported
with its line number; the other rows are still imported.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import csv
import sys
from collections import Counter
from collections.abc import AsyncIterator, Iterable, Sequence
from typing import Any

import httpx

import jbcrm


def read_rows(lines: Iterable[str]) -> list[dict[str, str]]:
    """The CSV rows, each with its ``email`` and the non-empty cells."""
    reader = csv.DictReader(lines)
    if reader.fieldnames is None or "email" not in reader.fieldnames:
        raise ValueError("the CSV needs a header row with an email column")
    return [{k: v.strip() for k, v in row.items() if k and v and v.strip()} for row in reader]


async def import_row(crm: jbcrm.JetpackCRM, row: dict[str, str]) -> str:
    """Create or change one customer; ``"created"`` or ``"updated"``."""
    fields: dict[str, Any] = {key: value for key, value in row.items() if key != "email"}
    if "tags" in fields:
        fields["tags"] = [tag.strip() for tag in fields["tags"].split(";") if tag.strip()]
    try:
        await crm.customers.update(row["email"], **fields)
    except jbcrm.CustomerNotFoundError:
        await crm.customers.upsert(email=row["email"], **fields)
        return "created"
    return "updated"


async def import_contacts(crm: jbcrm.JetpackCRM, rows: Sequence[dict[str, str]]) -> Counter[str]:
    """Import every row, four at a time; count what happened, reporting each failure."""

    async def one(index: int) -> str:
        row = rows[index]
        if not row.get("email"):
            raise jbcrm.InvalidArgumentError("no email")
        return await import_row(crm, row)

    counts: Counter[str] = Counter()
    outcomes = await jbcrm.fetch_each(one, range(len(rows)), concurrency=4, errors="collect")
    for outcome in outcomes:
        if outcome.error is None:
            counts[str(outcome.result)] += 1
        else:
            # Line 1 is the header.
            print(f"line {outcome.key + 2}: {outcome.error}", file=sys.stderr)
            counts["failed"] += 1
    return counts


@contextlib.asynccontextmanager
async def jetpack(sandbox: bool) -> AsyncIterator[jbcrm.JetpackCRM]:
    """A client for the site in the environment, or for an in-process sandbox."""
    if not sandbox:
        async with jbcrm.JetpackCRM() as crm:
            yield crm
        return
    from jbcrm.sandbox import JetpackSandbox

    site = JetpackSandbox(scale=0.05)
    async with (
        httpx.AsyncClient(transport=site.transport()) as http,
        jbcrm.JetpackCRM(
            site.base_url, api_key=site.api_key, api_secret=site.api_secret, http_client=http
        ) as crm,
    ):
        yield crm


async def run(sandbox: bool, rows: Sequence[dict[str, str]]) -> Counter[str]:
    async with jetpack(sandbox) as crm:
        return await import_contacts(crm, rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("csv", help="the contacts to import")
    parser.add_argument("--sandbox", action="store_true", help="use an in-process sandbox")
    args = parser.parse_args(argv)
    try:
        with open(args.csv, encoding="utf-8-sig", newline="") as file:
            rows = read_rows(file)
    except (OSError, ValueError) as exc:
        print(f"cannot read {args.csv}: {exc}", file=sys.stderr)
        return 2
    try:
        counts = asyncio.run(run(args.sandbox, rows))
    except jbcrm.JBCRMError as exc:
        print(f"import failed: {exc}", file=sys.stderr)
        return 1
    print(", ".join(f"{counts[k]} {k}" for k in ("created", "updated", "failed")))
    return 1 if counts["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
