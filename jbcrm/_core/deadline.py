"""The per-call deadline: one instant by which a logical request (limiter wait, every attempt,
redirect hops, backoff and body reads) has succeeded or failed.

httpx's timeouts are per phase and per socket read, so a server that trickles a byte a second
never trips them; the deadline is a wall-clock bound on top. When it runs out, the error says
which phase was running, from the connection's own trace events where httpcore sends them.
"""

from __future__ import annotations

import asyncio
import sys
import time
from typing import Any

from jbcrm._core.errors import APITimeoutError
from jbcrm._core.failures import ErrorContext

if sys.version_info >= (3, 11):  # pragma: no cover - one branch per Python version
    from asyncio import timeout_at as timeout_at
else:  # pragma: no cover
    from async_timeout import timeout_at as timeout_at

LIMITER = "waiting for the rate limiter"
CONNECTING = "connecting"
SENDING = "sending the request"
WAITING = "waiting for the response"
READING = "reading the body"
BACKOFF = "backing off before a retry"
#: Before any trace event: httpcore is waiting for a free pooled connection (or the transport
#: is not httpcore's, and only it knows).
STARTING = "waiting for a connection or for the response"

_BY_EVENT = {
    "connect_tcp": CONNECTING,
    "connect_unix_socket": CONNECTING,
    "start_tls": CONNECTING,
    "send_request_headers": SENDING,
    "send_request_body": SENDING,
    "receive_response_headers": WAITING,
}


class Phase:
    """Which phase of an attempt is running; also the httpcore ``trace`` extension that moves
    it along."""

    __slots__ = ("name",)

    def __init__(self, name: str = STARTING) -> None:
        self.name = name

    async def __call__(self, event: str, info: Any) -> None:
        _, _, rest = event.partition(".")
        step, _, when = rest.rpartition(".")
        if when == "started" and step in _BY_EVENT:
            self.name = _BY_EVENT[step]

    @property
    def sent(self) -> bool:
        """Whether the request may have reached the server by now."""
        return self.name not in (CONNECTING, LIMITER)


class Deadline:
    """``seconds`` from now, on the ``time.monotonic()`` clock (the limiter's clock too)."""

    __slots__ = ("at", "seconds")

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.at = time.monotonic() + seconds

    def remaining(self) -> float:
        return self.at - time.monotonic()

    @property
    def expired(self) -> bool:
        return time.monotonic() >= self.at

    def scope(self) -> Any:
        """An ``async with`` block that is cancelled at the deadline and then raises
        ``asyncio.TimeoutError``."""
        loop = asyncio.get_running_loop()
        return timeout_at(loop.time() + self.remaining())

    def error(self, context: ErrorContext, phase: str, *, sent: bool) -> APITimeoutError:
        """The error for a call whose deadline ran out during ``phase``."""
        error = APITimeoutError(
            f"the call's deadline of {self.seconds:g} s ran out while {phase}",
            method=context.method,
            url=context.url,
            hint="give the call more time (e.g. client.with_options(deadline=600)), or check "
            "the server: the deadline covers the limiter wait, every attempt and every retry",
            attempts=context.attempt,
            sent=sent,
        )
        error.phase = phase
        return error
