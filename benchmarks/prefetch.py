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

from benchmarks import _pages
from benchmarks._report import machine, median, write_section

PAGES = 100
REPETITIONS = 7
DEPTHS = (1, 10, 100)


async def _per_page(depth: int) -> float:
    async with _pages.client(PAGES, concurrency=depth) as jb:
        start = time.process_time()
        count = 0
        async for _ in jb.projects.list():
            count += 1
        seconds = time.process_time() - start
    assert count == PAGES * _pages.PER_PAGE
    return seconds / PAGES


def main() -> str:
    for depth in DEPTHS:
        asyncio.run(_per_page(depth))  # warm
    ratios: dict[int, list[float]] = {depth: [] for depth in DEPTHS}
    base: list[float] = []
    for _ in range(REPETITIONS):
        order = list(DEPTHS)
        random.shuffle(order)
        times = {depth: asyncio.run(_per_page(depth)) for depth in order}
        base.append(times[1])
        for depth in DEPTHS:
            ratios[depth].append(times[depth] / times[1])
    lines = [
        f"{machine()}; {PAGES} pages x {_pages.PER_PAGE} listed projects read item by item, "
        f"medians of {REPETITIONS} shuffled repetitions (spread: lowest-highest).",
        "",
        "| prefetch | CPU per page, ratio to prefetch 1 |",
        "|---|---|",
    ]
    for depth in DEPTHS:
        r = ratios[depth]
        lines.append(f"| {depth} | {median(r):.2f}x ({min(r):.2f}-{max(r):.2f}) |")
    lines += [
        "",
        f"Prefetch 1: {median(base) * 1e6:,.0f} µs CPU per page. **Per page at the default "
        f"prefetch of 10: {median(ratios[10]):.2f}x, at 100: {median(ratios[100]):.2f}x** "
        "(target: flat).",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    result = main()
    print(result)
    write_section("Paginator cost per page by prefetch", result)
