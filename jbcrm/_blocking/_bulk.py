"""Blocking bulk helpers: :func:`~jbcrm.fetch_each` and :func:`~jbcrm.fetch_as_completed` for
sync functions, run by the async ones on the jbcrm event loop.

A sync client's own method (``jb.projects.get``) runs as its async counterpart on the loop, so
a bulk job costs no thread per request. Any other function runs in a pool of ``concurrency``
threads, with the same order, error and cancellation rules.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import inspect
from collections.abc import Awaitable, Callable, Iterable, Iterator
from typing import Literal, TypeVar

from jbcrm._blocking._client import SyncClient
from jbcrm._blocking._loop import EventLoopThread, process_loop
from jbcrm._blocking._resource import SyncResource
from jbcrm._core.bulk import Outcome, fetch_as_completed, fetch_each
from jbcrm._core.constants import DEFAULT_BULK_CONCURRENCY

K = TypeVar("K")
R = TypeVar("R")


def sync_fetch_each(
    func: Callable[[K], R],
    keys: Iterable[K],
    *,
    concurrency: int = DEFAULT_BULK_CONCURRENCY,
    errors: Literal["raise", "collect"] = "raise",
) -> list[Outcome[K, R]]:
    """``func(key)`` for every key, at most ``concurrency`` at once, results in input order.

    With ``errors="raise"`` the first failure cancels the rest and is raised; with
    ``"collect"`` every outcome is returned and failures sit in ``Outcome.error``.

    Example: ``outcomes = jbcrm.sync_fetch_each(jb.projects.get, ids, concurrency=20)``.
    """
    with _on_loop(func, concurrency) as (loop, run):
        return loop.call(fetch_each, run, keys, concurrency=concurrency, errors=errors)


def sync_fetch_as_completed(
    func: Callable[[K], R],
    keys: Iterable[K],
    *,
    concurrency: int = DEFAULT_BULK_CONCURRENCY,
    errors: Literal["raise", "collect"] = "raise",
) -> Iterator[Outcome[K, R]]:
    """Like :func:`sync_fetch_each`, but yields each outcome as soon as it is ready; leaving
    the loop early cancels the calls still running."""
    with _on_loop(func, concurrency) as (loop, run):
        outcomes = fetch_as_completed(run, keys, concurrency=concurrency, errors=errors)
        yield from loop.iterate(outcomes)


@contextlib.contextmanager
def _on_loop(
    func: Callable[[K], R], concurrency: int
) -> Iterator[tuple[EventLoopThread, Callable[[K], Awaitable[R]]]]:
    """The loop to run on and the async function of a key to run there."""
    if not callable(func):
        # fetch_each refuses it, saying what it needs.
        yield process_loop(), func
        return
    owner = getattr(func, "__self__", None)
    if isinstance(owner, (SyncResource, SyncClient)):
        counterpart = getattr(owner._async, getattr(func, "__name__", ""), None)
        if inspect.iscoroutinefunction(counterpart):
            yield owner._loop, counterpart
            return
    pool: list[concurrent.futures.ThreadPoolExecutor] = []

    async def in_a_thread(key: K) -> R:
        if not pool:
            # Made on first use: fetch_each has checked `concurrency` by then.
            pool.append(concurrent.futures.ThreadPoolExecutor(concurrency, "jbcrm-fetch-each"))
        return await asyncio.get_running_loop().run_in_executor(pool[0], func, key)

    try:
        yield process_loop(), in_a_thread
    finally:
        if pool:
            pool[0].shutdown(wait=False, cancel_futures=True)
