"""A hidden co-tenant: another program on the same IP address takes 40% of a strict server's
budget, and jbcrm, believing it has all of it, must find out from the first 429.

The Jetbuilt sandbox allows N requests per client IP in any window of PER seconds (sliding,
strict, 429 without ``Retry-After``). Two kinds of co-tenant: a program that sends 40% of N per
window, evenly, from the same IP (starting a window before jbcrm, and getting 429s of its own
when jbcrm takes its room), or a server that simply keeps 40% of the budget for someone else.
jbcrm (``RateLimit(N, per=PER)``, the default concurrency of 10) fetches R records; then the
co-tenant stops and jbcrm fetches R more. Reported per run: jbcrm's 429s and failures while the
co-tenant is there, the limit it learnt, the co-tenant's 429s, and how many windows after the
co-tenant stopped jbcrm's limit is back to N. Targets: at most ~10 x 429 over the first R with
every request succeeding, and back to N within 3 windows.

    python -m benchmarks.hidden_cotenant
"""

from __future__ import annotations

import asyncio
import contextlib
import time

import attrs
import httpx

import jbcrm
from benchmarks._report import machine, write_section
from jbcrm.sandbox import Faults, JetbuiltSandbox, ServerRateLimit

N = 50
PER = 2.0
SHARE = 0.4
REQUESTS = 200
LATENCY = (0.005, 0.060)
RUNS = 3


@attrs.define
class Outcome:
    rate_limited: int = 0
    failed: int = 0
    learned: int | None = None
    cotenant_sent: int = 0
    cotenant_rate_limited: int = 0
    after_rate_limited: int = 0
    after_failed: int = 0
    recovery_windows: float | None = None


async def _cotenant(sandbox: JetbuiltSandbox, stop: asyncio.Event, outcome: Outcome) -> float:
    """Send SHARE x N per window, evenly, until told to stop; return when the last one left."""
    headers = {"Authorization": f"Token token={sandbox.api_key}"}
    interval = PER / (N * SHARE)
    last = time.monotonic()
    async with httpx.AsyncClient(
        transport=sandbox.transport(), base_url=sandbox.base_url + "/", headers=headers
    ) as http:
        while not stop.is_set():
            last = time.monotonic()
            response = await http.get("company")
            outcome.cotenant_sent += 1
            outcome.cotenant_rate_limited += response.status_code == 429
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(stop.wait(), max(0.0, last + interval - time.monotonic()))
    return last


async def _fetch(jb: jbcrm.Jetbuilt, ids: list[int]) -> int:
    outcomes = await jbcrm.fetch_each(jb.clients.get, ids, concurrency=10, errors="collect")
    return sum(not outcome.ok for outcome in outcomes)


async def _run(seed: int, *, program: bool) -> Outcome:
    sandbox = JetbuiltSandbox(
        scale=0.3,
        rate_limit=ServerRateLimit(requests=N, per=PER, algorithm="sliding", retry_after=False),
        faults=Faults(latency=LATENCY, seed=seed),
    )
    rule = sandbox.rate_limit  # the live rule: changing it changes the server
    assert rule is not None
    known = sorted(sandbox.store.clients)
    ids = [known[i % len(known)] for i in range(REQUESTS)]
    outcome = Outcome()
    stop = asyncio.Event()
    if program:
        cotenant = asyncio.ensure_future(_cotenant(sandbox, stop, outcome))
        await asyncio.sleep(PER)  # the co-tenant's share is in the window before jbcrm starts
    else:
        rule.requests = round(N * (1 - SHARE))
    http = httpx.AsyncClient(transport=sandbox.transport())
    limiter = jbcrm.SlidingWindowLimiter(N, PER)
    async with jbcrm.Jetbuilt(
        sandbox.api_key, base_url=sandbox.base_url, rate_limit=limiter, http_client=http
    ) as jb:
        outcome.failed = await _fetch(jb, ids)
        stats = limiter.stats
        outcome.rate_limited, outcome.learned = stats.rate_limited, stats.learned_limit
        stop.set()
        if program:
            stopped_at = await cotenant
        else:
            rule.requests, stopped_at = N, time.monotonic()
        recovered: list[float] = []

        async def watch() -> None:
            while limiter.limit < N:  # noqa: ASYNC110 - sampling the limit, as a user would
                await asyncio.sleep(0.005)
            recovered.append(time.monotonic())

        watcher = asyncio.ensure_future(watch())
        outcome.after_failed = await _fetch(jb, ids)
        watcher.cancel()
        outcome.after_rate_limited = limiter.stats.rate_limited - outcome.rate_limited
        if recovered:
            outcome.recovery_windows = max(0.0, recovered[0] - stopped_at) / PER
    await http.aclose()
    return outcome


def main() -> str:
    rows = []
    for program in (True, False):
        kind = "a program sending 40%" if program else "the server keeps 40%"
        for run in range(RUNS):
            o = asyncio.run(_run(seed=run + 1, program=program))
            recovery = "not within the run"
            if o.recovery_windows is not None:
                recovery = f"{o.recovery_windows:.1f}"
            cotenant = f"{o.cotenant_rate_limited} / {o.cotenant_sent}" if program else "n/a"
            rows.append(
                f"| {kind}, run {run + 1} | {o.rate_limited} | {REQUESTS - o.failed} / "
                f"{REQUESTS} | {o.learned} / {N} | {cotenant} | {recovery} | "
                f"{o.after_rate_limited} | {REQUESTS - o.after_failed} / {REQUESTS} |"
            )
    return "\n".join(
        [
            f"{machine()}; server limit {N} per {PER:g} s per IP (sliding, strict, no "
            f"Retry-After), {SHARE:.0%} of it taken by a hidden co-tenant, latency "
            f"{LATENCY[0] * 1000:.0f}-{LATENCY[1] * 1000:.0f} ms; jbcrm believes it has all "
            f"{N} and fetches {REQUESTS} records at concurrency 10, then {REQUESTS} more after "
            "the co-tenant stops.",
            "",
            "| co-tenant | jbcrm 429s (co-tenant there) | succeeded | learned limit | co-tenant "
            "429s / sent | windows until the limit is back to N | 429s after | succeeded after |",
            "|---|---|---|---|---|---|---|---|",
            *rows,
        ]
    )


if __name__ == "__main__":
    result = main()
    print(result)
    write_section("Hidden co-tenant", result)
