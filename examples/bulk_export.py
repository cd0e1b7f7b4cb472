"""Export every Jetbuilt project, with its full details, to a JSON-lines file.

    JETBUILT_API_KEY=... python examples/bulk_export.py projects.jsonl
    python examples/bulk_export.py projects.jsonl --sandbox   # no account needed

It lists every project (25 a page), then fetches each project's details, 10 at a time, and
writes each one as soon as it arrives: the client's limiter keeps the whole job within
Jetbuilt's 50 requests in any 10 seconds, however many projects there are. A project that
fails is reported and skipped, the others are still written. ``JETBUILT_BASE_URL`` picks
another server (Jetbuilt's test host, or ``jbcrm sandbox serve``).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import sys
from collections.abc import AsyncIterator, Sequence
from typing import IO

import httpx

import jbcrm


async def export_projects(jb: jbcrm.Jetbuilt, out: IO[str]) -> tuple[int, int]:
    """Write one line per project detail to ``out``; return (written, failed)."""
    ids = [project.id async for project in jb.projects.list()]
    print(f"{len(ids)} projects listed; fetching details", file=sys.stderr)
    written = failed = 0
    details = jbcrm.fetch_as_completed(jb.projects.get, ids, concurrency=10, errors="collect")
    async for outcome in details:
        if outcome.result is None:
            print(f"project {outcome.key} skipped: {outcome.error}", file=sys.stderr)
            failed += 1
            continue
        # .raw is the JSON exactly as Jetbuilt sent it: no float rounding, no dropped fields.
        out.write(json.dumps(outcome.result.raw, ensure_ascii=False) + "\n")
        written += 1
        if written % 100 == 0:
            print(f"{written} of {len(ids)} written", file=sys.stderr)
    return written, failed


@contextlib.asynccontextmanager
async def jetbuilt(sandbox: bool) -> AsyncIterator[jbcrm.Jetbuilt]:
    """A client for the real API (credentials from the environment), or for a sandbox."""
    if not sandbox:
        base_url = os.environ.get("JETBUILT_BASE_URL", jbcrm.JETBUILT_PRODUCTION_URL)
        async with jbcrm.Jetbuilt(base_url=base_url) as jb:
            yield jb
        return
    from jbcrm.sandbox import JetbuiltSandbox, ServerRateLimit

    # A simulated Jetbuilt in this process, its limit scaled from 10 s to 1 s windows.
    server = JetbuiltSandbox(scale=0.05, rate_limit=ServerRateLimit(requests=50, per=1.0))
    async with (
        httpx.AsyncClient(transport=server.transport()) as http,
        jbcrm.Jetbuilt(
            server.api_key,
            base_url=server.base_url,
            http_client=http,
            rate_limit=jbcrm.RateLimit(50, per=1.0),
        ) as jb,
    ):
        yield jb
        print(f"the sandbox answered {server.stats.rate_limited} x 429", file=sys.stderr)


async def run(sandbox: bool, out: IO[str]) -> tuple[int, int]:
    async with jetbuilt(sandbox) as jb:
        return await export_projects(jb, out)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("output", help="the JSON-lines file to write")
    parser.add_argument("--sandbox", action="store_true", help="use an in-process sandbox")
    args = parser.parse_args(argv)
    try:
        with open(args.output, "w", encoding="utf-8") as out:
            written, failed = asyncio.run(run(args.sandbox, out))
    except jbcrm.JBCRMError as exc:
        print(f"export failed: {exc}", file=sys.stderr)
        return 1
    print(f"{written} projects written to {args.output}, {failed} failed", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
