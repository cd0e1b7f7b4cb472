"""The process's one private event loop, on a daemon thread, that every sync client runs on.

All threads of a process hand their calls to this one loop, so a sync client keeps one
connection pool whichever thread calls it, and equal ``RateLimit`` values keep one budget.

This is a plain ``asyncio`` loop and ``call_soon_threadsafe``, not anyio's blocking portal:
the portal makes two blocking hops between threads per call (one to spawn the task, one for
its result) where this makes one, which measured 1.3-1.8x the cost of a call here.

A call interrupted in the calling thread (Ctrl-C) cancels its task and waits briefly for the
task to unwind, so the request is abandoned and its limiter slot freed before the
``KeyboardInterrupt`` goes on. After ``os.fork()`` the child has no loop thread: it starts its
own on first use, and refuses the objects made before the fork instead of hanging on them.
"""

from __future__ import annotations

import asyncio
import atexit
import concurrent.futures
import contextlib
import os
import threading
import weakref
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Iterator
from typing import Any, ParamSpec, Protocol, TypeVar

from jbcrm._core.errors import ClientClosedError, EventLoopMismatchError, JBCRMError

T = TypeVar("T")
P = ParamSpec("P")

#: How long an interrupted call may take to unwind (cancel its request, free its slot).
CANCEL_WAIT = 5.0
#: How long closing at interpreter exit may take, all clients together.
EXIT_WAIT = 5.0


class Closable(Protocol):
    """What the loop closes at interpreter exit: a sync client still open."""

    def _close_on_loop(self) -> Coroutine[Any, Any, None]: ...


class _Box:
    """The task of one call, once the loop has started it; whether its caller left."""

    __slots__ = ("abandoned", "task")

    def __init__(self) -> None:
        self.task: asyncio.Task[Any] | None = None
        self.abandoned = False


class EventLoopThread:
    """One process's private event loop, started on first use."""

    def __init__(self) -> None:
        self.pid = os.getpid()
        self.forked = False
        self.stopped = False
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._open: weakref.WeakSet[Closable] = weakref.WeakSet()

    def __repr__(self) -> str:
        state = "running" if self._loop is not None else "not started"
        return f"<EventLoopThread of process {self.pid}: {state}>"

    def adopt(self, client: Closable) -> None:
        """Remember ``client``, to close its pool at interpreter exit if it is still open."""
        with self._lock:
            self._open.add(client)

    def release(self, client: Closable) -> None:
        with self._lock:
            self._open.discard(client)

    def call(self, func: Callable[P, Awaitable[T]], /, *args: P.args, **kwargs: P.kwargs) -> T:
        """Run ``func(*args, **kwargs)`` on the loop and wait for its result, in any thread."""
        loop = self._running_loop()
        result: concurrent.futures.Future[T] = concurrent.futures.Future()
        box = _Box()
        try:
            loop.call_soon_threadsafe(_start, loop, box, result, func, args, kwargs)
            return result.result()
        except concurrent.futures.CancelledError:
            # Cancelled by the loop itself, not by this thread: the loop is shutting down.
            raise ClientClosedError(
                "jbcrm's event loop stopped (the interpreter is exiting)"
            ) from None
        except BaseException:
            if not result.done():
                # The calling thread was interrupted: the request must not go on without it.
                box.abandoned = True
                loop.call_soon_threadsafe(_cancel, box, result)
                with contextlib.suppress(BaseException):
                    concurrent.futures.wait([result], timeout=CANCEL_WAIT)
            raise

    def iterate(self, generator: AsyncIterator[T]) -> Iterator[T]:
        """The values of an async generator, each one produced on the loop; the generator is
        closed there when the iteration ends, is left early, or fails."""
        try:
            while True:
                try:
                    value = self.call(generator.__anext__)
                except StopAsyncIteration:
                    return
                yield value
        finally:
            # After a fork or at exit the loop's own finalizer closes it, if anything does.
            close = getattr(generator, "aclose", None)
            if close is not None:
                with contextlib.suppress(JBCRMError):
                    self.call(close)

    def _running_loop(self) -> asyncio.AbstractEventLoop:
        if self.forked:
            raise EventLoopMismatchError(
                f"this object was made in process {self.pid}, before os.fork(); its connections "
                "and its event loop stayed in that process",
                hint="create the client after the fork (in each worker process, e.g. on first "
                "use or in gunicorn's post_fork hook), not at import time of a preloaded app",
            )
        loop = self._loop
        if loop is None:
            loop = self._start()
        elif self._thread is threading.current_thread():
            raise EventLoopMismatchError(
                "a sync jbcrm call was made on jbcrm's own event loop thread",
                hint="in async code use jbcrm.Jetbuilt / jbcrm.JetpackCRM and await them",
            )
        return loop

    def _start(self) -> asyncio.AbstractEventLoop:
        with self._lock:
            if self.stopped:
                raise ClientClosedError("jbcrm's event loop stopped (the interpreter is exiting)")
            if self._loop is None:
                loop = asyncio.new_event_loop()
                thread = threading.Thread(
                    target=_run_forever, args=(loop,), name="jbcrm-event-loop", daemon=True
                )
                thread.start()
                self._thread = thread
                self._loop = loop
            return self._loop

    def shutdown(self, timeout: float = EXIT_WAIT) -> None:
        """Close the clients still open, stop the loop and wait for its thread (at exit)."""
        with self._lock:
            loop, thread = self._loop, self._thread
            self._loop = self._thread = None
            self.stopped = True
            clients = list(self._open)
        if loop is None or thread is None or self.forked:
            return
        closing = asyncio.run_coroutine_threadsafe(_close_all(clients), loop)
        with contextlib.suppress(BaseException):
            closing.result(timeout)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout)


def _run_forever(loop: asyncio.AbstractEventLoop) -> None:
    asyncio.set_event_loop(loop)
    try:
        loop.run_forever()
    finally:
        tasks = asyncio.all_tasks(loop)
        for task in tasks:
            task.cancel()
        if tasks:
            loop.run_until_complete(asyncio.gather(*tasks, return_exceptions=True))
        loop.run_until_complete(loop.shutdown_asyncgens())
        loop.close()


def _start(
    loop: asyncio.AbstractEventLoop,
    box: _Box,
    result: concurrent.futures.Future[Any],
    func: Callable[..., Awaitable[Any]],
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
) -> None:
    if box.abandoned:
        return

    async def run() -> Any:
        return await func(*args, **kwargs)

    task = box.task = loop.create_task(run())
    task.add_done_callback(lambda done: _settle(done, result))


def _settle(task: asyncio.Task[Any], result: concurrent.futures.Future[Any]) -> None:
    if result.done():
        return
    if task.cancelled():
        result.cancel()
        result.set_running_or_notify_cancel()
        return
    error = task.exception()
    if error is None:
        result.set_result(task.result())
    else:
        result.set_exception(error)


def _cancel(box: _Box, result: concurrent.futures.Future[Any]) -> None:
    if box.task is not None:
        box.task.cancel()
    else:
        # Interrupted before its task started: none will, and nothing is left to wait for.
        result.cancel()


async def _close_all(clients: list[Closable]) -> None:
    await asyncio.gather(*(client._close_on_loop() for client in clients), return_exceptions=True)


_current = EventLoopThread()


def process_loop() -> EventLoopThread:
    """The event loop thread of this process (started on its first call)."""
    return _current


def _after_fork_in_child() -> None:
    global _current
    _current.forked = True
    _current = EventLoopThread()


os.register_at_fork(after_in_child=_after_fork_in_child)
atexit.register(lambda: _current.shutdown())
