"""CPU cost per request of the SDK versus bare httpx on the same in-memory transport, side by
side with githubkit, in one run.

Every contender GETs the same JSON from an ``httpx.MockTransport``, sequentially: bare
``httpx.AsyncClient.get`` + ``json.loads``; ``jb.projects.get`` / ``jb.company.get`` (limiter,
retry loop and deadline, error classification, typed decode), also with the fast decoding path
taken away (the cattrs reference path, as before); githubkit's ``arequest`` with a pydantic
``response_model`` on the same fields (HTTP cache off), reading ``parsed_data``; and the bulk
path, ``jbcrm.fetch_each(jb.projects.get, ids)`` (compared with single gets that keep their results,
as it does). CPU time (``time.process_time``) per request,
medians of shuffled repetitions, ratios to bare httpx in the same repetition.

Targets: <= 1.3x bare httpx on the rich project, <= 1.15x on the company, ahead of githubkit
on both; the bulk path no slower per request than single gets by more than 10%.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import random
import time
from collections.abc import Awaitable, Callable
from typing import Any

import httpx

import jbcrm
from benchmarks._mirrors import pydantic_model
from benchmarks._report import machine, median, write_section
from jbcrm._core import wire
from jbcrm.jetbuilt.models import Company, ProjectDetail
from tests.jetbuilt.fixtures import load

REQUESTS = 1000
REPETITIONS = 7
BASE = "https://x.test/api"
Run = Callable[[], Awaitable[None]]


def _transport(fixture: str) -> httpx.MockTransport:
    body = json.dumps(load(fixture)).encode()

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=body, headers={"Content-Type": "application/json"})

    return httpx.MockTransport(handler)


def _jetbuilt(fixture: str) -> jbcrm.Jetbuilt:
    return jbcrm.Jetbuilt(
        "bench-key",
        base_url=BASE,
        # A window too large to ever wait: the limiter's bookkeeping is measured, not a wait.
        rate_limit=jbcrm.SlidingWindowLimiter(10**9, 1.0),
        http_client=httpx.AsyncClient(transport=_transport(fixture)),
    )


async def _contenders(
    fixture: str, model: type, stack: contextlib.AsyncExitStack
) -> dict[str, Run]:
    from githubkit import GitHub

    http = await stack.enter_async_context(
        httpx.AsyncClient(transport=_transport(fixture), base_url=BASE)
    )
    jb = await stack.enter_async_context(_jetbuilt(fixture))
    # Inside `async with`, githubkit keeps one client (without, it makes one per request).
    github = await stack.enter_async_context(
        GitHub("bench-token", base_url=BASE, async_transport=_transport(fixture), http_cache=False)
    )
    schema = pydantic_model(model)
    get: Callable[[int], Awaitable[Any]] = (
        jb.projects.get if model is ProjectDetail else (lambda _: jb.company.get())
    )

    async def bare() -> None:
        for _ in range(REQUESTS):
            json.loads((await http.get("projects/1")).content)

    async def sdk() -> None:
        for number in range(REQUESTS):
            await get(number)

    async def reference() -> None:
        fast = wire.plan
        wire.plan = lambda cls: None  # type: ignore[assignment]
        try:
            await sdk()
        finally:
            wire.plan = fast

    async def kept() -> None:
        # Single gets whose results are kept, as fetch_each keeps them: the bulk path's baseline.
        results = [await get(number) for number in range(REQUESTS)]
        assert len(results) == REQUESTS

    async def bulk() -> None:
        await jbcrm.fetch_each(get, range(REQUESTS), concurrency=10)

    async def githubkit() -> None:
        for _ in range(REQUESTS):
            response = await github.arequest("GET", "/projects/1", response_model=schema)
            response.parsed_data  # noqa: B018 - the decode is what is measured

    runs = {
        "bare `httpx` + `json.loads`": bare,
        "**jbcrm**": sdk,
        "jbcrm, reference decode path (cattrs)": reference,
        "jbcrm single gets, results kept": kept,
        "jbcrm bulk (`fetch_each`, 10 at once)": bulk,
        "githubkit (pydantic, cache off)": githubkit,
    }
    return runs


async def _measure(fixture: str, model: type) -> dict[str, list[float]]:
    async with contextlib.AsyncExitStack() as stack:
        return await _repeat(await _contenders(fixture, model, stack))


async def _repeat(runs: dict[str, Run]) -> dict[str, list[float]]:
    for run in runs.values():
        await run()  # warm: connection pools, plans, schemas
    ratios: dict[str, list[float]] = {label: [] for label in runs}
    for _ in range(REPETITIONS):
        order = list(runs.items())
        random.shuffle(order)
        times = {}
        for label, run in order:
            start = time.process_time()
            await run()
            times[label] = (time.process_time() - start) / REQUESTS
        for label, seconds in times.items():
            ratios[label].append(seconds / times["bare `httpx` + `json.loads`"])
        ratios.setdefault("bulk / single", []).append(
            times["jbcrm bulk (`fetch_each`, 10 at once)"]
            / times["jbcrm single gets, results kept"]
        )
        ratios.setdefault("bare µs", []).append(times["bare `httpx` + `json.loads`"] * 1e6)
    return ratios


def main() -> str:
    rich = asyncio.run(_measure("project_get", ProjectDetail))
    small = asyncio.run(_measure("company_get", Company))
    lines = [
        f"{machine()}; {REQUESTS} sequential GETs per measurement, medians of {REPETITIONS} "
        "shuffled repetitions of CPU time per request, as ratios to bare httpx in the same "
        "repetition (spread: lowest-highest repetition).",
        "",
        "| path | rich project (`ProjectDetail`) | small company (`Company`) |",
        "|---|---|---|",
    ]
    for label in rich:
        if label in ("bulk / single", "bare µs"):
            continue
        cells = [f"{median(r[label]):.2f}x ({min(r[label]):.2f}-{max(r[label]):.2f})"
                 for r in (rich, small)]  # fmt: skip
        lines.append(f"| {label} | {' | '.join(cells)} |")
    lines += [
        f"| bare httpx, CPU per request | {median(rich['bare µs']):.0f} µs | "
        f"{median(small['bare µs']):.0f} µs |",
        "",
        f"**jbcrm: {median(rich['**jbcrm**']):.2f}x bare httpx on the rich project "
        f"(target <= 1.3x), {median(small['**jbcrm**']):.2f}x on the company (target <= 1.15x)"
        f"; bulk per request / single gets kept: {median(rich['bulk / single']):.2f} and "
        f"{median(small['bulk / single']):.2f} (target <= 1.10).**",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    result = main()
    print(result)
    write_section("Overhead per request", result)
