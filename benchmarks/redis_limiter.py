"""Many processes, one rate limit: the Redis-shared limiter beside independent in-process ones.

Each of ``--processes`` worker processes sends ``--tasks`` concurrent requests ("acquire -> GET
-> release") to a loopback server that answers 429 beyond ``--requests`` in any ``--per``
seconds, with a window scaled down from Jetbuilt's 50 per 10 s. Reported per run: 429s, the
busiest window as the server saw it, efficiency against the physical bound
``floor((R-1)/N) * per``, and Redis round trips per request; then the cost of one
acquire + release pair against Redis.

Run from the repository root (needs ``redis-server`` on the PATH)::

    python -m benchmarks.redis_limiter [--processes 4 --tasks 50 --requests 20 --per 0.5]
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import sys
import time

from benchmarks._report import machine, write_section
from jbcrm._core.ratelimit.redis import RedisSlidingWindowLimiter
from tests.integration.redis_server import running_redis_server
from tests.integration.test_redis_multiprocess import (
    StrictServer,
    Workload,
    efficiency,
    run_processes,
)


def one_run(options: argparse.Namespace, redis_url: str, limiter: str, run: int) -> str:
    with StrictServer(options.requests, options.per) as strict:
        workload = Workload(
            strict.url,
            redis_url,
            f"bench-{run}",
            options.requests,
            options.per,
            tasks=options.tasks,
            limiter="redis" if limiter == "redis" else "local",
        )
        reports = run_processes(workload, options.processes)
    total = options.processes * options.tasks
    # Efficiency means nothing once the server turns requests away, nor do round trips
    # for limiters that never talk to Redis.
    ratio, trips = "n/a", "n/a"
    if strict.rate_limited == 0:
        ratio = f"{efficiency(strict.accepted, options.requests, options.per):.3f}"
    if limiter == "redis":
        trips = f"{sum(report.round_trips for report in reports) / total:.2f}"
    return (
        f"| {limiter:<8} | {total:>8} | {strict.rate_limited:>5} | "
        f"{strict.max_in_window():>3} / {options.requests:<3} | {ratio:>10} | {trips:>15} |"
    )


async def pair_cost(redis_url: str, pairs: int) -> tuple[float, float]:
    """Median and 99th percentile microseconds of one acquire + release, uncontended."""
    limiter = RedisSlidingWindowLimiter(10**9, 1.0, redis_url=redis_url, key="bench-pair")
    costs = []
    for _ in range(pairs):
        started = time.perf_counter()
        permit = await limiter.acquire()
        await permit.release(status=200)
        costs.append((time.perf_counter() - started) * 1e6)
    await limiter.aclose()
    costs.sort()
    return statistics.median(costs), costs[int(len(costs) * 0.99)]


def main(argv: list[str] | None = None) -> str:
    """Run the benchmark; return its markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=4)
    parser.add_argument("--tasks", type=int, default=50, help="requests per process")
    parser.add_argument("--requests", type=int, default=20, help="N: the limit per window")
    parser.add_argument("--per", type=float, default=0.5, help="the window, seconds")
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args([] if argv is None else argv)
    executable = shutil.which("redis-server")
    if executable is None:
        raise SystemExit("redis-server is not on the PATH")
    lines = [
        f"{machine()}; {options.processes} processes x {options.tasks} requests, "
        f"limit {options.requests} per {options.per}s against a strict loopback server "
        "(local = one independent in-process limiter per process).",
        "",
        "| limiter  | requests |  429s | max in window | efficiency | round trips/req |",
        "|----------|----------|-------|---------------|------------|-----------------|",
    ]
    with running_redis_server(executable) as server:
        for run in range(options.runs):
            for limiter in ("redis", "local"):
                lines.append(one_run(options, server.url, limiter, run))
        median, p99 = asyncio.run(pair_cost(server.url, 2000))
    lines.append(
        f"\nacquire + release on Redis, uncontended: median {median:.0f} µs, p99 {p99:.0f} µs"
    )
    return "\n".join(lines)


if __name__ == "__main__":
    result = main(sys.argv[1:])
    print(result)
    write_section("Shared limiter on Redis", result)
