"""Rate-limit efficiency: R requests through the SDK against the sandbox's strict sliding-window
limiter (with latency), versus the naive ``httpx`` + ``AsyncLimiter(N, per)`` loop.

The physical bound for R requests at N per window is ``floor((R - 1) / N) * per`` seconds:
the last request cannot leave earlier. Efficiency = bound / elapsed (1.0 is perfect).
The window is scaled (N per ``PER`` seconds instead of 50 per 10 s) so that a run takes
seconds; latency is scaled with it. Target: >= 0.95 of the bound with 0 x 429.
"""

from __future__ import annotations

import asyncio
import math
import time

import httpx
from aiolimiter import AsyncLimiter

import jbcrm
from benchmarks._report import machine, median, write_section
from jbcrm.sandbox import Faults, JetbuiltSandbox, ServerRateLimit

N = 50
PER = 2.0
REQUESTS = 300
LATENCY = (0.005, 0.060)
RUNS = 3


def _sandbox() -> JetbuiltSandbox:
    return JetbuiltSandbox(
        scale=0.3,
        rate_limit=ServerRateLimit(requests=N, per=PER, algorithm="sliding", retry_after=False),
        faults=Faults(latency=LATENCY, seed=7),
    )


def _client_ids(sandbox: JetbuiltSandbox) -> list[int]:
    known = sorted(sandbox.store.clients)
    return [known[i % len(known)] for i in range(REQUESTS)]


async def _sdk(sandbox: JetbuiltSandbox) -> tuple[float, int]:
    async with jbcrm.Jetbuilt(
        sandbox.api_key,
        base_url=sandbox.base_url,
        rate_limit=jbcrm.SlidingWindowLimiter(N, PER),
        http_client=httpx.AsyncClient(transport=sandbox.transport()),
        concurrency=N,
    ) as jb:
        ids = _client_ids(sandbox)
        start = time.perf_counter()
        await jbcrm.fetch_each(jb.clients.get, ids, concurrency=N)
        return time.perf_counter() - start, 0


async def _naive(sandbox: JetbuiltSandbox) -> tuple[float, int]:
    limiter = AsyncLimiter(N, PER)
    headers = {"Authorization": f"Token token={sandbox.api_key}"}
    async with httpx.AsyncClient(
        transport=sandbox.transport(), base_url=sandbox.base_url + "/", headers=headers
    ) as client:

        async def one(client_id: int) -> int:
            async with limiter:
                response = await client.get(f"clients/{client_id}")
                return response.status_code

        start = time.perf_counter()
        statuses = await asyncio.gather(*(one(i) for i in _client_ids(sandbox)))
        return time.perf_counter() - start, sum(s == 429 for s in statuses)


def _run(kind: str) -> tuple[float, int, int]:
    sandbox = _sandbox()
    elapsed, _ = asyncio.run(_sdk(sandbox) if kind == "sdk" else _naive(sandbox))
    stats = sandbox.stats
    return elapsed, stats.rate_limited, stats.max_in_window


def main() -> str:
    bound = math.floor((REQUESTS - 1) / N) * PER
    rows = []
    for kind, label in (
        ("sdk", "jbcrm (sliding window, slot held to response + window)"),
        ("naive", "httpx + `AsyncLimiter(N, per)` (leaky bucket)"),
    ):
        runs = [_run(kind) for _ in range(RUNS)]
        elapsed = median([r[0] for r in runs])
        rows.append(
            f"| {label} | {elapsed:.2f} s | {bound / elapsed:.3f} | "
            f"{max(r[1] for r in runs)} | {max(r[2] for r in runs)} |"
        )
    return "\n".join(
        [
            f"{machine()}; {REQUESTS} GETs, server limit {N} per {PER:g} s (sliding, strict), "
            f"latency {LATENCY[0] * 1000:.0f}-{LATENCY[1] * 1000:.0f} ms, median of {RUNS} runs. "
            f"Physical bound floor((R-1)/N) x per = {bound:.1f} s.",
            "",
            "| client | elapsed | efficiency (bound / elapsed) | 429s (worst run) | "
            "max in any window |",
            "|---|---|---|---|---|",
            *rows,
            "",
            "The naive loop is fast only because the server refused part of its requests: "
            "each 429 is a request that did not happen.",
        ]
    )


if __name__ == "__main__":
    result = main()
    print(result)
    write_section("Rate-limit efficiency", result)
