"""What a sync call costs over the same async call, on the same ``httpx.MockTransport``.

Both run the whole SDK stack (limiter, retry loop and deadline, error rules, decode into a
model) sequentially from one thread; the sync path adds running jbcrm's event loop for each
call (in the calling thread, since no other thread is calling) and the sync wrappers. Wall time
per call is what the caller waits; CPU time counts every thread of the process.
Target: sync / async under 1.3x.
"""

from __future__ import annotations

import asyncio
import json
import time

import httpx

import jbcrm
from benchmarks._report import machine, median, write_section
from tests.jetbuilt.fixtures import load

REQUESTS = 2000
RUNS = 5


def _client_options(fixture: str) -> dict[str, object]:
    body = json.dumps(load(fixture)).encode()

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=body, headers={"Content-Type": "application/json"})

    return {
        "api_key": "bench-key",
        "base_url": "https://x.test/api",
        # A window too large to ever wait: the limiter's cost without its waits.
        "rate_limit": jbcrm.SlidingWindowLimiter(10**9, 1.0),
        "http_client": httpx.AsyncClient(transport=httpx.MockTransport(handler)),
    }


async def _async(fixture: str) -> tuple[float, float]:
    async with jbcrm.Jetbuilt(**_client_options(fixture)) as jb:  # type: ignore[arg-type]
        call = jb.projects.get if fixture == "project_get" else (lambda _: jb.company.get())
        await call(1)
        wall, cpu = time.perf_counter(), time.process_time()
        for _ in range(REQUESTS):
            await call(1)
        return (time.perf_counter() - wall) / REQUESTS, (time.process_time() - cpu) / REQUESTS


def _sync(fixture: str) -> tuple[float, float]:
    with jbcrm.SyncJetbuilt(**_client_options(fixture)) as jb:  # type: ignore[arg-type]
        call = jb.projects.get if fixture == "project_get" else (lambda _: jb.company.get())
        call(1)  # the event loop thread starts on the first call
        wall, cpu = time.perf_counter(), time.process_time()
        for _ in range(REQUESTS):
            call(1)
        return (time.perf_counter() - wall) / REQUESTS, (time.process_time() - cpu) / REQUESTS


def measure(fixture: str, runs: int = RUNS) -> dict[str, list[float]]:
    """Per run, alternating: async and sync wall and CPU time per call, and the ratios."""
    found: dict[str, list[float]] = {"async": [], "sync": [], "wall": [], "cpu": []}
    for _ in range(runs):
        async_wall, async_cpu = asyncio.run(_async(fixture))
        sync_wall, sync_cpu = _sync(fixture)
        found["async"].append(async_wall)
        found["sync"].append(sync_wall)
        found["wall"].append(sync_wall / async_wall)
        found["cpu"].append(sync_cpu / async_cpu)
    return found


def main() -> str:
    rows = []
    for fixture, label in (
        ("company_get", "`company.get` (small)"),
        ("project_get", "`projects.get` (rich)"),
    ):
        found = measure(fixture)
        rows.append(
            f"| {label} | {median(found['async']) * 1e6:.0f} µs | "
            f"{median(found['sync']) * 1e6:.0f} µs | **{median(found['wall']):.2f}x** "
            f"({min(found['wall']):.2f}-{max(found['wall']):.2f}) | "
            f"{median(found['cpu']):.2f}x ({min(found['cpu']):.2f}-{max(found['cpu']):.2f}) |"
        )
    return "\n".join(
        [
            f"{machine()}; {REQUESTS} sequential calls a run, {RUNS} runs alternating async and "
            "sync, one `httpx.MockTransport`; medians, with the spread over runs. Target: "
            "sync / async under 1.3x.",
            "",
            "| call | async, wall per call | sync, wall per call | sync / async, wall | "
            "sync / async, CPU |",
            "|---|---|---|---|---|",
            *rows,
        ]
    )


if __name__ == "__main__":
    result = main()
    print(result)
    write_section("Sync client overhead", result)
