"""Bulk helpers: run one coroutine per input with bounded concurrency.

Concurrency only bounds how many are in flight at once; the client's rate limiter still
decides when each request goes out.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from typing import Any, Generic, Literal, TypeVar

import attrs

from jbcrm._core import constants
from jbcrm._core.errors import InvalidArgumentError

K = TypeVar("K")
R = TypeVar("R")


@attrs.frozen
class Outcome(Generic[K, R]):
    """What one input gave: its result, or the exception it raised."""

    key: K
    result: R | None = None
    error: BaseException | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    def unwrap(self) -> R:
        """The result, or raise the error this input gave (typed: no ``Optional`` to check)."""
        if self.error is not None:
            raise self.error
        return self.result  # type: ignore[return-value]


#: Called after each outcome with (inputs done, inputs in all).
Progress = Callable[[int, int], object]


async def fetch_each(
    func: Callable[[K], Awaitable[R]],
    keys: Iterable[K],
    *,
    concurrency: int = constants.DEFAULT_BULK_CONCURRENCY,
    errors: Literal["raise", "collect"] = "raise",
    on_progress: Progress | None = None,
) -> list[Outcome[K, R]]:
    """``await func(key)`` for every key, at most ``concurrency`` at once, results in input order.

    With ``errors="raise"`` the first failure cancels the rest and is raised; with
    ``"collect"`` every outcome is returned and failures sit in ``Outcome.error``.
    ``on_progress(done, total)`` is called after each input finishes (a failure too), to show
    a long job's progress.

    Example: ``outcomes = await jbcrm.fetch_each(jb.projects.get, ids, concurrency=20)``.
    """
    keys = _checked(func, keys, concurrency, errors, on_progress)
    results: list[Outcome[K, R] | None] = [None] * len(keys)
    async for index, outcome in _run(func, keys, concurrency, errors, on_progress):
        results[index] = outcome
    return [outcome for outcome in results if outcome is not None]


async def fetch_as_completed(
    func: Callable[[K], Awaitable[R]],
    keys: Iterable[K],
    *,
    concurrency: int = constants.DEFAULT_BULK_CONCURRENCY,
    errors: Literal["raise", "collect"] = "raise",
    on_progress: Progress | None = None,
) -> AsyncIterator[Outcome[K, R]]:
    """Like :func:`fetch_each`, but yields each outcome as soon as it is ready."""
    checked = _checked(func, keys, concurrency, errors, on_progress)
    async for _, outcome in _run(func, checked, concurrency, errors, on_progress):
        yield outcome


def _checked(func: Any, keys: Any, concurrency: Any, errors: Any, on_progress: Any) -> list[Any]:
    """The keys as a list, once every argument is known to be usable."""
    if not callable(func):
        raise InvalidArgumentError(f"func must be an async function of a key, got {func!r}")
    if on_progress is not None and not callable(on_progress):
        raise InvalidArgumentError(
            f"on_progress must be a function of (done, total), got {on_progress!r}"
        )
    if isinstance(concurrency, bool) or not isinstance(concurrency, int) or concurrency < 1:
        raise InvalidArgumentError(
            f"concurrency must be a whole number of at least 1, got {concurrency!r}"
        )
    if errors not in ("raise", "collect"):
        raise InvalidArgumentError(f"errors must be 'raise' or 'collect', got {errors!r}")
    if isinstance(keys, (str, bytes)):
        raise InvalidArgumentError("keys must be an iterable of keys, not a single string")
    try:
        return list(keys)
    except TypeError:
        raise InvalidArgumentError(
            f"keys must be an iterable of keys, got {type(keys).__name__}"
        ) from None


async def _run(
    func: Callable[[K], Awaitable[R]],
    keys: list[K],
    concurrency: int,
    errors: Literal["raise", "collect"],
    on_progress: Progress | None,
) -> AsyncIterator[tuple[int, Outcome[K, R]]]:
    queue: asyncio.Queue[tuple[int, Outcome[K, R]]] = asyncio.Queue()
    pending = iter(enumerate(keys))
    closing = False

    async def worker() -> None:
        for index, key in pending:
            try:
                outcome: Outcome[K, R] = Outcome(key, result=await func(key))
            except asyncio.CancelledError as exc:
                if closing:
                    raise
                # The function itself raised CancelledError (the workers are cancelled only
                # by `closing`): it is that key's outcome, or the consumer would wait forever.
                outcome = Outcome(key, error=exc)
            except Exception as exc:
                outcome = Outcome(key, error=exc)
            queue.put_nowait((index, outcome))

    workers = [asyncio.ensure_future(worker()) for _ in range(min(concurrency, len(keys)))]
    try:
        for done in range(1, len(keys) + 1):
            index, outcome = await queue.get()
            if on_progress is not None:
                on_progress(done, len(keys))
            if outcome.error is not None and errors == "raise":
                raise outcome.error
            yield index, outcome
    finally:
        closing = True
        for task in workers:
            task.cancel()
        await asyncio.gather(*workers, return_exceptions=True)
