"""The mirror (``jbcrm.mirror``) on a 5,000-project Jetbuilt account, with the limit scaled in
time (50 per ``PER`` seconds instead of 50 per 10 s).

The sandbox runs in its own process (on loopback, with the strict sliding-window limit), so
the mirror's process holds only the mirror. Measured:

- the full sync against the physical bound: R requests at N per window cannot finish before
  ``(ceil(R / N) - 1) * PER`` seconds; target >= 0.93 of it with 0 x 429;
- an incremental run after 1% of the projects changed: target <= 3% of the full run's
  requests;
- memory: the mirror's peak resident memory for 1,000 and for 5,000 projects (a fresh
  process each, no rate limit): flat when pages stream into the database.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import multiprocessing.connection
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import attrs

import jbcrm
from benchmarks._report import machine, write_section
from jbcrm.sandbox import JetbuiltSandbox, ServerRateLimit

N = 50
PER = 1.0
PROJECTS = 5_000
SMALL = 1_000
#: The sandbox's scale 1 holds 1,200 projects.
SCALE_OF_ONE = 1_200
CHANGED = PROJECTS // 100


@attrs.frozen
class Run:
    requests: int
    seen: int
    rate_limited: int
    elapsed: float

    @property
    def bound(self) -> float:
        return max(0, -(-self.seen // N) - 1) * PER


def _serve(connection: multiprocessing.connection.Connection, projects: int, limited: bool) -> None:
    """The sandbox process: serve until told to stop; edit or report stats when asked."""
    rule = ServerRateLimit(requests=N, per=PER, retry_after=False) if limited else None
    sandbox = JetbuiltSandbox(seed=11, scale=projects / SCALE_OF_ONE, rate_limit=rule)
    with sandbox.serve_in_thread() as url:
        connection.send(url)
        while True:
            command = connection.recv()
            if command == "stats":
                stats = sandbox.stats
                connection.send((stats.requests, stats.rate_limited, stats.max_in_window))
            elif command == "reset":
                sandbox.reset_stats()
                connection.send(None)
            elif command == "edit":
                connection.send(len(sandbox.edit(projects=CHANGED, seed=3).projects))
            else:
                return


class _Server:
    def __init__(self, projects: int, *, limited: bool) -> None:
        self._ours, theirs = multiprocessing.Pipe()
        self._process = multiprocessing.Process(
            target=_serve, args=(theirs, projects, limited), daemon=True
        )
        self._process.start()
        self.url: str = self._ours.recv()

    def ask(self, command: str) -> Any:
        self._ours.send(command)
        return self._ours.recv()

    def stop(self) -> None:
        self._ours.send("stop")
        self._process.join(timeout=30)


async def _mirror(url: str, database: str, limit: jbcrm.RateLimit | None) -> tuple[int, float]:
    async with jbcrm.Jetbuilt("sandbox-token", base_url=url, rate_limit=limit) as jb:
        started = time.perf_counter()
        summary = await jbcrm.mirror(jb, database)
        elapsed = time.perf_counter() - started
    if not summary.ok:
        raise RuntimeError(f"the mirror did not finish cleanly: {summary.failures}")
    return summary.requests, elapsed


def _timed(server: _Server, database: str) -> Run:
    server.ask("reset")
    limit = jbcrm.RateLimit(N, per=PER)
    requests, elapsed = asyncio.run(_mirror(server.url, database, limit))
    seen, rate_limited, _ = server.ask("stats")
    return Run(requests, seen, rate_limited, elapsed)


def _peak_memory(projects: int) -> float:
    """MiB: the peak resident memory of a fresh process mirroring ``projects`` projects."""
    server = _Server(projects, limited=False)
    try:
        with tempfile.TemporaryDirectory() as folder:
            database = f"sqlite:///{Path(folder) / 'memory.db'}"
            code = (
                "import asyncio, resource, sys; from benchmarks.mirror import _mirror; "
                f"asyncio.run(_mirror({server.url!r}, {database!r}, None)); "
                "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
            )
            done = subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True
            )
            return int(done.stdout.strip().splitlines()[-1]) / 1024
    finally:
        server.stop()


def main() -> str:
    server = _Server(PROJECTS, limited=True)
    try:
        with tempfile.TemporaryDirectory() as folder:
            database = f"sqlite:///{Path(folder) / 'mirror.db'}"
            full = _timed(server, database)
            changed = server.ask("edit")
            again = _timed(server, database)
    finally:
        server.stop()
    small, large = _peak_memory(SMALL), _peak_memory(PROJECTS)
    efficiency = full.bound / full.elapsed
    share = again.seen / full.seen
    lines = [
        f"{machine()}; {PROJECTS:,} projects, the limit scaled to {N} per {PER:g} s "
        f"(1/{10 / PER:g} of real time); the sandbox in its own process on loopback, SQLite "
        "file.",
        "",
        "| run | requests | 429s | time | physical bound | efficiency |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
        f"| full sync | {full.seen:,} | {full.rate_limited} | {full.elapsed:.1f} s | "
        f"{full.bound:.1f} s | {efficiency:.2f} |",
        f"| incremental, {changed} projects changed (1%) | {again.seen:,} | "
        f"{again.rate_limited} | {again.elapsed:.1f} s | {again.bound:.1f} s | "
        f"{again.bound / again.elapsed if again.elapsed else 0:.2f} |",
        "",
        f"The incremental run sent {share:.1%} of the full run's requests (target <= 3%); the "
        f"full sync reached {efficiency:.2f} of the physical bound (target >= 0.93) with "
        f"{full.rate_limited} x 429. At the real limit (50 per 10 s) the full sync would take "
        f"about {full.elapsed * 10 / PER / 60:.0f} minutes.",
        "",
        f"Peak resident memory of the mirror's process (no rate limit): {small:.0f} MiB for "
        f"{SMALL:,} projects, {large:.0f} MiB for {PROJECTS:,} ({large - small:+.0f} MiB for "
        f"{PROJECTS - SMALL:,} more projects and their "
        f"{(PROJECTS - SMALL) * 16:,}-odd line items): pages stream into the database.",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    section = main()
    print(section)
    write_section("Mirror into a database", section)
