"""Fault injection for the simulated servers: latency, 5xx, resets, stalls, truncated bodies.

The knobs live on a mutable :class:`Faults` object that :class:`FaultMiddleware` reads on every
request, so a test can turn faults on and off while a sandbox is running.
"""

from __future__ import annotations

import asyncio
import json
import random
from collections.abc import Awaitable, Callable
from http import HTTPStatus

import attrs
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = [
    "FaultMiddleware",
    "Faults",
    "SimulatedConnectionFault",
    "SimulatedConnectionReset",
    "SimulatedTruncation",
]


@attrs.define(kw_only=True)
class Faults:
    """What can go wrong between a client and a simulated server, and how often.

    Rates are probabilities per request (0.0 to 1.0); `seed` makes the draws repeatable.
    """

    latency: tuple[float, float] = (0.0, 0.0)
    error_rate: float = 0.0
    error_statuses: tuple[int, ...] = (500, 502, 503)
    html_errors: bool = False
    reset_rate: float = 0.0
    stall_rate: float = 0.0
    stall_seconds: float = 30.0
    truncate_rate: float = 0.0
    seed: int | None = None


class SimulatedConnectionFault(Exception):
    """Raised by the middleware when the connection itself must fail, not the response.

    The in-process transport turns it into an httpx transport error; the loopback server
    breaks the TCP connection.
    """


class SimulatedConnectionReset(SimulatedConnectionFault):
    """The connection is reset before any byte of the response is sent."""


class SimulatedTruncation(SimulatedConnectionFault):
    """The connection is closed after part of the body (Content-Length promised more)."""


class FaultMiddleware:
    """ASGI middleware applying :class:`Faults` to every HTTP request.

    Per request, in this order: the latency is added; then a reset, a stall, a 5xx or a
    truncated body may happen (each drawn independently; the first that hits wins, except a
    stall, which delays whatever comes next). Resets and 5xx answers never reach the wrapped
    app, like a failing proxy in front of it; a truncated response was fully processed.
    `sleep` is how latency is waited for (replaceable so tests need not wait).
    """

    def __init__(
        self,
        app: ASGIApp,
        faults: Faults,
        *,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.app = app
        self.faults = faults
        self._sleep = sleep
        self._rng = random.Random(faults.seed)
        self._seeded_from: tuple[int, int | None] = (id(faults), faults.seed)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        faults = self.faults
        rng = self._current_rng(faults)
        # Every request draws the same number of values, so a seed fixes the whole sequence.
        delay = rng.uniform(*faults.latency)
        reset, stall, error, truncate = (rng.random() for _ in range(4))
        status = rng.choice(faults.error_statuses) if faults.error_statuses else 500
        if delay > 0:
            await self._sleep(delay)
        if reset < faults.reset_rate:
            raise SimulatedConnectionReset("simulated connection reset")
        if stall < faults.stall_rate:
            replay = await _stall(receive, faults.stall_seconds)
            if replay is None:
                return
            receive = replay
        if error < faults.error_rate:
            await _send_error(send, status, html=faults.html_errors)
            return
        if truncate < faults.truncate_rate:
            await _send_truncated(self.app, scope, receive, send)
            return
        await self.app(scope, receive, send)

    def _current_rng(self, faults: Faults) -> random.Random:
        """Reseed when a different Faults object or seed is put in place."""
        key = (id(faults), faults.seed)
        if key != self._seeded_from:
            self._rng = random.Random(faults.seed)
            self._seeded_from = key
        return self._rng


async def _stall(receive: Receive, seconds: float) -> Receive | None:
    """Hold the request for `seconds`; None when the client gave up meanwhile.

    The body is read first so that waiting on `receive` can notice a disconnect; the
    returned callable replays the body to the wrapped app.
    """
    buffered: list[Message] = []
    while True:
        message = await receive()
        buffered.append(message)
        if message["type"] != "http.request" or not message.get("more_body", False):
            break
    if buffered[-1]["type"] == "http.disconnect":
        return None
    waiter = asyncio.ensure_future(receive())
    try:
        done, _ = await asyncio.wait({waiter}, timeout=seconds)
    finally:
        waiter.cancel()
    if done and waiter.result()["type"] == "http.disconnect":
        return None

    async def replay() -> Message:
        if buffered:
            return buffered.pop(0)
        return await receive()

    return replay


async def _send_error(send: Send, status: int, *, html: bool) -> None:
    """Answer a 5xx the way a proxy or a crashed backend would."""
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = "Server Error"
    if html:
        body = (
            f"<!DOCTYPE html><html><head><title>{status} {phrase}</title></head><body>"
            f"<center><h1>{status} {phrase}</h1></center><hr><center>nginx</center>"
            "</body></html>"
        ).encode()
        content_type = b"text/html; charset=utf-8"
    else:
        body = json.dumps({"status": status, "error": phrase}).encode()
        content_type = b"application/json"
    headers = [(b"content-type", content_type), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body, "more_body": False})


async def _send_truncated(app: ASGIApp, scope: Scope, receive: Receive, send: Send) -> None:
    """Run the app, then send its headers and only half of its body before failing."""
    start: Message = {}
    chunks: list[bytes] = []

    async def collect(message: Message) -> None:
        if message["type"] == "http.response.start":
            start.update(message)
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(scope, receive, collect)
    body = b"".join(chunks)
    # An empty body still needs a promise it cannot keep.
    declared = max(len(body), 1)
    headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
    headers.append((b"content-length", str(declared).encode()))
    await send({"type": "http.response.start", "status": start["status"], "headers": headers})
    await send({"type": "http.response.body", "body": body[: len(body) // 2], "more_body": True})
    raise SimulatedTruncation("simulated truncated body")
