"""Per-call settings (timeouts, deadline, retries, response size) and their validation: a wrong
value is refused when the client (or its ``with_options`` copy) is made, saying what is
accepted."""

from __future__ import annotations

import math
from typing import Any

import attrs
import httpx

from jbcrm._core import constants
from jbcrm._core.errors import ConfigurationError
from jbcrm._core.retry import RetryPolicy

#: Seconds, or an ``httpx.Timeout`` for each phase; ``None`` for the default.
Timeout = float | httpx.Timeout | None


class _Keep:
    def __repr__(self) -> str:
        return "KEEP"


#: ``with_options``' default: keep the current value (``None`` means "no limit" there).
KEEP: Any = _Keep()


@attrs.frozen
class RequestOptions:
    """Per-call settings; ``with_options`` makes a copy of the client with other values."""

    timeout: httpx.Timeout = constants.DEFAULT_TIMEOUT
    retry: RetryPolicy = attrs.field(factory=RetryPolicy)
    deadline: float = constants.DEFAULT_DEADLINE
    max_response_size: int | None = constants.DEFAULT_MAX_RESPONSE_SIZE


def _seconds(name: str, value: Any, accepted: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ConfigurationError(f"{name} must be {accepted}, got {value!r}")
    if not math.isfinite(value) or value <= 0:
        raise ConfigurationError(f"{name} must be {accepted}, got {value!r}")
    return float(value)


def make_timeout(timeout: Timeout) -> httpx.Timeout:
    """An ``httpx.Timeout`` from a number of seconds (for reads; connect stays short)."""
    accepted = "a number of seconds > 0 or an httpx.Timeout"
    if timeout is None:
        return constants.DEFAULT_TIMEOUT
    if isinstance(timeout, httpx.Timeout):
        for phase, value in timeout.as_dict().items():
            if value is not None:
                _seconds(f"timeout's {phase}", value, "a number of seconds > 0 or None")
        return timeout
    seconds = _seconds("timeout", timeout, accepted)
    return httpx.Timeout(seconds, connect=min(seconds, constants.DEFAULT_CONNECT_TIMEOUT))


def check_deadline(deadline: Any) -> float:
    """The total seconds a call may take (``None``: the default)."""
    if deadline is None:
        return constants.DEFAULT_DEADLINE
    return _seconds("deadline", deadline, "a number of seconds > 0 (the whole call's budget)")


def check_retries(max_retries: Any) -> int:
    if max_retries is None:
        return constants.DEFAULT_MAX_RETRIES
    if isinstance(max_retries, bool) or not isinstance(max_retries, int) or max_retries < 0:
        raise ConfigurationError(f"max_retries must be a whole number >= 0, got {max_retries!r}")
    return max_retries


def check_size(size: Any) -> int | None:
    if size is None:
        return None
    if isinstance(size, bool) or not isinstance(size, int) or size < 1:
        raise ConfigurationError(
            f"max_response_size must be a number of bytes >= 1, or None for no limit, got {size!r}"
        )
    return size


def make_options(
    timeout: Timeout,
    max_retries: int | None,
    *,
    deadline: float | None = None,
    max_response_size: int | None = constants.DEFAULT_MAX_RESPONSE_SIZE,
) -> RequestOptions:
    """A client's options from its constructor's arguments (``None``: the default, except
    ``max_response_size=None``, which means no limit)."""
    return RequestOptions(
        timeout=make_timeout(timeout),
        retry=RetryPolicy(max_retries=check_retries(max_retries)),
        deadline=check_deadline(deadline),
        max_response_size=check_size(max_response_size),
    )


def evolve_options(
    current: RequestOptions,
    *,
    timeout: Timeout,
    max_retries: int | None,
    deadline: float | None,
    max_response_size: Any,
) -> RequestOptions:
    """``current`` with the values given (``None``, or :data:`KEEP` for the size, keeps one)."""
    return attrs.evolve(
        current,
        timeout=current.timeout if timeout is None else make_timeout(timeout),
        retry=current.retry
        if max_retries is None
        else attrs.evolve(current.retry, max_retries=check_retries(max_retries)),
        deadline=current.deadline if deadline is None else check_deadline(deadline),
        max_response_size=current.max_response_size
        if max_response_size is KEEP
        else check_size(max_response_size),
    )
