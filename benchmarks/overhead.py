"""CPU cost per request of the SDK versus bare httpx on the same in-memory transport.

SDK path: limiter (a sliding window too large to ever wait) + retry loop and deadline + error
classification + decode into an attrs model. Bare path: ``httpx.AsyncClient.get`` +
``json.loads``. Both run sequentially on one ``httpx.MockTransport`` serving the same JSON,
so the ratio is what the SDK adds. Target: <= 1.5x bare httpx.
"""

from __future__ import annotations

import asyncio
import json
import time

import httpx

import jbcrm
from benchmarks._report import machine, median, write_section
from jbcrm.jetbuilt.models import ProjectDetail
from tests.jetbuilt.fixtures import load

REQUESTS = 2000
RUNS = 5


def _transport(fixture: str = "project_get") -> httpx.MockTransport:
    body = json.dumps(load(fixture)).encode()

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=body, headers={"Content-Type": "application/json"})

    return httpx.MockTransport(handler)


async def _bare(fixture: str = "project_get") -> float:
    transport = _transport(fixture)
    async with httpx.AsyncClient(transport=transport, base_url="https://x.test/api") as client:
        start = time.process_time()
        for _ in range(REQUESTS):
            response = await client.get("projects/1")
            json.loads(response.content)
        return (time.process_time() - start) / REQUESTS


async def _sdk(fixture: str = "project_get") -> float:
    limiter = jbcrm.SlidingWindowLimiter(10**9, 1.0)
    async with jbcrm.Jetbuilt(
        "bench-key",
        base_url="https://x.test/api",
        rate_limit=limiter,
        http_client=httpx.AsyncClient(transport=_transport(fixture)),
    ) as jb:
        call = jb.projects.get if fixture == "project_get" else (lambda _: jb.company.get())
        start = time.process_time()
        for _ in range(REQUESTS):
            await call(1)
        return (time.process_time() - start) / REQUESTS


def main() -> str:
    bare, sdk = [], []
    for _ in range(RUNS):
        bare.append(asyncio.run(_bare()))
        sdk.append(asyncio.run(_sdk()))
    ratios = [s / b for s, b in zip(sdk, bare, strict=True)]
    small_bare, small_sdk = [], []
    for _ in range(RUNS):
        small_bare.append(asyncio.run(_bare("company_get")))
        small_sdk.append(asyncio.run(_sdk("company_get")))
    small = [s / b for s, b in zip(small_sdk, small_bare, strict=True)]
    check = asyncio.run(_one_model())
    lines = [
        f"{machine()}; {REQUESTS} sequential GETs of the documented project, {RUNS} runs "
        "alternating, CPU time (`time.process_time`).",
        "",
        "| path | median CPU per request |",
        "|---|---|",
        f"| bare `httpx.AsyncClient.get` + `json.loads` | {median(bare) * 1e6:.0f} µs |",
        f"| `jb.projects.get` (limiter + retry + errors + decode to `{check}`) | "
        f"{median(sdk) * 1e6:.0f} µs |",
        f"| bare, on the small company document | {median(small_bare) * 1e6:.0f} µs |",
        f"| `jb.company.get` (same stack, small model) | {median(small_sdk) * 1e6:.0f} µs |",
        "",
        f"**Ratio SDK / bare, rich project: median {median(ratios):.2f}x** "
        f"(per run: {', '.join(f'{r:.2f}' for r in ratios)}); "
        f"**small company: median {median(small):.2f}x** "
        f"(per run: {', '.join(f'{r:.2f}' for r in small)}); target <= 1.5x. "
        "The difference between the two is the decode into typed models "
        "(the project has ~60 typed fields and nested lists).",
    ]
    return "\n".join(lines)


async def _one_model() -> str:
    async with jbcrm.Jetbuilt(
        "bench-key",
        base_url="https://x.test/api",
        rate_limit=None,
        http_client=httpx.AsyncClient(transport=_transport()),
    ) as jb:
        project = await jb.projects.get(1)
    assert isinstance(project, ProjectDetail)
    return type(project).__name__


if __name__ == "__main__":
    result = main()
    print(result)
    write_section("Overhead per request", result)
