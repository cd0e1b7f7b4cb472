"""Interrupted runs: a cancelled task and a killed process lose nothing, and the next run
continues from what was committed instead of starting over."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time

import httpx
import sqlalchemy as sa

import jbcrm
from jbcrm.sandbox import Faults, JetbuiltSandbox
from tests._mirror.conftest import SCALE, count, query
from tests._mirror.sandbox_counts import detail_requests, full_run, pages

DONE = "details_updated_at IS NOT NULL AND details_updated_at = updated_at"


async def _details_done(url: str) -> list[int]:
    rows = await query(url, f"SELECT id FROM jetbuilt_projects WHERE {DONE}")
    return [row.id for row in rows]


async def _saved_by_checkpoints(url: str, sandbox: JetbuiltSandbox) -> int:
    """Requests a run saves on the incremental listings whose checkpoint is already set."""
    rows = await query(url, "SELECT resource FROM sync_state WHERE checkpoint IS NOT NULL")
    saved = 0
    for (resource,) in rows:
        if resource == "jetbuilt.purchase_orders":
            saved += pages(len(sandbox.store.purchase_orders)) - 1
        elif resource.startswith("jetbuilt.products[db_id="):
            db_id = int(resource.removeprefix("jetbuilt.products[db_id=").rstrip("]"))
            saved += pages(len(sandbox.store.products[db_id])) - 1
    return saved


async def _wait_for_details(url: str, wanted: int, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if len(await _details_done(url)) >= wanted:
                return
        except sa.exc.SQLAlchemyError:
            pass  # the tables do not exist yet
        await asyncio.sleep(0.05)
    raise AssertionError(f"fewer than {wanted} projects were done in {timeout} s")


async def _finish_and_check(url: str, sandbox: JetbuiltSandbox, done: list[int]) -> None:
    """The next run completes the mirror, fetching only the details still missing."""
    saved = await _saved_by_checkpoints(url, sandbox)
    sandbox.reset_stats()
    async with httpx.AsyncClient(transport=sandbox.transport()) as http:
        jb = jbcrm.Jetbuilt(sandbox.api_key, base_url=sandbox.base_url, rate_limit=None,
                            http_client=http)  # fmt: skip
        summary = await jbcrm.mirror(jb, url)
    assert summary.ok
    skipped = sum(detail_requests(sandbox, project_id) for project_id in done)
    assert sandbox.stats.requests == full_run(sandbox) - skipped - saved
    listed = sandbox.store.listed_projects()
    assert len(await _details_done(url)) == len(listed)
    items = sum(len(sandbox.store.detail(p["id"]).line_items) for p in listed)
    assert await count(url, "jetbuilt_line_items") == items
    assert await count(url, "jetbuilt_clients") == len(sandbox.store.clients)


async def test_a_cancelled_run_keeps_what_it_committed_and_the_next_continues(
    database_url: str,
) -> None:
    sandbox = JetbuiltSandbox(seed=4, scale=SCALE, rate_limit=None,
                              faults=Faults(latency=(0.01, 0.02), seed=4))  # fmt: skip
    async with httpx.AsyncClient(transport=sandbox.transport()) as http:
        jb = jbcrm.Jetbuilt(sandbox.api_key, base_url=sandbox.base_url, rate_limit=None,
                            http_client=http, concurrency=2)  # fmt: skip
        task = asyncio.ensure_future(jbcrm.mirror(jb, database_url))
        await _wait_for_details(database_url, 8)
        task.cancel()
        try:
            await task
        except asyncio.CancelledError:
            pass
        else:
            raise AssertionError("the run finished before it was cancelled")
    done = await _details_done(database_url)
    assert 8 <= len(done) < len(sandbox.store.listed_projects())
    [run] = await query(database_url, "SELECT status FROM sync_runs")
    assert run.status == "interrupted"
    await _finish_and_check(database_url, sandbox, done)


async def test_a_killed_process_loses_nothing_and_the_next_run_continues(
    database_url: str,
) -> None:
    sandbox = JetbuiltSandbox(seed=5, scale=SCALE, rate_limit=None,
                              faults=Faults(latency=(0.01, 0.02), seed=5))  # fmt: skip
    with sandbox.serve_in_thread() as base_url:
        command = [sys.executable, "-m", "jbcrm.cli", "sync", "--api", "jetbuilt",
                   "--base-url", base_url, "--db", database_url]  # fmt: skip
        environment = {**os.environ, "JETBUILT_API_KEY": sandbox.api_key}
        process = await asyncio.create_subprocess_exec(
            *command, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        try:
            await _wait_for_details(database_url, 5)
        finally:
            process.send_signal(signal.SIGKILL)
            _, errors = await asyncio.wait_for(process.communicate(), timeout=30)
        assert process.returncode == -signal.SIGKILL, errors.decode()
    done = await _details_done(database_url)
    assert 5 <= len(done) < len(sandbox.store.listed_projects())
    # The killed run never said it ended; the next run marks it.
    await _finish_and_check(database_url, sandbox, done)
    runs = await query(database_url, "SELECT status FROM sync_runs ORDER BY id")
    assert [run.status for run in runs] == ["interrupted", "completed"]
