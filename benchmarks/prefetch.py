"""CPU cost per page of a listing read to the end, by prefetch depth.

A listing of projects with ``rel="last"`` (so pages are fetched ahead) is iterated item by item
at prefetch 1, 10 (the default) and 100; CPU time per page, medians of shuffled repetitions,
as ratios to prefetch 1 in the same repetition. Pages are decoded when they are read, so a
page waiting in the prefetch queue costs its bytes only. Target: flat (ratios near 1).
"""

from __future__ import annotations

import asyncio
import random
import time
from typing import Any

from benchmarks import _pages
from benchmarks._report import machine, median, write_section
from jbcrm.jetbuilt._resource import JetbuiltResource

PAGES = 100
REPETITIONS = 7
DEPTHS = (1, 10, 100)


async def _per_page(depth: int, plain: bool = False) -> float:
    async with _pages.client(PAGES, concurrency=depth) as jb:
        listing: Any = jb.projects.list()
        if plain:
            # The same listing with its records left as dicts: what prefetching costs alone.
            listing = JetbuiltResource(jb)._list("projects", dict[str, Any])
        start = time.process_time()
        count = 0
        async for _ in listing:
            count += 1
        seconds = time.process_time() - start
    assert count == PAGES * _pages.PER_PAGE
    return seconds / PAGES


def main() -> str:
    for depth in DEPTHS:
        asyncio.run(_per_page(depth))  # warm
    runs = [(depth, plain) for depth in DEPTHS for plain in (False, True)]
    ratios: dict[tuple[int, bool], list[float]] = {run: [] for run in runs}
    base: list[float] = []
    for _ in range(REPETITIONS):
        random.shuffle(runs)
        times = {run: asyncio.run(_per_page(*run)) for run in runs}
        base.append(times[1, False])
        for depth, plain in runs:
            ratios[depth, plain].append(times[depth, plain] / times[1, plain])
    lines = [
        f"{machine()}; {PAGES} pages x {_pages.PER_PAGE} listed projects read item by item, "
        f"medians of {REPETITIONS} shuffled repetitions (spread: lowest-highest).",
        "",
        "| prefetch | CPU per page, ratio to prefetch 1 | the same, records left as dicts |",
        "|---|---|---|",
    ]
    for depth in DEPTHS:
        cells = [
            f"{median(r):.2f}x ({min(r):.2f}-{max(r):.2f})"
            for r in (ratios[depth, False], ratios[depth, True])
        ]
        lines.append(f"| {depth} | {' | '.join(cells)} |")
    lines += [
        "",
        f"Prefetch 1: {median(base) * 1e6:,.0f} µs CPU per page. **Per page at the default "
        f"prefetch of 10: {median(ratios[10, False]):.2f}x, at 100: "
        f"{median(ratios[100, False]):.2f}x** (target: flat). The right column is what "
        "requests in flight together cost without any model decoding.",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    result = main()
    print(result)
    write_section("Paginator cost per page by prefetch", result)
