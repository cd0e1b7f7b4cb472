"""Politeness toward an unmetered site: a customer import (``customers.upsert``) against the Jetpack
sandbox run on a few PHP workers (``ServerCapacity``), by the default adaptive limiter, a plain
sequential httpx loop, the old default (a 10 req/s leaky bucket) and no limiter at all.

Three sites: a healthy one (16 workers, 20 ms of CPU a request: more than the client uses), a
saturating one (4 workers, 20 ms: ten requests at once queue six), and one that slows down
mid-run (4 workers whose CPU time goes from 20 to 80 ms when half the import is done). Reported:
elapsed time, requests a second, the ratio to the sequential loop, and what the site saw: how
long requests waited for a PHP worker (mean, longest) and the most queued at once. The floor
of the latency is the CPU time itself. Targets: never slower than the sequential loop; waits
near zero when the site saturates; the limit drops when the site slows down.

    python -m benchmarks.jetpack_politeness
"""

from __future__ import annotations

import asyncio
import itertools
import statistics
import time
from collections.abc import Awaitable, Callable

import attrs
import httpx

import jbcrm
from benchmarks._report import machine, write_section
from jbcrm.sandbox import CapacityStats, JetpackSandbox, ServerCapacity

REQUESTS = 200
CONCURRENCY = 10  # the SDK's default (fetch_each and the connection pool)
RUNS = 3
SITES = {
    "healthy (16 workers, 20 ms)": (16, 0.020, None),
    "saturating (4 workers, 20 ms)": (4, 0.020, None),
    "slowing down (4 workers, 20 -> 80 ms)": (4, 0.020, 0.080),
}


@attrs.frozen
class Run:
    elapsed: float
    ok: int
    before: CapacityStats | None  # the site's view before it slowed down, if it did
    after: CapacityStats
    limits: tuple[int, ...]  # the adaptive limit, sampled during the run


Job = Callable[[JetpackSandbox, list[int]], Awaitable[int]]
_RUN = itertools.count()


def _customer(n: int) -> dict[str, str]:
    return {"email": f"import{n}@example.com", "fname": "Import", "lname": f"Number {n}"}


def _crm(sandbox: JetpackSandbox, rate_limit: jbcrm.RateLimit | None) -> jbcrm.JetpackCRM:
    return jbcrm.JetpackCRM(
        sandbox.base_url,
        api_key=sandbox.api_key,
        api_secret=sandbox.api_secret,
        rate_limit=rate_limit,
        http_client=httpx.AsyncClient(transport=sandbox.transport()),
    )


def _sdk(rate_limit: jbcrm.RateLimit | None) -> Job:
    async def job(sandbox: JetpackSandbox, limits: list[int]) -> int:
        # A key of its own per run, so that no run inherits what an earlier one learnt.
        fresh = None if rate_limit is None else attrs.evolve(rate_limit, key=f"run-{next(_RUN)}")
        async with _crm(sandbox, fresh) as crm:

            async def upsert(n: int) -> jbcrm.JetpackCRM:
                await crm.customers.upsert(**_customer(n))
                stats = crm.rate_limit_stats
                if stats is not None:
                    limits.append(stats.limit)
                return crm

            outcomes = await jbcrm.fetch_each(
                upsert, range(REQUESTS), concurrency=CONCURRENCY, errors="collect"
            )
        return sum(outcome.ok for outcome in outcomes)

    return job


async def _sequential(sandbox: JetpackSandbox, limits: list[int]) -> int:
    params = {"api_key": sandbox.api_key, "api_secret": sandbox.api_secret}
    url = f"{sandbox.base_url}/zbs_api/create_customer/"
    ok = 0
    async with httpx.AsyncClient(transport=sandbox.transport()) as http:
        for n in range(REQUESTS):
            response = await http.post(url, params=params, json=_customer(n))
            ok += response.status_code == 200
    return ok


CLIENTS: list[tuple[str, Job]] = [
    ("plain sequential httpx loop", _sequential),
    ("jbcrm default (adaptive)", _sdk(jbcrm.JETPACKCRM_RATE_LIMIT)),
    ("jbcrm, old default (leaky 10/s)", _sdk(jbcrm.RateLimit(10, per=1.0, algorithm="leaky"))),
    (f"jbcrm, no limiter ({CONCURRENCY} at once)", _sdk(None)),
]


async def _run(job: Job, workers: int, cpu: float, later: float | None) -> Run:
    capacity = ServerCapacity(workers=workers, cpu_time=cpu, seed=3)
    sandbox = JetpackSandbox(scale=0.05, capacity=capacity)
    php = sandbox.php_workers
    assert php is not None
    limits: list[int] = []
    before: list[CapacityStats] = []

    async def slow_down_halfway() -> None:
        while php.stats.served < REQUESTS // 2:  # noqa: ASYNC110 - sampling the site
            await asyncio.sleep(0.002)
        before.append(php.stats)
        php.reset_stats()
        capacity.cpu_time = later or cpu

    watcher = asyncio.ensure_future(slow_down_halfway()) if later else None
    started = time.perf_counter()
    ok = await job(sandbox, limits)
    elapsed = time.perf_counter() - started
    if watcher is not None:
        watcher.cancel()
    return Run(elapsed, ok, before[0] if before else None, php.stats, tuple(limits))


def _waits(stats: CapacityStats) -> str:
    return f"{stats.mean_wait * 1000:.1f} / {stats.max_wait * 1000:.0f} ms, {stats.max_queued}"


def main() -> str:
    rows = []
    for site, (workers, cpu, later) in SITES.items():
        sequential_elapsed = None
        for label, job in CLIENTS:
            runs_wanted = 1 if "leaky" in label else RUNS
            runs = [asyncio.run(_run(job, workers, cpu, later)) for _ in range(runs_wanted)]
            elapsed = statistics.median(run.elapsed for run in runs)
            typical = sorted(runs, key=lambda run: run.elapsed)[len(runs) // 2]
            if label.startswith("plain sequential"):
                sequential_elapsed = elapsed
            ratio = "" if sequential_elapsed is None else f"{sequential_elapsed / elapsed:.2f}x"
            site_view = _waits(typical.after)
            if typical.before is not None:
                site_view = f"before: {_waits(typical.before)}; after: {site_view}"
            limits = ""
            if typical.limits and "adaptive" in label:
                half = len(typical.limits) // 2
                first, second = typical.limits[:half], typical.limits[half:]
                limits = f"{statistics.median(first):.0f} then {statistics.median(second):.0f}"
                if later:
                    limits += f" (lowest {min(second)})"
            rows.append(
                f"| {site} | {label} | {elapsed:.2f} s | {REQUESTS / elapsed:.0f} | {ratio} | "
                f"{site_view} | {min(run.ok for run in runs)} / {REQUESTS} | {limits} |"
            )
    return "\n".join(
        [
            f"{machine()}; {REQUESTS} `customers.upsert` calls at concurrency {CONCURRENCY} "
            "(sequential: one at a time) against the in-process Jetpack sandbox on simulated "
            f"PHP workers; median of {RUNS} runs (the 10/s bucket: one).",
            "",
            "| site | client | elapsed | req/s | speed vs sequential | wait for a PHP worker "
            "(mean / longest, most queued) | succeeded | adaptive limit (first half, second) |",
            "|---|---|---|---|---|---|---|---|",
            *rows,
        ]
    )


if __name__ == "__main__":
    result = main()
    print(result)
    write_section("Politeness toward an unmetered site (Jetpack CRM)", result)
