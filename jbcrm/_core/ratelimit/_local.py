"""The machinery of the in-process limiters: one budget for every thread and event loop.

The counts live under one ``threading.Lock``, never held across an ``await``. Tasks that must
wait queue in FIFO order, each parked on a future of its own event loop, and a wake-up reaches
that loop through ``call_soon_threadsafe``. Only the task at the head of the queue looks for a
slot (a timed wait when the algorithm knows when one frees, else until a release); the others
wait for their turn, so a release wakes one task, not all of them. A task that leaves the
queue (granted, cancelled, out of time) hands the turn on, so a cancellation never strands
the tasks behind it.
"""

from __future__ import annotations

import abc
import asyncio
import threading
import time
from collections import deque
from collections.abc import Callable

from jbcrm._core.ratelimit._protocol import Permit
from jbcrm._core.ratelimit._shared import Counters, Pause, check_deadline
from jbcrm._core.ratelimit._values import LimiterStats

Clock = Callable[[], float]


def _resolve(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)


class _Waiter:
    """One waiting task: its loop, and the future it sleeps on now."""

    __slots__ = ("future", "loop")

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.future: asyncio.Future[None] | None = None

    def wake(self) -> bool:
        """Wake the task in its own loop; False when that loop is closed (the task is gone)."""
        future = self.future
        if future is None:
            return True
        try:
            self.loop.call_soon_threadsafe(_resolve, future)
        except RuntimeError:
            return False
        return True


class LocalPermit:
    """A slot of an in-process limiter (algorithms that need more subclass it)."""

    __slots__ = ("_limiter", "_released", "granted_at")

    def __init__(self, limiter: LocalLimiter, granted_at: float) -> None:
        self._limiter = limiter
        self._released = False
        self.granted_at = granted_at

    async def release(
        self, *, sent: bool = True, status: int | None = None, retry_after: float | None = None
    ) -> None:
        if not self._released:
            self._released = True
            self._limiter._release(self, sent, status, retry_after)


class LocalLimiter(abc.ABC):
    """An in-process limiter shared by any number of threads and event loops.

    Subclasses say when a slot is free (``_delay``), what a grant and a release change
    (``_take``, ``_settle``) and which limit is in force; the queue, the 429 pause, deadlines and
    statistics are the same for all of them.
    """

    def __init__(self, limit: int, per: float, *, clock: Clock = time.monotonic) -> None:
        self._max = limit
        self._per = per
        self._clock = clock
        self._lock = threading.Lock()
        self._queue: deque[_Waiter] = deque()
        self._pause = Pause()
        self._counters = Counters()
        self._in_flight = 0

    @property
    def stats(self) -> LimiterStats:
        with self._lock:
            return self._counters.snapshot(
                limit=self._limit_now(), in_flight=self._in_flight, learned=self._learned_now()
            )

    @property
    def limit(self) -> int:
        """The limit in force now."""
        with self._lock:
            return self._limit_now()

    async def acquire(self, *, deadline: float | None = None) -> Permit:
        with self._lock:
            now = self._clock()
            if not self._queue and self._pause.until <= now and self._delay(now) == 0.0:
                return self._grant(now, None)
            # The first round of _wait checks the deadline (and leaves the queue if it fails).
            waiter = _Waiter(asyncio.get_running_loop())
            self._queue.append(waiter)
        try:
            return await self._wait(waiter, now, deadline)
        except BaseException:
            with self._lock:
                self._leave(waiter)
            raise

    async def pause(self, seconds: float) -> None:
        """Hold every request for ``seconds`` (what a 429 does)."""
        with self._lock:
            if self._pause.hold(self._clock(), seconds):
                self._wake_all()

    async def _wait(self, waiter: _Waiter, started: float, deadline: float | None) -> Permit:
        loop = waiter.loop
        while True:
            with self._lock:
                now = self._clock()
                head = self._queue[0] is waiter
                timeout: float | None = self._pause.left(now)
                if head and timeout == 0.0:
                    delay = self._delay(now)
                    if delay == 0.0:
                        self._queue.popleft()
                        self._wake_head()
                        return self._grant(now, now - started)
                    timeout = delay
                elif not head:
                    timeout = None
                if deadline is not None:
                    position = 0 if head else self._queue.index(waiter)
                    check_deadline(now, deadline, self._pause, self._wait_at_least(now, position))
                    timeout = deadline - now if timeout is None else min(timeout, deadline - now)
                future = waiter.future = loop.create_future()
            timer = None if timeout is None else loop.call_later(timeout, _resolve, future)
            try:
                await future
            finally:
                if timer is not None:
                    timer.cancel()

    def _grant(self, now: float, waited: float | None) -> LocalPermit:
        permit = self._take(now)
        self._in_flight += 1
        self._counters.granted(waited)
        return permit

    def _release(
        self, permit: LocalPermit, sent: bool, status: int | None, retry_after: float | None
    ) -> None:
        with self._lock:
            now = self._clock()
            self._in_flight -= 1
            paused = False
            if status == 429:
                self._counters.rate_limited += 1
                probe = self._is_probe(permit)
                paused = self._pause.after_429(now, retry_after, self._per, probe=probe)
            self._settle(permit, now, sent, status)
            if paused:
                # Waiters whose deadline ends before the pause fail now, not when it is over.
                self._wake_all()
            else:
                self._wake_head()

    def _leave(self, waiter: _Waiter) -> None:
        if self._queue and self._queue[0] is waiter:
            self._queue.popleft()
            self._wake_head()
        elif waiter in self._queue:
            self._queue.remove(waiter)

    def _wake_head(self) -> None:
        while self._queue and not self._queue[0].wake():
            self._queue.popleft()

    def _wake_all(self) -> None:
        for waiter in [w for w in self._queue if not w.wake()]:
            self._queue.remove(waiter)

    def _wait_at_least(self, now: float, position: int) -> float | None:
        """The least a waiter with ``position`` tasks ahead must wait (pause aside)."""
        return self._delay(now)

    @abc.abstractmethod
    def _delay(self, now: float) -> float | None:
        """0.0 when a slot is free now; else seconds until one may be (None: until a release)."""

    @abc.abstractmethod
    def _take(self, now: float) -> LocalPermit:
        """Book one slot granted at ``now`` (right after ``_delay`` said 0.0, before the slot
        is counted in flight)."""

    @abc.abstractmethod
    def _settle(self, permit: LocalPermit, now: float, sent: bool, status: int | None) -> None:
        """Book the end of ``permit``'s request (the 429 pause is already applied)."""

    @abc.abstractmethod
    def _limit_now(self) -> int: ...

    def _learned_now(self) -> int | None:
        return None

    def _is_probe(self, permit: LocalPermit) -> bool:
        """Whether ``permit`` was a probe beyond the measured budget (see ``pause_after_429``)."""
        return False
