"""Small helpers shared by the benchmark scripts: medians, machine line, RESULTS.md sections."""

from __future__ import annotations

import os
import platform
import re
import statistics
from collections.abc import Sequence
from pathlib import Path

RESULTS = Path(__file__).with_name("RESULTS.md")
_HEADER = (
    "# Benchmark results\n\n"
    "Written by `make bench` (`python -m benchmarks`), or one section at a time by "
    "`python -m benchmarks.<name>`. Ratios compare runs made in the same process, one after "
    "the other; times are medians.\n"
)


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def machine() -> str:
    return (
        f"Python {platform.python_version()} on {platform.machine()}, "
        f"{os.cpu_count()} CPUs ({platform.system()})"
    )


def write_section(name: str, body: str) -> None:
    """Replace (or add) the section ``## name`` of RESULTS.md with ``body``."""
    text = RESULTS.read_text() if RESULTS.exists() else _HEADER
    section = f"## {name}\n\n{body.strip()}\n"
    pattern = re.compile(rf"^## {re.escape(name)}\n.*?(?=^## |\Z)", re.S | re.M)
    text = pattern.sub(section + "\n", text) if pattern.search(text) else f"{text}\n{section}"
    RESULTS.write_text(text.rstrip() + "\n")
