"""Bulk helpers: input order kept, concurrency bounded, errors raised or collected."""

from __future__ import annotations

import asyncio
import random
from typing import Any

import pytest

import jbcrm
from jbcrm import Outcome, fetch_as_completed, fetch_each


class Counter:
    """An async function of a key that records how many calls run at once."""

    def __init__(self, *, fail: frozenset[int] = frozenset(), seed: int = 0) -> None:
        self.in_flight = self.max_in_flight = 0
        self.started: list[int] = []
        self.finished: list[int] = []
        self.fail = fail
        self._random = random.Random(seed)

    async def __call__(self, key: int) -> str:
        self.started.append(key)
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            await asyncio.sleep(self._random.uniform(0.0, 0.01))
            if key in self.fail:
                raise ValueError(f"bad key {key}")
            return f"result {key}"
        finally:
            self.in_flight -= 1
            self.finished.append(key)


async def test_fetch_each_keeps_input_order_and_bounds_concurrency() -> None:
    func = Counter()
    outcomes = await asyncio.wait_for(fetch_each(func, range(40), concurrency=4), 5)
    assert [o.key for o in outcomes] == list(range(40))
    assert [o.result for o in outcomes] == [f"result {k}" for k in range(40)]
    assert all(o.ok for o in outcomes)
    assert func.max_in_flight == 4
    # Completion order differs from input order, so the ordering is fetch_each's doing.
    assert func.finished != list(range(40))


async def test_fetch_each_raises_the_first_error_and_cancels_the_rest() -> None:
    func = Counter(fail=frozenset({3}))
    with pytest.raises(ValueError, match="bad key 3"):
        await asyncio.wait_for(fetch_each(func, range(100), concurrency=5), 5)
    await asyncio.sleep(0.02)
    assert func.in_flight == 0
    assert len(func.started) < 100


async def test_fetch_each_collects_errors_when_asked() -> None:
    func = Counter(fail=frozenset({2, 7}))
    outcomes = await fetch_each(func, range(10), concurrency=3, errors="collect")
    failed = [o for o in outcomes if not o.ok]
    assert [o.key for o in failed] == [2, 7]
    assert all(isinstance(o.error, ValueError) and o.result is None for o in failed)
    assert len(outcomes) == 10


async def test_fetch_as_completed_yields_in_finishing_order() -> None:
    async def slower_first(key: int) -> int:
        await asyncio.sleep(0.01 * (5 - key))
        return key

    seen = [o.result async for o in fetch_as_completed(slower_first, range(5), concurrency=5)]
    assert seen == [4, 3, 2, 1, 0]


async def test_fetch_as_completed_raises_or_collects() -> None:
    func = Counter(fail=frozenset({1}))
    collected: list[Outcome[int, str]] = [
        o async for o in fetch_as_completed(func, range(4), errors="collect")
    ]
    assert sorted(o.key for o in collected) == [0, 1, 2, 3]
    with pytest.raises(ValueError, match="bad key 1"):
        async for _ in fetch_as_completed(Counter(fail=frozenset({1})), range(4)):
            pass


async def test_nothing_to_fetch_gives_nothing() -> None:
    assert await fetch_each(Counter(), []) == []


def test_bulk_helpers_are_public() -> None:
    assert jbcrm.fetch_each is fetch_each
    assert Outcome(1, result="x").ok


async def cancels_itself(key: int) -> int:
    if key == 2:
        raise asyncio.CancelledError
    await asyncio.sleep(0)
    return key


async def test_a_function_raising_cancelled_error_does_not_hang_fetch_each() -> None:
    outcomes = await asyncio.wait_for(
        fetch_each(cancels_itself, range(5), concurrency=2, errors="collect"), 5
    )
    assert [o.key for o in outcomes] == [0, 1, 2, 3, 4]
    assert isinstance(outcomes[2].error, asyncio.CancelledError)
    assert [o.result for o in outcomes if o.ok] == [0, 1, 3, 4]
    with pytest.raises(asyncio.CancelledError):
        await asyncio.wait_for(fetch_each(cancels_itself, range(5), concurrency=2), 5)


async def test_a_function_raising_cancelled_error_does_not_hang_fetch_as_completed() -> None:
    outcomes = await asyncio.wait_for(_collect_as_completed(cancels_itself, range(4)), 5)
    assert sorted(o.key for o in outcomes) == [0, 1, 2, 3]
    assert sum(not o.ok for o in outcomes) == 1


async def _collect_as_completed(func: Any, keys: Any) -> list[Outcome[int, int]]:
    return [o async for o in fetch_as_completed(func, keys, concurrency=3, errors="collect")]


async def test_cancelling_the_caller_still_stops_every_worker() -> None:
    func = Counter()
    slow = asyncio.ensure_future(fetch_each(_forever(func), range(10), concurrency=3))
    await asyncio.sleep(0.01)
    slow.cancel()
    with pytest.raises(asyncio.CancelledError):
        await slow
    assert func.in_flight == 0


def _forever(counter: Counter) -> Any:
    async def run(key: int) -> None:
        counter.in_flight += 1
        try:
            await asyncio.sleep(3600)
        finally:
            counter.in_flight -= 1

    return run


@pytest.mark.parametrize(
    ("func", "keys", "concurrency", "errors", "says"),
    [
        (Counter(), [1], 0, "raise", "concurrency"),
        (Counter(), [1], 2.5, "raise", "concurrency"),
        (Counter(), [1], "3", "raise", "concurrency"),
        (Counter(), [1], True, "raise", "concurrency"),
        (Counter(), [1], 2, "x", "errors"),
        ("not callable", [1], 2, "raise", "func"),
        (Counter(), 42, 2, "raise", "keys must be an iterable of keys, got int"),
        (Counter(), "abc", 2, "raise", "keys"),
    ],
)
async def test_bad_bulk_arguments_are_invalid_argument_errors(
    func: Any, keys: Any, concurrency: Any, errors: Any, says: str
) -> None:
    with pytest.raises(jbcrm.InvalidArgumentError, match=says):
        await fetch_each(func, keys, concurrency=concurrency, errors=errors)
    with pytest.raises(jbcrm.InvalidArgumentError, match=says):
        async for _ in fetch_as_completed(func, keys, concurrency=concurrency, errors=errors):
            pass


async def test_unwrap_returns_the_result_or_raises_the_inputs_error() -> None:
    outcomes = await fetch_each(Counter(fail=frozenset({1})), range(3), errors="collect")
    assert outcomes[0].unwrap() == "result 0"
    with pytest.raises(ValueError, match="bad key 1"):
        outcomes[1].unwrap()
    # A result that is legitimately None is returned, not mistaken for a failure.
    assert Outcome("k", result=None).unwrap() is None


@pytest.mark.parametrize("errors", ["raise", "collect"])
async def test_progress_is_reported_after_every_input_of_both_helpers(errors: Any) -> None:
    seen: list[tuple[int, int]] = []
    await fetch_each(Counter(), range(7), concurrency=3, errors=errors, on_progress=_record(seen))
    assert seen == [(done, 7) for done in range(1, 8)]
    seen.clear()
    async for _ in fetch_as_completed(Counter(), range(5), on_progress=_record(seen)):
        pass
    assert seen == [(done, 5) for done in range(1, 6)]


async def test_progress_counts_failures_too_when_they_are_collected() -> None:
    seen: list[tuple[int, int]] = []
    outcomes = await fetch_each(
        Counter(fail=frozenset({0, 4})), range(6), errors="collect", on_progress=_record(seen)
    )
    assert sum(not o.ok for o in outcomes) == 2
    assert seen[-1] == (6, 6)
    assert len(seen) == 6


async def test_progress_must_be_a_function() -> None:
    func = Counter()
    with pytest.raises(jbcrm.InvalidArgumentError, match="on_progress"):
        await fetch_each(func, range(2), on_progress=5)  # type: ignore[arg-type]
    with pytest.raises(jbcrm.InvalidArgumentError, match="on_progress"):
        async for _ in fetch_as_completed(func, range(2), on_progress=5):  # type: ignore[arg-type]
            pass
    assert func.started == []


async def test_a_concurrency_of_one_runs_the_calls_one_after_another() -> None:
    func = Counter()
    outcomes = await asyncio.wait_for(fetch_each(func, range(5), concurrency=1), 5)
    assert [o.result for o in outcomes] == [f"result {k}" for k in range(5)]
    assert func.max_in_flight == 1
    assert func.finished == list(range(5))


async def test_when_a_call_fails_the_others_have_stopped_before_its_error_is_raised() -> None:
    counter = Counter()
    forever = _forever(counter)

    async def func(key: int) -> None:
        if key == 2:
            await asyncio.sleep(0.01)
            raise ValueError("bad key 2")
        await forever(key)

    with pytest.raises(ValueError, match="bad key 2"):
        await fetch_each(func, range(5), concurrency=5)  # awaited directly: no loop turn after
    assert counter.in_flight == 0  # fetch_each itself waited for them to end


def _record(seen: list[tuple[int, int]]) -> Any:
    return lambda done, total: seen.append((done, total))
