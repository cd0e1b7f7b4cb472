"""Blocking fetch_each / fetch_as_completed: the async helpers' rules, for sync functions."""

from __future__ import annotations

import threading

import pytest

import jbcrm
from jbcrm.sandbox import JetbuiltSandbox


def _ids(sandbox: JetbuiltSandbox, count: int) -> list[int]:
    return [p["id"] for p in sandbox.store.listed_projects()[:count]]


def test_a_sync_clients_method_runs_on_the_event_loop_without_threads_results_in_order(
    sync_jetbuilt_client: jbcrm.SyncJetbuilt,
    jetbuilt_sandbox: JetbuiltSandbox,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    started: list[str] = []
    real_start = threading.Thread.start

    def start(thread: threading.Thread) -> None:
        started.append(thread.name)
        real_start(thread)

    monkeypatch.setattr(threading.Thread, "start", start)
    ids = _ids(jetbuilt_sandbox, 12)
    outcomes = jbcrm.sync_fetch_each(sync_jetbuilt_client.projects.get, ids, concurrency=4)
    assert [o.key for o in outcomes] == ids
    assert [o.result.id for o in outcomes if o.result is not None] == ids
    assert [name for name in started if name != "jbcrm-event-loop"] == []


def test_any_other_function_runs_in_a_pool_of_concurrency_threads(
    sync_jetbuilt_client: jbcrm.SyncJetbuilt, jetbuilt_sandbox: JetbuiltSandbox
) -> None:
    threads: set[str] = set()
    gate = threading.Barrier(3, timeout=10)

    def name_of(project_id: int) -> str:
        threads.add(threading.current_thread().name)
        if len(threads) <= 3:
            gate.wait()  # three run at once, or this times out
        return sync_jetbuilt_client.projects.get(project_id).name

    ids = _ids(jetbuilt_sandbox, 9)
    outcomes = jbcrm.sync_fetch_each(name_of, ids, concurrency=3)
    assert [o.result for o in outcomes] == [
        p["name"] for p in jetbuilt_sandbox.store.listed_projects()[:9]
    ]
    assert len(threads) == 3
    assert all(name.startswith("jbcrm-fetch-each") for name in threads)


def test_the_first_failure_is_raised_and_collect_keeps_every_outcome(
    sync_jetbuilt_client: jbcrm.SyncJetbuilt, jetbuilt_sandbox: JetbuiltSandbox
) -> None:
    ids = [*_ids(jetbuilt_sandbox, 3), 1]
    with pytest.raises(jbcrm.NotFoundError):
        jbcrm.sync_fetch_each(sync_jetbuilt_client.projects.get, ids)
    outcomes = jbcrm.sync_fetch_each(sync_jetbuilt_client.projects.get, ids, errors="collect")
    assert [o.ok for o in outcomes] == [True, True, True, False]
    assert isinstance(outcomes[-1].error, jbcrm.NotFoundError)


def test_bad_arguments_are_refused_as_by_the_async_helper() -> None:
    with pytest.raises(jbcrm.InvalidArgumentError, match="concurrency"):
        jbcrm.sync_fetch_each(str, [1], concurrency=0)
    with pytest.raises(jbcrm.InvalidArgumentError, match="func"):
        jbcrm.sync_fetch_each(None, [1])  # type: ignore[arg-type]


def test_as_completed_yields_every_outcome(
    sync_jetbuilt_client: jbcrm.SyncJetbuilt, jetbuilt_sandbox: JetbuiltSandbox
) -> None:
    ids = _ids(jetbuilt_sandbox, 10)
    every = list(jbcrm.sync_fetch_as_completed(sync_jetbuilt_client.projects.get, ids))
    assert sorted(o.key for o in every) == sorted(ids)
    assert all(o.ok for o in every)


def test_leaving_as_completed_early_starts_no_more_calls() -> None:
    started: list[int] = []
    gate = threading.Event()

    def slow(key: int) -> int:
        started.append(key)
        if key != 0:
            gate.wait(10)
        return key

    outcomes = jbcrm.sync_fetch_as_completed(slow, range(10), concurrency=2)
    first = next(outcomes)
    outcomes.close()
    begun = list(started)
    gate.set()
    assert first.result == 0
    assert len(begun) <= 3  # key 0, then at most one more for each of the two workers
