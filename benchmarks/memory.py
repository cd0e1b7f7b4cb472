"""Memory held per item by ``to_list()``, against the plain dicts of the same JSON.

A listing of projects is read into a list and kept; ``tracemalloc`` counts what the list holds,
the response bodies it keeps alive included (each answer is a fresh copy, as a real transport
reads it). Also counted: the objects the cyclic garbage collector tracks per item. Target:
<= 1.2x the plain dicts, with ``model.raw`` still the exact JSON the server sent.
"""

from __future__ import annotations

import asyncio
import gc
import json
import tracemalloc
from collections.abc import Callable
from typing import Any

from benchmarks import _pages
from benchmarks._report import machine, write_section
from jbcrm._core import wire

PAGES = 80


def _kept(build: Callable[[], Any]) -> tuple[float, float, Any]:
    """(bytes per item, GC-tracked objects per item, what was built)."""
    gc.collect()
    objects = len(gc.get_objects())
    tracemalloc.start()
    kept = build()
    gc.collect()
    size, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    items = PAGES * _pages.PER_PAGE
    return size / items, (len(gc.get_objects()) - objects) / items, kept


def _dicts(bodies: list[bytes]) -> Callable[[], Any]:
    return lambda: [item for body in bodies for item in json.loads(body)]


def _to_list(reference: bool = False, read_raw: bool = False) -> Callable[[], Any]:
    async def run() -> Any:
        async with _pages.client(PAGES) as jb:
            projects = await jb.projects.list().to_list()
        if read_raw:
            for project in projects:
                project.raw  # noqa: B018 - reading raw parses and keeps it
        return projects

    def build() -> Any:
        if not reference:
            return asyncio.run(run())
        fast = wire.plan
        wire.plan = lambda cls: None  # type: ignore[assignment]
        try:
            return asyncio.run(run())
        finally:
            wire.plan = fast

    return build


def main() -> str:
    bodies = _pages.page_bodies(PAGES)
    # Measured with the bodies already held, so only what each way keeps is counted.
    dicts = _kept(_dicts(bodies))
    rows = [
        ("plain dicts (`json.loads` of every page)", dicts),
        ("**jbcrm** `to_list()`", _kept(_to_list())),
        ("jbcrm `to_list()`, then `.raw` read on every item", _kept(_to_list(read_raw=True))),
        ("jbcrm `to_list()`, reference decode path (cattrs)", _kept(_to_list(reference=True))),
    ]
    fast = rows[1][1]
    assert fast[2][0].raw == json.loads(bodies[0])[0]
    lines = [
        f"{machine()}; {PAGES} pages x {_pages.PER_PAGE} listed projects "
        f"({PAGES * _pages.PER_PAGE:,} items) kept in a list.",
        "",
        "| kept | bytes per item | ratio to plain dicts | GC-tracked objects per item |",
        "|---|---|---|---|",
    ]
    for label, (size, tracked, _) in rows:
        lines.append(f"| {label} | {size:,.0f} | {size / dicts[0]:.2f}x | {tracked:.1f} |")
    lines += [
        "",
        f"**jbcrm `to_list()` holds {fast[0] / dicts[0]:.2f}x the plain dicts** (target <= "
        "1.2x); `raw` is parsed from the record's bytes when first read (then kept).",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    result = main()
    print(result)
    write_section("Memory per kept item", result)
