"""Run every benchmark and write benchmarks/RESULTS.md."""

from __future__ import annotations

import importlib

from benchmarks._report import write_section

SECTIONS = [
    ("limiter_efficiency", "Rate-limit efficiency"),
    ("hidden_cotenant", "Hidden co-tenant"),
    ("jetpack_politeness", "Politeness toward an unmetered site (Jetpack CRM)"),
    ("overhead", "Overhead per request"),
    ("decode", "Decode speed (bytes to typed models)"),
    ("memory", "Memory per kept item"),
    ("prefetch", "Paginator cost per page by prefetch"),
    ("sync_overhead", "Sync client overhead"),
    ("sync_threads", "Sync client, 16 threads"),
    ("sandbox_throughput", "Sandbox throughput"),
    ("redis_limiter", "Shared limiter on Redis"),
    ("mirror", "Mirror into a database"),
    ("window_plot", "Accepted per window (the picture)"),
]

if __name__ == "__main__":
    # Each script's main() runs with its defaults and returns its markdown section.
    for module_name, title in SECTIONS:
        module = importlib.import_module(f"benchmarks.{module_name}")
        print(f"== {title}")
        result = module.main()
        print(result)
        write_section(title, result)
