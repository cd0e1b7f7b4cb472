"""Decode throughput of ``projects.list`` pages (25 documented projects a page) into models,
versus ``json.loads`` alone. Target: decoding within 4x of ``json.loads``."""

from __future__ import annotations

import json
import time

from benchmarks._report import machine, median, write_section
from jbcrm._core.convert import structure
from jbcrm.jetbuilt.models import Project
from tests.jetbuilt.fixtures import load

PAGES = 400
RUNS = 5


def _page() -> bytes:
    project = load("projects_list")[0]
    page = [dict(project, id=project["id"] + i) for i in range(25)]
    return json.dumps(page).encode()


def _time(fn: object, body: bytes) -> float:
    start = time.perf_counter()
    for _ in range(PAGES):
        fn(body)  # type: ignore[operator]
    return time.perf_counter() - start


def main() -> str:
    body = _page()
    loads_only, to_models = [], []
    for _ in range(RUNS):
        loads_only.append(_time(json.loads, body))
        to_models.append(_time(lambda b: structure(json.loads(b), list[Project]), body))
    records = PAGES * 25
    ratio = [m / j for m, j in zip(to_models, loads_only, strict=True)]
    return "\n".join(
        [
            f"{machine()}; {PAGES} pages x 25 projects ({len(body)} bytes a page), {RUNS} runs.",
            "",
            "| step | median time | records/s |",
            "|---|---|---|",
            f"| `json.loads` only | {median(loads_only) * 1e3:.0f} ms | "
            f"{records / median(loads_only):,.0f} |",
            f"| `json.loads` + decode to `Project` models | {median(to_models) * 1e3:.0f} ms | "
            f"{records / median(to_models):,.0f} |",
            "",
            f"**Ratio decode / json.loads: median {median(ratio):.2f}x** "
            f"(per run: {', '.join(f'{r:.2f}' for r in ratio)}); target <= 4x.",
        ]
    )


if __name__ == "__main__":
    result = main()
    print(result)
    write_section("Decode throughput (projects.list pages)", result)
