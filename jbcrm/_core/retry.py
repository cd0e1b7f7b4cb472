"""The retry policy: which failures are retried, which use up a retry, and how long to wait
before the next attempt.

The transport runs one loop per request around "acquire the limiter, send" (so every attempt
passes the limiter again), bounded by ``max_retries`` and by the call's deadline. Idempotent
requests retry on 429, 5xx and connection failures; a non-idempotent POST retries only when
the server certainly did not process it (a 429, or a connection that failed before the request
was sent). A ``Retry-After`` longer than ``max_retry_after`` is never slept through: the error
is raised at once.
"""

from __future__ import annotations

import math
import random
import time
from email.utils import parsedate_to_datetime

import attrs

from jbcrm._core import constants
from jbcrm._core.errors import APIConnectionError, APIError, APITimeoutError, RateLimitError

_STALLS = frozenset({"ReadTimeout", "WriteTimeout"})


@attrs.frozen
class RetryPolicy:
    """How a client retries. ``max_retries`` counts retries, not attempts."""

    max_retries: int = constants.DEFAULT_MAX_RETRIES
    backoff_base: float = constants.BACKOFF_BASE
    backoff_cap: float = constants.BACKOFF_CAP
    max_retry_after: float = constants.MAX_RETRY_AFTER
    statuses: frozenset[int] = constants.RETRY_STATUSES
    max_stall_retries: int = constants.MAX_STALL_RETRIES

    def should_retry(self, exc: BaseException, *, idempotent: bool) -> bool:
        """Whether the failure ``exc`` of a request may be tried again (never with
        ``max_retries=0``, not even a 429 the limiter would wait out)."""
        if self.max_retries == 0:
            return False
        if isinstance(exc, APIError):
            if exc.retryable is False or (exc.retry_after or 0.0) > self.max_retry_after:
                return False
            if isinstance(exc, RateLimitError):
                # The server refused before doing anything: safe even for a POST.
                return True
            if exc.retryable is not None:
                return idempotent
            return idempotent and exc.status in self.statuses
        if isinstance(exc, APIConnectionError):
            return idempotent or not exc.sent
        return False

    @staticmethod
    def is_stall(exc: BaseException) -> bool:
        """Whether ``exc`` says the server took the request and then went silent for a whole
        read (or write) timeout: a stalled server, which rarely answers the next time either."""
        return isinstance(exc, APITimeoutError) and exc.cause_type in _STALLS

    def uses_a_retry(self, exc: BaseException, *, limiter_pauses: bool) -> bool:
        """Whether retrying ``exc`` counts against ``max_retries``. A 429 under a limiter does
        not: the limiter holds every task for the server's pause, and only the call's deadline
        bounds how long it may wait (a co-tenant on the IP must not cost records)."""
        return not (limiter_pauses and isinstance(exc, RateLimitError))

    def backoff(self, attempt: int) -> float:
        """Full jitter: a random wait in ``[0, min(cap, base * 2 ** (attempt - 1))]``."""
        return random.uniform(0.0, min(self.backoff_cap, self.backoff_base * 2 ** (attempt - 1)))

    def wait(self, exc: BaseException | None, attempt: int, *, limiter_pauses: bool) -> float:
        """Seconds to sleep before attempt ``attempt + 1``.

        After a 429 the limiter (when there is one) already holds every task until the server is
        ready, so the task goes straight back to it instead of sleeping on a clock of its own.
        """
        retry_after = getattr(exc, "retry_after", None)
        if isinstance(exc, RateLimitError) and limiter_pauses:
            return 0.0
        if retry_after is not None:
            return float(retry_after)
        return self.backoff(attempt)


def parse_retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """``Retry-After`` in seconds, from delta-seconds or an HTTP date; ``None`` if absent/bad."""
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        pass
    else:
        return max(seconds, 0.0) if math.isfinite(seconds) else None
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    current = time.time() if now is None else now
    return max(when.timestamp() - current, 0.0)
