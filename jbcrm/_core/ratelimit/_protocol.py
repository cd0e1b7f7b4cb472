"""What the transport needs from a rate limiter: ``Limiter``, ``Permit`` and ``LimiterTimeout``."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from jbcrm._core.ratelimit._values import LimiterStats


@runtime_checkable
class Permit(Protocol):
    """One request's slot. ``release`` must be called exactly once, whatever happens.

    ``sent`` is false when the request certainly never reached the server; ``status`` is the
    response's status (``None`` when there was none: a connection error, a timeout, a
    cancellation); ``retry_after`` the pause the server asked for, in seconds.
    """

    async def release(
        self, *, sent: bool = True, status: int | None = None, retry_after: float | None = None
    ) -> None: ...


class LimiterTimeout(Exception):
    """No slot could be had before the caller's deadline (internal: the transport turns it into
    an :class:`~jbcrm.APITimeoutError` or :class:`~jbcrm.RateLimitError` with the request's
    context).

    ``paused`` is true when the limiter is holding every task after a 429 and the pause ends
    after the deadline; ``wait`` is how long the caller would have had to wait at least, when
    known.
    """

    def __init__(self, *, paused: bool = False, wait: float | None = None) -> None:
        self.paused = paused
        self.wait = wait
        super().__init__("paused after a 429" if paused else "every slot is taken")


@runtime_checkable
class Limiter(Protocol):
    """What the transport needs from a rate limiter."""

    @property
    def stats(self) -> LimiterStats: ...

    async def acquire(self, *, deadline: float | None = None) -> Permit:
        """Wait until a request may be sent; return the permit for it.

        ``deadline`` is a ``time.monotonic()`` instant: when no slot can be had by then, raise
        :class:`LimiterTimeout`, early when the limiter already knows the wait ends later (a
        429 pause that lasts beyond it, or more requests queued ahead than can go in time).
        Cancelling the wait leaves the limiter consistent.
        """
        ...
