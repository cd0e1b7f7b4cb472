"""Decode speed, side by side in one run: response bytes to typed models, as a ratio to
``json.loads`` of the same bytes (measured in the same repetition).

Inputs: the document's "Get a project" JSON (into ``ProjectDetail``) and a page of 25 listed
projects (into ``Project``). Contenders: jbcrm (the fast path clients run, then the cattrs
reference path it falls back to), pydantic ``validate_json``, githubkit's model base and
``type_validate_json`` on the same fields, and msgspec structs. Each measurement is the
median of shuffled repetitions of CPU time (``time.process_time``). Target: jbcrm <= 1.5x
``json.loads`` on both inputs.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable
from typing import Any

import msgspec
import pydantic

from benchmarks._mirrors import msgspec_struct, pydantic_model
from benchmarks._report import machine, median, write_section
from jbcrm._core import wire
from jbcrm._core.convert import structure
from jbcrm.jetbuilt.models import Project, ProjectDetail
from tests.jetbuilt.fixtures import load

REPETITIONS = 7
#: Decodes per measurement, per input (a page holds 25 projects).
LOOPS = {"project": 2000, "page": 100}


def _inputs() -> dict[str, tuple[bytes, Any, bool]]:
    listed = load("projects_list")[0]
    page = [dict(listed, id=listed["id"] + i) for i in range(25)]
    return {
        "project": (json.dumps(load("project_get")).encode(), ProjectDetail, False),
        "page": (json.dumps(page).encode(), Project, True),
    }


def _jbcrm(cls: Any, is_page: bool) -> Callable[[bytes], Any]:
    if not is_page:
        return lambda body: wire.decode(body, cls)

    def page(body: bytes) -> Any:
        texts = wire.split(body, None)
        assert texts is not None
        return wire.decode_page(body, cls, None, texts)

    return page


def _contenders(cls: Any, is_page: bool) -> dict[str, Callable[[bytes], Any]]:
    from githubkit.compat import GitHubModel, type_validate_json

    target = list[cls] if is_page else cls
    plain = pydantic.TypeAdapter(
        list[pydantic_model(cls)] if is_page else pydantic_model(cls)  # type: ignore[misc]
    )
    github = list[pydantic_model(cls, GitHubModel)] if is_page else pydantic_model(cls, GitHubModel)
    struct = msgspec.json.Decoder(list[msgspec_struct(cls)] if is_page else msgspec_struct(cls))
    return {
        "`json.loads` (the baseline)": json.loads,
        "**jbcrm** (fast path)": _jbcrm(cls, is_page),
        "jbcrm reference path (`json.loads` + cattrs)": lambda b: structure(json.loads(b), target),
        "githubkit (`GitHubModel`, `type_validate_json`)": lambda b: type_validate_json(github, b),
        "pydantic `validate_json`": plain.validate_json,
        "msgspec structs": struct.decode,
    }


def _time(decode: Callable[[bytes], Any], body: bytes, loops: int) -> float:
    # CPU time of this process: what other processes on a shared machine take is not counted.
    start = time.process_time()
    for _ in range(loops):
        decode(body)
    return (time.process_time() - start) / loops


def measure() -> dict[str, dict[str, list[float]]]:
    """Per input, per contender: the ratio to ``json.loads`` in each repetition."""
    ratios: dict[str, dict[str, list[float]]] = {}
    for name, (body, cls, is_page) in _inputs().items():
        contenders = _contenders(cls, is_page)
        for decode in contenders.values():
            decode(body)  # warm: plans, schemas and caches are built once
        ratios[name] = {label: [] for label in contenders}
        for _ in range(REPETITIONS):
            order = list(contenders.items())
            random.shuffle(order)
            times = {label: _time(decode, body, LOOPS[name]) for label, decode in order}
            baseline = times["`json.loads` (the baseline)"]
            for label, seconds in times.items():
                ratios[name][label].append(seconds / baseline)
    return ratios


def main() -> str:
    ratios = measure()
    labels = list(ratios["project"])
    lines = [
        f"{machine()}; medians of {REPETITIONS} shuffled repetitions of CPU time, each the "
        "ratio to `json.loads` of the same bytes in that repetition (lower is faster); the "
        "spread is the lowest and highest repetition.",
        "",
        "| contender | rich project (`ProjectDetail`) | 25-item page (`Project`) |",
        "|---|---|---|",
    ]
    for label in labels:
        cells = [
            f"{median(r):.2f}x ({min(r):.2f}-{max(r):.2f})"
            for r in (ratios["project"][label], ratios["page"][label])
        ]
        lines.append(f"| {label} | {' | '.join(cells)} |")
    fast = [median(ratios[name]["**jbcrm** (fast path)"]) for name in ("project", "page")]
    lines += [
        "",
        f"**jbcrm: {fast[0]:.2f}x `json.loads` on the project, {fast[1]:.2f}x on the page**; "
        "target <= 1.5x. Every contender builds the same fields with the same types "
        "(`benchmarks/_mirrors.py`).",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    result = main()
    print(result)
    write_section("Decode speed (bytes to typed models)", result)
