"""Per-IP server-side rate limiting and the statistics that prove a client stayed within it."""

from __future__ import annotations

import math
import time
from collections import defaultdict, deque
from collections.abc import Callable
from typing import Literal

import attrs
from starlette.types import ASGIApp, Receive, Scope, Send

__all__ = ["RateLimitMiddleware", "RateLimitStats", "ServerRateLimit"]


@attrs.define(kw_only=True)
class ServerRateLimit:
    """At most `requests` per client IP in `per` seconds.

    `algorithm` is "sliding" (any window of `per` seconds) or "fixed" (windows aligned to when
    the server started, Rack::Attack style). `retry_after` sends a `Retry-After` header with
    429s. `count_rejected` makes rejected requests use up the window too, as Jetbuilt does,
    so a client that keeps hammering stays locked out.
    """

    requests: int
    per: float
    algorithm: Literal["sliding", "fixed"] = "sliding"
    retry_after: bool = True
    count_rejected: bool = False


@attrs.frozen
class RateLimitStats:
    """What the server saw: all requests, accepted ones, 429s, and the busiest window.

    `max_in_window` is the largest number of accepted requests from one IP inside any
    half-open window of the rule's `per` seconds. `first_accepted_at` and `last_accepted_at`
    (on the server's clock, `time.monotonic` by default) bound the accepted traffic, so a
    job's elapsed time as the server saw it is their difference.
    """

    requests: int
    accepted: int
    rate_limited: int
    max_in_window: int
    first_accepted_at: float | None = None
    last_accepted_at: float | None = None


class RateLimitMiddleware:
    """ASGI middleware answering 429 `Retry later` (plain text) beyond the rule, per client IP.

    With no rule every request is accepted but still counted, over windows of
    `stats_window` seconds (default 1.0 s when there is no rule).
    """

    def __init__(
        self,
        app: ASGIApp,
        rule: ServerRateLimit | None,
        *,
        stats_window: float | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.app = app
        self.rule = rule
        self._clock = clock
        self._stats_window = stats_window or (rule.per if rule else 1.0)
        self._epoch = clock()
        self._window: dict[str, deque[float]] = defaultdict(deque)
        self._fixed: dict[str, tuple[int, int]] = {}
        self.reset_stats()

    @property
    def stats(self) -> RateLimitStats:
        """A snapshot of the counters since the last reset."""
        return RateLimitStats(
            requests=self._requests,
            accepted=self._accepted,
            rate_limited=self._rate_limited,
            max_in_window=self._max_in_window,
            first_accepted_at=self._first_accepted_at,
            last_accepted_at=self._last_accepted_at,
        )

    def reset_stats(self) -> None:
        """Zero the counters; the limiter's own windows are kept."""
        self._requests = 0
        self._accepted = 0
        self._rate_limited = 0
        self._max_in_window = 0
        self._first_accepted_at: float | None = None
        self._last_accepted_at: float | None = None
        self._recent: dict[str, deque[float]] = defaultdict(deque)

    def reset(self) -> None:
        """Forget every window and counter, as if the server had just started."""
        self._window.clear()
        self._fixed.clear()
        self._epoch = self._clock()
        self.reset_stats()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        client = scope.get("client")
        ip = client[0] if client else "unknown"
        now = self._clock()
        self._requests += 1
        wait = self._admit(ip, now) if self.rule else None
        if wait is not None:
            self._rate_limited += 1
            await self._reject(send, wait)
            return
        self._accepted += 1
        self._record(ip, now)
        await self.app(scope, receive, send)

    def _admit(self, ip: str, now: float) -> float | None:
        """None when the request may pass, else the seconds until it would."""
        assert self.rule is not None
        rule = self.rule
        if rule.algorithm == "fixed":
            index = math.floor((now - self._epoch) / rule.per)
            current, count = self._fixed.get(ip, (index, 0))
            count = count if current == index else 0
            allowed = count < rule.requests
            if allowed or rule.count_rejected:
                self._fixed[ip] = (index, count + 1)
            return None if allowed else self._epoch + (index + 1) * rule.per - now
        window = self._window[ip]
        while window and window[0] <= now - rule.per:
            window.popleft()
        allowed = len(window) < rule.requests
        if allowed or rule.count_rejected:
            window.append(now)
        if allowed:
            return None
        # With count_rejected the window may hold more than `requests` arrivals: the request
        # that would pass is the one after the oldest `len - requests + 1` have expired.
        return window[len(window) - rule.requests] + rule.per - now

    def _record(self, ip: str, now: float) -> None:
        if self._first_accepted_at is None:
            self._first_accepted_at = now
        self._last_accepted_at = now
        recent = self._recent[ip]
        recent.append(now)
        while recent[0] <= now - self._stats_window:
            recent.popleft()
        self._max_in_window = max(self._max_in_window, len(recent))

    async def _reject(self, send: Send, wait: float) -> None:
        assert self.rule is not None
        body = b"Retry later"
        headers = [
            (b"content-type", b"text/plain"),
            (b"content-length", str(len(body)).encode()),
        ]
        if self.rule.retry_after:
            headers.append((b"retry-after", str(max(1, math.ceil(wait))).encode()))
        await send({"type": "http.response.start", "status": 429, "headers": headers})
        await send({"type": "http.response.body", "body": body, "more_body": False})
