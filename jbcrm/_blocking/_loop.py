"""The process's one private event loop, that every sync client runs on.

All threads of a process run their calls on this one loop, so a sync client keeps one
connection pool whichever thread calls it, and equal ``RateLimit`` values keep one budget.

A call made while nobody runs the loop runs it in the calling thread until the call's task
ends: a script or a lone worker thread pays no hop between threads. A call
made while another thread runs the loop is handed to that thread (``call_soon_threadsafe``)
and waited for. When a call is over and the loop still has work (another thread's call, a
prefetched page), the daemon thread ``jbcrm-event-loop`` takes the loop over until it is idle,
and wakes for timers left behind; the calling thread does not wait for it. Who runs the loop
is decided under one lock, and a call is handed over under it too, so none is left unrun.

A call interrupted in the calling thread (Ctrl-C) cancels its task and waits briefly for it
to unwind (running the loop itself if it was running it), so the request is abandoned and its
limiter slot freed before the ``KeyboardInterrupt`` goes on; while the main thread runs the
loop, Ctrl-C cancels its own call, never another thread's request it happens to be running
(``_sigint.py``). After ``os.fork()`` the child has
a loop of its own, started on first use, and refuses the objects made before the fork
instead of hanging on them.
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

from jbcrm._blocking._sigint import CtrlC
from jbcrm._core.errors import ClientClosedError, EventLoopMismatchError, JBCRMError

T = TypeVar("T")
P = ParamSpec("P")

#: How long an interrupted call may take to unwind (cancel its request, free its slot).
CANCEL_WAIT = 5.0
#: How long closing at interpreter exit may take, all clients together.
EXIT_WAIT = 5.0
#: Loop iterations a calling thread runs after its call to finish callbacks left ready,
#: before it hands them to the background thread.
SPINS = 2
#: ``EventLoopThread._driver`` when the background thread runs the loop.
BACKGROUND = "background"


class Closable(Protocol):
    """What the loop closes at interpreter exit: a sync client still open."""

    def _close_on_loop(self) -> Coroutine[Any, Any, None]: ...


class _Box:
    """The task of one call handed to the loop's runner, once started; whether its caller left."""

    __slots__ = ("abandoned", "task")

    def __init__(self) -> None:
        self.task: asyncio.Task[Any] | None = None
        self.abandoned = False


class EventLoopThread:
    """One process's private event loop, created on first use, run by whoever needs it."""

    def __init__(self) -> None:
        self.pid = os.getpid()
        self.forked = False
        self.stopped = False
        self._mu = threading.Lock()
        #: Where the background thread parks; notified when it has the loop or a new timer.
        self._turn = threading.Condition(self._mu)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        #: Who runs the loop: None (nobody), BACKGROUND, or a calling thread's ident.
        self._driver: int | str | None = None
        #: The loop time the parked background thread wakes at for a timer (None: no timer).
        self._timer_at: float | None = None
        self._exiting = False
        self._open: weakref.WeakSet[Closable] = weakref.WeakSet()

    def __repr__(self) -> str:
        state = "running" if self._loop is not None else "not started"
        return f"<EventLoopThread of process {self.pid}: {state}>"

    def adopt(self, client: Closable) -> None:
        """Remember ``client``, to close its pool at interpreter exit if it is still open."""
        with self._mu:
            self._open.add(client)

    def release(self, client: Closable) -> None:
        if self.forked:
            return  # the lock may have been held by a thread that is gone in this process
        with self._mu:
            self._open.discard(client)

    def call(self, func: Callable[P, Awaitable[T]], /, *args: P.args, **kwargs: P.kwargs) -> T:
        """Run ``func(*args, **kwargs)`` on the loop and wait for its result, in any thread."""
        result: T = self._run(self._running_loop(), func, args, kwargs)
        return result

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
        elif asyncio._get_running_loop() is loop:
            # Waiting here would stop the very loop that has to produce the answer.
            raise EventLoopMismatchError(
                "a sync jbcrm call was made inside a task on jbcrm's own event loop",
                hint="in async code use jbcrm.Jetbuilt / jbcrm.JetpackCRM and await them",
            )
        return loop

    def _start(self) -> asyncio.AbstractEventLoop:
        with self._mu:
            if self.stopped:
                raise ClientClosedError("jbcrm's event loop stopped (the interpreter is exiting)")
            if self._loop is None:
                loop = asyncio.new_event_loop()
                thread = threading.Thread(
                    target=self._serve, args=(loop,), name="jbcrm-event-loop", daemon=True
                )
                thread.start()
                self._thread = thread
                self._loop = loop
            return self._loop

    def _run(
        self,
        loop: asyncio.AbstractEventLoop,
        func: Callable[..., Awaitable[Any]],
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
        *,
        timeout: float | None = None,
        closing: bool = False,
    ) -> Any:
        # A thread inside another running loop cannot run this one: it hands its call over.
        can_drive = asyncio._get_running_loop() is None
        me = threading.get_ident()
        driving = False
        try:
            with self._mu:
                if self.stopped and not closing:
                    raise ClientClosedError(
                        "jbcrm's event loop stopped (the interpreter is exiting)"
                    )
                if can_drive and self._driver is None:
                    # Both in a row: no Ctrl-C lands between them, so the loop is never left
                    # claimed by a thread that does not know it.
                    self._driver, driving = me, True
                else:
                    box, result = _Box(), concurrent.futures.Future[Any]()
                    self._submit(loop, _start, loop, box, result, func, args, kwargs)
            if driving:
                return self._drive(loop, func, args, kwargs)
        finally:
            if driving:
                self._leave(loop, me)
        return self._wait(loop, box, result, timeout)

    def _submit(
        self, loop: asyncio.AbstractEventLoop, callback: Callable[..., None], *args: Any
    ) -> None:
        """Queue ``callback`` on the loop for whoever runs it; under ``_mu``, so a runner that is
        about to leave sees it, and with nobody running it the background thread is woken."""
        loop.call_soon_threadsafe(callback, *args)
        if self._driver is None:
            self._driver = BACKGROUND
            self._turn.notify()

    def _drive(
        self,
        loop: asyncio.AbstractEventLoop,
        func: Callable[..., Awaitable[Any]],
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
    ) -> Any:
        """Run the loop in this thread until this call's task is done; other threads' calls
        handed over meanwhile run too."""
        task = loop.create_task(_invoke_then_stop(loop, func, args, kwargs))
        ctrl_c = CtrlC(loop, task)
        try:
            # The task stops the loop in its last step: one loop iteration for a call that
            # never waits, where run_until_complete needs a second one for its callback.
            with ctrl_c:
                while not task.done():
                    loop.run_forever()
        except BaseException:
            if not task.done():
                # Interrupted between two steps: the request must not go on without us.
                task.cancel()
                limit = loop.call_later(CANCEL_WAIT, loop.stop)
                try:
                    with contextlib.suppress(BaseException):
                        loop.run_forever()
                finally:
                    limit.cancel()
            elif not task.cancelled():
                # A KeyboardInterrupt in the task's own step ended it, and is raised here.
                task.exception()
            raise
        if ctrl_c.interrupted:
            # Ctrl-C cancelled this call (not whichever task was running): it has unwound.
            raise KeyboardInterrupt
        if task.cancelled():
            # Cancelled by the loop itself, not by this thread: the interpreter exits.
            raise ClientClosedError("jbcrm's event loop stopped (the interpreter is exiting)")
        return task.result()

    def _leave(self, loop: asyncio.AbstractEventLoop, me: int) -> None:
        """After this thread's run of the loop: leave it idle, or to the background thread if
        it has work left; if interrupted again meanwhile, to the background thread."""
        try:
            for spin in range(SPINS + 1):
                with self._mu:
                    tasks, ready, timer_at = _backlog(loop)
                    if not (tasks or ready):
                        self._driver = None
                        if timer_at is not None and (
                            self._timer_at is None or timer_at < self._timer_at
                        ):
                            self._turn.notify()
                        return
                    if tasks or spin == SPINS:
                        break
                # Callbacks left ready (a connection's cleanup, say) are cheaper run here than
                # handed over.
                loop.call_soon(loop.stop)
                loop.run_forever()
        finally:
            with self._mu:
                if self._driver == me:
                    self._driver = BACKGROUND
                    self._turn.notify()

    def _wait(
        self,
        loop: asyncio.AbstractEventLoop,
        box: _Box,
        result: concurrent.futures.Future[Any],
        timeout: float | None,
    ) -> Any:
        """Wait for a call handed to the thread running the loop."""
        try:
            return result.result(timeout)
        except concurrent.futures.CancelledError:
            raise ClientClosedError(
                "jbcrm's event loop stopped (the interpreter is exiting)"
            ) from None
        except BaseException:
            if not result.done():
                # The calling thread was interrupted: the request must not go on without it.
                box.abandoned = True
                with self._mu:
                    self._submit(loop, _cancel, box, result)
                with contextlib.suppress(BaseException):
                    concurrent.futures.wait([result], timeout=CANCEL_WAIT)
            raise

    def _serve(self, loop: asyncio.AbstractEventLoop) -> None:
        """The background thread: runs the loop whenever it is handed over, until it is idle;
        parked otherwise, waking for the next timer left on the loop."""
        while True:
            with self._mu:
                while self._driver != BACKGROUND:
                    if self._exiting:
                        return
                    wait = None
                    self._timer_at = None
                    if self._driver is None:
                        self._timer_at = _backlog(loop)[2]
                        if self._timer_at is not None:
                            wait = self._timer_at - loop.time()
                            if wait <= 0:
                                self._driver = BACKGROUND
                                break
                    self._turn.wait(wait)
                self._timer_at = None
            while True:
                watch = loop.create_task(_until_idle(loop))
                try:
                    loop.run_until_complete(watch)
                except BaseException:
                    # A task's own KeyboardInterrupt or SystemExit ends this run of the loop
                    # (the task keeps it as its outcome), or the exit's shutdown cancelled
                    # the watch: the loop goes on for everyone else.
                    watch.cancel()
                with self._mu:
                    tasks, ready, _ = _backlog(loop)
                    if not (tasks or ready):
                        self._driver = None
                        break

    def shutdown(self, timeout: float = EXIT_WAIT) -> None:
        """Close the clients still open, end every task, stop the background thread (at exit)."""
        with self._mu:
            loop, thread = self._loop, self._thread
            self._loop = self._thread = None
            self.stopped = True
            clients = list(self._open)
        if loop is None or thread is None or self.forked:
            return
        with contextlib.suppress(BaseException):
            self._run(loop, _finish, (clients, timeout), {}, timeout=2 * timeout, closing=True)
        with self._mu:
            self._exiting = True
            self._turn.notify_all()
        thread.join(timeout)
        with self._mu:
            if self._driver is None and not thread.is_alive():
                loop.close()


def _backlog(loop: asyncio.AbstractEventLoop) -> tuple[bool, bool, float | None]:
    """What a stopped ``loop`` has left: tasks not done, callbacks ready to run, and the loop
    time its next timer is due.

    asyncio offers no public way to ask: this reads CPython's ``BaseEventLoop._ready`` (a deque
    of the handles to run next), ``_scheduled`` (a heap of ``TimerHandle``, cancelled ones kept
    until popped: every call's deadline leaves one) and ``_timer_cancelled_count`` (how many of
    those are cancelled), the same in 3.10 and 3.11. The only place that relies on them.
    """
    ready = bool(loop._ready)  # type: ignore[attr-defined]
    scheduled: list[asyncio.TimerHandle] = loop._scheduled  # type: ignore[attr-defined]
    timer_at = None
    if len(scheduled) > loop._timer_cancelled_count:  # type: ignore[attr-defined]
        timer_at = min(handle.when() for handle in scheduled if not handle.cancelled())
    return bool(asyncio.all_tasks(loop)), ready, timer_at


async def _invoke(
    func: Callable[..., Awaitable[Any]], args: tuple[Any, ...], kwargs: dict[str, Any]
) -> Any:
    return await func(*args, **kwargs)


async def _invoke_then_stop(
    loop: asyncio.AbstractEventLoop,
    func: Callable[..., Awaitable[Any]],
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
) -> Any:
    try:
        return await func(*args, **kwargs)
    finally:
        loop.stop()


async def _until_idle(loop: asyncio.AbstractEventLoop) -> None:
    """Return once the loop runs nothing but this (timers aside)."""
    me = asyncio.current_task()
    while True:
        others = [task for task in asyncio.all_tasks(loop) if task is not me]
        if others:
            await asyncio.wait(others, return_when=asyncio.FIRST_COMPLETED)
        elif _backlog(loop)[1]:
            await asyncio.sleep(0)
        else:
            return


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
    task = box.task = loop.create_task(_invoke(func, args, kwargs))
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


async def _finish(clients: list[Closable], timeout: float) -> None:
    """At exit: close the clients still open, then end every other task and async generator."""
    closing = asyncio.gather(
        *(client._close_on_loop() for client in clients), return_exceptions=True
    )
    with contextlib.suppress(asyncio.TimeoutError):
        await asyncio.wait_for(closing, timeout)
    me = asyncio.current_task()
    others = [task for task in asyncio.all_tasks() if task is not me]
    for task in others:
        task.cancel()
    if others:
        await asyncio.wait(others, timeout=timeout)
    await asyncio.get_running_loop().shutdown_asyncgens()


_current = EventLoopThread()


def process_loop() -> EventLoopThread:
    """The event loop of this process (created on its first call)."""
    return _current


def _after_fork_in_child() -> None:
    global _current
    _current.forked = True
    _current = EventLoopThread()


os.register_at_fork(after_in_child=_after_fork_in_child)
atexit.register(lambda: _current.shutdown())
