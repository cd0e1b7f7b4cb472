"""The sync client's benchmark scripts, on a tiny scale: they run and measure what they say."""

from __future__ import annotations

import pytest

from benchmarks import sync_overhead, sync_threads


def test_the_overhead_benchmark_times_both_paths_on_one_transport(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sync_overhead, "REQUESTS", 20)
    found = sync_overhead.measure("company_get", runs=2)
    assert [len(values) for values in found.values()] == [2, 2, 2, 2]
    assert all(value > 0 for values in found.values() for value in values)


def test_the_threads_benchmark_reaches_every_record_without_a_429(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sync_threads, "THREADS", 4)
    monkeypatch.setattr(sync_threads, "CALLS", 5)
    monkeypatch.setattr(sync_threads, "N", 10)
    monkeypatch.setattr(sync_threads, "PER", 0.2)
    monkeypatch.setattr(sync_threads, "RUNS", 1)
    report = sync_threads.main()
    assert report.count("| 0 | ") == 2  # no 429 for either client
    assert report.count("20 / 20 |") == 2
