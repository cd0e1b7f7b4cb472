"""Sixteen threads through one sync client against the strict sandbox, versus sixteen tasks
through one async client: the same limiter, the same server, the same physical bound.

Like a threaded WSGI server with 16 workers: each thread makes its GETs one after the other
through one ``jbcrm.SyncJetbuilt``, all of them sharing its connection pool and its limiter
on jbcrm's one event loop (run by whichever thread is calling, or its background thread).
The server is on 127.0.0.1 (real HTTP), strict (sliding window, no Retry-After), its window
scaled from 50 per 10 s. Efficiency = bound / elapsed, the bound
being ``floor((R - 1) / N) * per``. Target: 0 x 429, sync within 5% of async.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import math
import time

import jbcrm
from benchmarks._report import machine, median, write_section
from jbcrm.sandbox import Faults, JetbuiltSandbox, ServerRateLimit

N = 50
PER = 1.0
THREADS = 16
CALLS = 50
LATENCY = (0.0025, 0.030)
RUNS = 3


def _sandbox() -> JetbuiltSandbox:
    return JetbuiltSandbox(
        scale=0.3,
        rate_limit=ServerRateLimit(requests=N, per=PER, algorithm="sliding", retry_after=False),
        faults=Faults(latency=LATENCY, seed=7),
    )


def _ids(sandbox: JetbuiltSandbox, worker: int) -> list[int]:
    known = sorted(sandbox.store.clients)
    return [known[(worker * CALLS + i) % len(known)] for i in range(CALLS)]


def _limit(run: str) -> jbcrm.RateLimit:
    # A key of its own per run: each starts with an empty window, as the server does.
    return jbcrm.RateLimit(N, per=PER, key=f"sync-threads-{run}")


def _sync(sandbox: JetbuiltSandbox, url: str, run: str) -> tuple[float, int]:
    with jbcrm.SyncJetbuilt(
        sandbox.api_key, base_url=url, rate_limit=_limit(run), concurrency=THREADS
    ) as jb:

        def worker(n: int) -> int:
            return sum(jb.clients.get(i).id > 0 for i in _ids(sandbox, n))

        jb.company.get()  # connect and start the event loop thread before the clock starts
        sandbox.reset_stats()
        start = time.perf_counter()
        with concurrent.futures.ThreadPoolExecutor(THREADS) as pool:
            done = sum(pool.map(worker, range(THREADS)))
        return time.perf_counter() - start, done


async def _async(sandbox: JetbuiltSandbox, url: str, run: str) -> tuple[float, int]:
    async with jbcrm.Jetbuilt(
        sandbox.api_key, base_url=url, rate_limit=_limit(run), concurrency=THREADS
    ) as jb:

        async def worker(n: int) -> int:
            return sum([(await jb.clients.get(i)).id > 0 for i in _ids(sandbox, n)])

        await jb.company.get()
        sandbox.reset_stats()
        start = time.perf_counter()
        done = sum(await asyncio.gather(*(worker(n) for n in range(THREADS))))
        return time.perf_counter() - start, done


def main() -> str:
    requests = THREADS * CALLS
    bound = math.floor((requests - 1) / N) * PER
    found: dict[str, list[tuple[float, int, int, int]]] = {"async": [], "sync": []}
    for run in range(RUNS):
        for how in ("async", "sync"):
            sandbox = _sandbox()
            with sandbox.serve_in_thread() as url:
                if how == "sync":
                    elapsed, done = _sync(sandbox, url, f"{how}-{run}")
                else:
                    elapsed, done = asyncio.run(_async(sandbox, url, f"{how}-{run}"))
            stats = sandbox.stats
            found[how].append((elapsed, done, stats.rate_limited, stats.max_in_window))
    rows = []
    for how, label in (
        ("async", f"`Jetbuilt`, {THREADS} tasks"),
        ("sync", f"`SyncJetbuilt`, {THREADS} threads"),
    ):
        runs = found[how]
        efficiency = [bound / r[0] for r in runs]
        rows.append(
            f"| {label} | {median([r[0] for r in runs]):.2f} s | **{median(efficiency):.3f}** "
            f"({min(efficiency):.3f}-{max(efficiency):.3f}) | {max(r[2] for r in runs)} | "
            f"{max(r[3] for r in runs)} / {N} | {min(r[1] for r in runs)} / {requests} |"
        )
    ratio = [s[0] / a[0] for s, a in zip(found["sync"], found["async"], strict=True)]
    return "\n".join(
        [
            f"{machine()}; {THREADS} workers x {CALLS} GETs, one client, server limit {N} per "
            f"{PER:g} s on 127.0.0.1 (sliding, strict, no Retry-After), latency "
            f"{LATENCY[0] * 1000:.1f}-{LATENCY[1] * 1000:.0f} ms, {RUNS} runs alternating; "
            f"physical bound {bound:.0f} s.",
            "",
            "| client | elapsed (median) | efficiency (spread) | 429s (worst run) | "
            "max in any window | succeeded (worst run) |",
            "|---|---|---|---|---|---|",
            *rows,
            "",
            f"Sync elapsed / async elapsed, per run: {', '.join(f'{r:.3f}' for r in ratio)} "
            "(target: within 5%).",
        ]
    )


if __name__ == "__main__":
    result = main()
    print(result)
    write_section("Sync client, 16 threads", result)
