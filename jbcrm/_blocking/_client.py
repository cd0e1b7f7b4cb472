"""What every sync client shares: the async client it runs, its lifecycle, its copies."""

from __future__ import annotations

import copy
from types import TracebackType
from typing import Any, Generic, TypeVar

from jbcrm._blocking._loop import EventLoopThread, process_loop
from jbcrm._core.client import BaseClient

A = TypeVar("A", bound=BaseClient)
S = TypeVar("S", bound="SyncClient[Any]")


class SyncClient(Generic[A]):
    """A blocking client: every call runs the async client's on the process's one jbcrm event
    loop, so threads calling one client share its connection pool and its limiter.

    Use ``with`` or call :meth:`close`. Make it in the process that uses it: a client made
    before ``os.fork()`` raises :class:`~jbcrm.EventLoopMismatchError` in the child.
    """

    _async: A

    def __init__(self, client: A) -> None:
        self._async = client
        self._loop: EventLoopThread = process_loop()
        # Closed at interpreter exit if still open, so that no socket is left to the collector.
        self._loop.adopt(self)

    def __repr__(self) -> str:
        return f"Sync{self._async!r}"

    def __enter__(self: S) -> S:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection pool (a pool passed in as ``http_client`` is left open).

        On a :meth:`with_options` copy this closes only the copy. In a child process after a
        fork it does nothing: the pool's connections are the parent's."""
        self._loop.release(self)
        if not self._loop.forked:
            self._loop.call(self._async.aclose)

    async def _close_on_loop(self) -> None:
        await self._async.aclose()

    def _derive(self: S, client: Any) -> S:
        """A copy of this client running ``client`` (a ``with_options`` copy of its own)."""
        clone = copy.copy(self)
        clone._async = client
        return clone
