"""Waiting in a test for state that has no event to wait on (a background task's work)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

#: Long past what any condition here needs: reached only when it never comes true.
GUARD = 10.0


async def until(condition: Callable[[], bool], *, every: float = 0.001) -> None:
    """Return once ``condition()`` holds, polling ``every`` seconds; fail after ``GUARD``."""

    async def poll() -> None:
        while not condition():  # noqa: ASYNC110 - nothing to wait on but the state itself
            await asyncio.sleep(every)

    await asyncio.wait_for(poll(), GUARD)
