"""From a client's ``rate_limit`` option to its limiter: shared by equal values in a process."""

from __future__ import annotations

import os
import threading
import weakref

from jbcrm._core.ratelimit._protocol import Limiter
from jbcrm._core.ratelimit._values import RateLimit
from jbcrm._core.ratelimit.adaptive import AdaptiveConcurrencyLimiter
from jbcrm._core.ratelimit.leaky import LeakyBucketLimiter
from jbcrm._core.ratelimit.sliding import SlidingWindowLimiter

_SHARED: weakref.WeakValueDictionary[RateLimit, Limiter] = weakref.WeakValueDictionary()
#: Two threads building clients with the same value at once must still get one limiter.
_SHARED_LOCK = threading.Lock()


def _forget_after_fork() -> None:
    # A child process starts with a budget of its own: the parent's requests in flight never
    # end here, and a lock a parent thread held at the fork would never be released.
    global _SHARED_LOCK
    _SHARED_LOCK = threading.Lock()
    _SHARED.clear()


os.register_at_fork(after_in_child=_forget_after_fork)


def build_limiter(spec: RateLimit | Limiter | None) -> Limiter | None:
    """The limiter for a client's ``rate_limit`` option.

    Clients of one process given equal ``RateLimit`` values (same numbers and ``key``) share
    one limiter, whatever thread or event loop they run on, since the server counts them
    together (Jetbuilt counts per IP address).
    """
    if spec is None or not isinstance(spec, RateLimit):
        return spec
    if owns_limiter(spec):
        return _new_limiter(spec)
    with _SHARED_LOCK:
        shared = _SHARED.get(spec)
        if shared is None:
            shared = _SHARED[spec] = _new_limiter(spec)
        return shared


def owns_limiter(spec: RateLimit | Limiter | None) -> bool:
    """Whether the client gets a limiter of its own, to close with it: the Redis limiter holds
    a connection pool, and needs no sharing inside the process (Redis shares the budget)."""
    return isinstance(spec, RateLimit) and spec.redis_url is not None


def _new_limiter(spec: RateLimit) -> Limiter:
    if spec.redis_url is not None:
        # Imported on first use only: redis is an optional extra, and slow to import.
        from jbcrm._core.ratelimit.redis import RedisSlidingWindowLimiter

        return RedisSlidingWindowLimiter.from_rate_limit(spec)
    if spec.algorithm == "leaky":
        return LeakyBucketLimiter.from_rate_limit(spec)
    if spec.algorithm == "adaptive":
        return AdaptiveConcurrencyLimiter.from_rate_limit(spec)
    return SlidingWindowLimiter.from_rate_limit(spec)
