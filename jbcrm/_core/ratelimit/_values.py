"""The values of rate limiting: ``RateLimit`` (what a client is given) and ``LimiterStats`` (what a
limiter reports)."""

from __future__ import annotations

import math
from typing import Literal

import attrs

from jbcrm._core.errors import ConfigurationError

Algorithm = Literal["sliding", "leaky", "adaptive"]
ALGORITHMS: tuple[Algorithm, ...] = ("sliding", "leaky", "adaptive")
OnRedisError = Literal["local", "raise"]
ON_REDIS_ERROR: tuple[OnRedisError, ...] = ("local", "raise")


def whole_number(name: str, value: object) -> int:
    """``value`` if it is an int of at least 1 (a bool is not a number of requests)."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigurationError(
            f"{name} must be a whole number of at least 1 (an int), got {value!r}"
        )
    return value


def seconds(name: str, value: object) -> float:
    """``value`` as float if it is a finite number of seconds above 0."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ConfigurationError(
            f"{name} must be a number of seconds above 0, got {value!r} ({type(value).__name__})"
        )
    if not math.isfinite(value) or value <= 0:
        raise ConfigurationError(f"{name} must be a finite number of seconds above 0, got {value}")
    return float(value)


def _choice(name: str, value: object, accepted: tuple[str, ...]) -> None:
    if value not in accepted:
        listed = ", ".join(repr(option) for option in accepted)
        raise ConfigurationError(f"{name} must be one of {listed}, got {value!r}")


def _optional_text(name: str, value: object) -> None:
    if value is not None and not isinstance(value, str):
        raise ConfigurationError(f"{name} must be a string or None, got {type(value).__name__}")


@attrs.frozen
class RateLimit:
    """A rate limit as a value: at most ``requests`` in any ``per`` seconds.

    ``algorithm`` says how the limit is kept:

    - ``"sliding"`` (the default): never more than ``requests`` in any window of ``per``
      seconds as the server sees them, the first ``requests`` at once. After a 429 the limit
      drops to what the server accepted in the window (another program on the same IP address
      takes the rest), then climbs back one probe at a time.
    - ``"leaky"``: a leaky bucket, evenly paced at ``requests/per`` a second after a first burst
      of ``requests`` (it does not bound every sliding window).
    - ``"adaptive"``: for servers without a published limit (a self-hosted WordPress):
      ``requests`` is the most requests in flight at once, and fewer are sent while the
      server's latency says it is queueing; ``per`` only sets how long a 429 without
      ``Retry-After`` pauses.

    With ``redis_url`` (sliding only), every process using the same ``key`` shares the one
    budget (``pip install jbcrm[redis]``; ``on_redis_error`` and ``lease`` apply there).
    """

    requests: int
    per: float = 1.0
    redis_url: str | None = attrs.field(default=None, kw_only=True, repr=False)
    key: str | None = attrs.field(default=None, kw_only=True)
    algorithm: Algorithm = attrs.field(default="sliding", kw_only=True)
    on_redis_error: OnRedisError = attrs.field(default="local", kw_only=True)
    #: With Redis: how long a slot of a process that died mid-request stays taken (default:
    #: the window plus 60 s, longer than any request should take).
    lease: float | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        whole_number("RateLimit requests", self.requests)
        seconds("RateLimit per", self.per)
        _choice("RateLimit algorithm", self.algorithm, ALGORITHMS)
        _choice("RateLimit on_redis_error", self.on_redis_error, ON_REDIS_ERROR)
        _optional_text("RateLimit key", self.key)
        _optional_text("RateLimit redis_url", self.redis_url)
        if self.lease is not None:
            seconds("RateLimit lease", self.lease)
        if self.redis_url is not None and self.algorithm != "sliding":
            raise ConfigurationError(
                f"a RateLimit shared through Redis uses the 'sliding' algorithm, "
                f"got algorithm={self.algorithm!r}"
            )


@attrs.frozen
class LimiterStats:
    """A snapshot of what a limiter has done so far.

    ``limit`` is the limit in force now: requests per window, or requests in flight for the
    adaptive limiter. ``learned_limit`` is the budget measured at the last 429 while the limit
    is below the configured one (``None`` when it is not).
    """

    requests: int = 0
    waits: int = 0
    wait_time: float = 0.0
    rate_limited: int = 0
    limit: int = 0
    in_flight: int = 0
    learned_limit: int | None = None
