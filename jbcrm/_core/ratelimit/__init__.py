"""Client-side rate limiting: the limiter protocol, the ``RateLimit`` value and the limiters.

- :mod:`~jbcrm._core.ratelimit.sliding`: never more than N in any window (the default), with
  the real budget learned from a 429;
- :mod:`~jbcrm._core.ratelimit.leaky`: evenly paced requests;
- :mod:`~jbcrm._core.ratelimit.adaptive`: as many in flight as an unmetered server serves
  without queueing;
- :mod:`~jbcrm._core.ratelimit.redis`: the sliding window shared by many processes.

Every in-process limiter is one budget for all threads and event loops of the process, and all
of them share one rule for a 429 (a pause for every task), one deadline rule and one path for
their statistics.
"""

from jbcrm._core.ratelimit._factory import build_limiter, owns_limiter
from jbcrm._core.ratelimit._protocol import Limiter, LimiterTimeout, Permit
from jbcrm._core.ratelimit._values import LimiterStats, RateLimit
from jbcrm._core.ratelimit.adaptive import AdaptiveConcurrencyLimiter
from jbcrm._core.ratelimit.leaky import LeakyBucketLimiter
from jbcrm._core.ratelimit.sliding import SlidingWindowLimiter

__all__ = [
    "AdaptiveConcurrencyLimiter",
    "LeakyBucketLimiter",
    "Limiter",
    "LimiterStats",
    "LimiterTimeout",
    "Permit",
    "RateLimit",
    "SlidingWindowLimiter",
    "build_limiter",
    "owns_limiter",
]
