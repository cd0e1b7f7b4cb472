"""Retries: idempotent requests retry on 429/5xx/timeouts/connection errors; a POST only when the
server certainly did not process it; Retry-After is honoured; backoff is full jitter."""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

import attrs
import httpx
import pytest

import jbcrm
from jbcrm._core.errors import APIConnectionError, InternalServerError, RateLimitError
from jbcrm._core.ratelimit import LimiterStats, LimiterTimeout, SlidingWindowLimiter
from jbcrm._core.retry import RetryPolicy, parse_retry_after

MakeJetbuilt = Callable[..., jbcrm.Jetbuilt]
GUARD = 5.0


class _Permit:
    def __init__(self, limiter: RecordingLimiter) -> None:
        self._limiter = limiter

    async def release(
        self, *, sent: bool = True, status: int | None = None, retry_after: float | None = None
    ) -> None:
        self._limiter.released.append((sent, status, retry_after))


class RecordingLimiter:
    """A limiter that admits at once (or raises ``refuse``) and records every release."""

    def __init__(self, refuse: LimiterTimeout | None = None) -> None:
        self.refuse = refuse
        self.acquired = 0
        self.deadlines: list[float | None] = []
        self.released: list[tuple[bool, int | None, float | None]] = []
        self.stats = LimiterStats()

    async def acquire(self, *, deadline: float | None = None) -> _Permit:
        self.deadlines.append(deadline)
        if self.refuse is not None:
            raise self.refuse
        self.acquired += 1
        return _Permit(self)


def failing_once(
    failure: Callable[[httpx.Request], httpx.Response],
) -> tuple[list[httpx.Request], Callable[[httpx.Request], httpx.Response]]:
    """A handler that fails the first request with ``failure`` and answers 200 after."""
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if len(seen) == 1:
            return failure(request)
        return httpx.Response(200, json={"id": 1})

    return seen, handler


def status(code: int) -> Callable[[httpx.Request], httpx.Response]:
    return lambda request: httpx.Response(code, json={"message": "nope"})


def raises(exc: type[httpx.TransportError]) -> Callable[[httpx.Request], httpx.Response]:
    def fail(request: httpx.Request) -> httpx.Response:
        raise exc("boom", request=request)

    return fail


@pytest.mark.parametrize("method", ["GET", "PUT", "PATCH", "DELETE"])
@pytest.mark.parametrize("code", [429, 500, 502, 503, 504])
async def test_idempotent_requests_retry_on_429_and_5xx(
    make_jetbuilt: MakeJetbuilt, method: str, code: int
) -> None:
    seen, handler = failing_once(status(code))
    result = await make_jetbuilt(handler)._send(method, "clients/1")
    assert result.data == {"id": 1}
    assert len(seen) == 2


@pytest.mark.parametrize(
    "exc", [httpx.ReadTimeout, httpx.ConnectTimeout, httpx.ConnectError, httpx.RemoteProtocolError]
)
async def test_idempotent_requests_retry_on_timeouts_and_connection_errors(
    make_jetbuilt: MakeJetbuilt, exc: type[httpx.TransportError]
) -> None:
    seen, handler = failing_once(raises(exc))
    result = await make_jetbuilt(handler)._send("GET", "clients/1")
    assert result.data == {"id": 1}
    assert len(seen) == 2


async def test_post_marked_idempotent_retries_on_500(make_jetbuilt: MakeJetbuilt) -> None:
    seen, handler = failing_once(status(500))
    await make_jetbuilt(handler)._send("POST", "clients", json={"a": 1}, idempotent=True)
    assert len(seen) == 2


@pytest.mark.parametrize(
    "failure", [status(429), raises(httpx.ConnectError)], ids=["429", "connect-error"]
)
async def test_post_retries_when_the_server_certainly_did_not_process_it(
    make_jetbuilt: MakeJetbuilt, failure: Callable[[httpx.Request], httpx.Response]
) -> None:
    seen, handler = failing_once(failure)
    result = await make_jetbuilt(handler)._send("POST", "clients", json={"name": "x"})
    assert result.data == {"id": 1}
    assert len(seen) == 2
    assert seen[1].content == seen[0].content


@pytest.mark.parametrize(
    ("failure", "error"),
    [
        (status(500), InternalServerError),
        (status(502), InternalServerError),
        (raises(httpx.ReadTimeout), jbcrm.APITimeoutError),
        (raises(httpx.RemoteProtocolError), APIConnectionError),
    ],
    ids=["500", "502", "read-timeout", "reset"],
)
async def test_post_does_not_retry_when_the_server_may_have_processed_it(
    make_jetbuilt: MakeJetbuilt,
    failure: Callable[[httpx.Request], httpx.Response],
    error: type[Exception],
) -> None:
    seen, handler = failing_once(failure)
    with pytest.raises(error) as caught:
        await make_jetbuilt(handler)._send("POST", "clients", json={"name": "x"})
    assert len(seen) == 1
    assert getattr(caught.value, "attempts", None) == 1


@pytest.mark.parametrize("max_retries", [0, 1, 4])
async def test_max_retries_is_respected_and_attempts_are_on_the_error(
    make_jetbuilt: MakeJetbuilt, max_retries: int
) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(503, text="down")

    client = make_jetbuilt(handler, max_retries=max_retries)
    with pytest.raises(InternalServerError) as caught:
        await client._send("GET", "projects")
    assert len(seen) == max_retries + 1
    assert caught.value.attempts == max_retries + 1


async def test_with_options_max_retries_applies_per_call(make_jetbuilt: MakeJetbuilt) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        raise httpx.ConnectError("refused", request=request)

    client = make_jetbuilt(handler, max_retries=3)
    with pytest.raises(APIConnectionError) as caught:
        await client.with_options(max_retries=1)._send("GET", "projects")
    assert len(seen) == 2
    assert caught.value.attempts == 2
    assert caught.value.sent is False
    with pytest.raises(APIConnectionError):
        await client._send("GET", "projects")
    assert len(seen) == 6


async def test_retry_after_is_honoured_without_a_limiter(make_jetbuilt: MakeJetbuilt) -> None:
    arrivals: list[float] = []

    def handler(request: httpx.Request) -> httpx.Response:
        arrivals.append(time.monotonic())
        if len(arrivals) == 1:
            return httpx.Response(429, headers={"Retry-After": "0.2"})
        return httpx.Response(200, json={})

    await make_jetbuilt(handler, rate_limit=None)._send("GET", "projects")
    assert len(arrivals) == 2
    assert arrivals[1] - arrivals[0] >= 0.2


@pytest.mark.parametrize(
    ("code", "error"), [(429, RateLimitError), (503, InternalServerError)], ids=["429", "503"]
)
async def test_retry_after_above_the_cap_raises_without_sleeping(
    make_jetbuilt: MakeJetbuilt, code: int, error: type[jbcrm.APIError]
) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(code, text="Retry later", headers={"Retry-After": "3600"})

    client = make_jetbuilt(handler, rate_limit=None)
    with pytest.raises(error) as caught:
        await asyncio.wait_for(client._send("GET", "projects"), GUARD)
    assert caught.value.retry_after == 3600
    assert caught.value.attempts == 1
    assert caught.value.status == code
    assert len(seen) == 1


async def test_a_huge_retry_after_is_passed_whole_to_the_limiter(
    make_jetbuilt: MakeJetbuilt,
) -> None:
    limiter = RecordingLimiter()
    client = make_jetbuilt(
        lambda request: httpx.Response(429, headers={"Retry-After": "1000000000"}),
        rate_limit=limiter,
    )
    with pytest.raises(RateLimitError) as caught:
        await asyncio.wait_for(client._send("GET", "projects"), GUARD)
    assert caught.value.retry_after == 1e9
    assert limiter.released == [(True, 429, 1e9)]


async def test_the_limiter_hears_whether_each_attempt_was_sent_and_its_status(
    make_jetbuilt: MakeJetbuilt,
) -> None:
    answers = iter([httpx.ConnectError("refused"), httpx.Response(200, content=b"x" * 5000)])

    def handler(request: httpx.Request) -> httpx.Response:
        answer = next(answers)
        if isinstance(answer, Exception):
            raise answer
        return answer

    limiter = RecordingLimiter()
    client = make_jetbuilt(handler, rate_limit=limiter, max_response_size=1000)
    with pytest.raises(jbcrm.ResponseTooLargeError):
        await client._send("GET", "projects")
    # Refused before sending; then a 200 whose body was too large (still an answer).
    assert limiter.released == [(False, None, None), (True, 200, None)]


async def test_under_a_limiter_a_429_is_retried_through_the_limiter_not_a_sleep_of_its_own(
    make_jetbuilt: MakeJetbuilt,
) -> None:
    answers = iter([httpx.Response(429, headers={"Retry-After": "5"})])

    def handler(request: httpx.Request) -> httpx.Response:
        return next(answers, httpx.Response(200, json={"ok": True}))

    limiter = RecordingLimiter()  # admits at once: the server's pause is the limiter's job
    client = make_jetbuilt(handler, rate_limit=limiter, deadline=2)
    result = await asyncio.wait_for(client._send("GET", "projects"), GUARD)
    assert result.data == {"ok": True}
    assert limiter.released == [(True, 429, 5.0), (True, 200, None)]


async def test_after_a_huge_retry_after_other_tasks_fail_by_their_deadline(
    make_jetbuilt: MakeJetbuilt,
) -> None:
    answers = iter([httpx.Response(429, headers={"Retry-After": "1000000000"})])

    def handler(request: httpx.Request) -> httpx.Response:
        return next(answers, httpx.Response(200, json={"ok": True}))

    client = make_jetbuilt(handler, rate_limit=SlidingWindowLimiter(10, 1.0))
    with pytest.raises(RateLimitError):
        await asyncio.wait_for(client._send("GET", "projects"), GUARD)
    # Not held silently for a shorter pause of the SDK's choosing: the caller's own deadline
    # ends the wait, with a typed error (RateLimitError once the limiter knows the pause ends
    # after the deadline, else a timeout naming the limiter).
    with pytest.raises((RateLimitError, jbcrm.APITimeoutError)) as caught:
        await asyncio.wait_for(client.with_options(deadline=0.2)._send("GET", "projects"), GUARD)
    error = caught.value
    if isinstance(error, jbcrm.APITimeoutError):
        assert error.phase == "waiting for the rate limiter"
        assert error.sent is False


def test_backoff_is_full_jitter_within_bounds() -> None:
    random.seed(1234)
    policy = RetryPolicy(backoff_base=0.5, backoff_cap=4.0)
    for attempt, bound in [(1, 0.5), (2, 1.0), (3, 2.0), (4, 4.0), (8, 4.0)]:
        samples = [policy.backoff(attempt) for _ in range(500)]
        assert all(0.0 <= s <= bound for s in samples)
        # Full jitter: spread over the whole range, not clustered at the bound.
        assert min(samples) < bound * 0.1
        assert max(samples) > bound * 0.9


def test_wait_uses_retry_after_or_defers_to_the_limiter() -> None:
    policy = RetryPolicy(max_retry_after=10.0)
    limited = RateLimitError("x", retry_after=3.0, status=429, method="GET", url="u")
    assert policy.wait(limited, 1, limiter_pauses=True) == 0.0
    assert policy.wait(limited, 1, limiter_pauses=False) == 3.0
    server = InternalServerError("x", status=503, method="GET", url="u")
    assert 0.0 <= policy.wait(server, 1, limiter_pauses=True) <= policy.backoff_base


def test_should_retry_classifies_failures() -> None:
    policy = RetryPolicy(max_retry_after=10.0)
    unsent = APIConnectionError("x", method="POST", url="u", sent=False)
    sent = APIConnectionError("x", method="POST", url="u", sent=True)
    too_long = RateLimitError("x", retry_after=11.0, status=429, method="POST", url="u")
    not_found = jbcrm.NotFoundError("x", status=404, method="GET", url="u")
    assert policy.should_retry(unsent, idempotent=False)
    assert not policy.should_retry(sent, idempotent=False)
    assert policy.should_retry(sent, idempotent=True)
    assert not policy.should_retry(too_long, idempotent=True)
    assert not policy.should_retry(not_found, idempotent=True)
    assert not policy.should_retry(ValueError("x"), idempotent=True)
    limited = RateLimitError("x", retry_after=1.0, status=429, method="GET", url="u")
    assert policy.should_retry(limited, idempotent=True)
    assert not RetryPolicy(max_retries=0).should_retry(limited, idempotent=True)
    assert not RetryPolicy(max_retries=0).should_retry(unsent, idempotent=True)


def test_a_retry_after_of_exactly_max_retry_after_is_still_waited_for() -> None:
    policy = RetryPolicy(max_retry_after=10.0)
    at_the_bound = RateLimitError("x", retry_after=10.0, status=429, method="GET", url="u")
    assert policy.should_retry(at_the_bound, idempotent=True)


def test_an_error_without_retry_after_is_retried_even_when_no_retry_after_is_acceptable() -> None:
    # max_retry_after=0 refuses every server-imposed wait, not the backoff of a plain 503.
    policy = RetryPolicy(max_retry_after=0.0)
    server = InternalServerError("x", status=503, method="GET", url="u")
    assert policy.should_retry(server, idempotent=True)
    waiting = RateLimitError("x", retry_after=0.5, status=429, method="GET", url="u")
    assert not policy.should_retry(waiting, idempotent=True)


def test_parse_retry_after_reads_seconds_and_http_dates() -> None:
    now = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    later = format_datetime(now + timedelta(seconds=90), usegmt=True)
    assert parse_retry_after(later, now=now.timestamp()) == 90.0
    assert parse_retry_after(format_datetime(now - timedelta(seconds=5), usegmt=True)) == 0.0
    assert parse_retry_after("7") == 7.0
    assert parse_retry_after(" 1.5 ") == 1.5
    assert parse_retry_after("-3") == 0.0
    for garbage in (None, "", "soon", "nan", "inf"):
        assert parse_retry_after(garbage) is None


async def test_503_retry_after_is_honoured_and_kept_on_the_error(
    make_jetbuilt: MakeJetbuilt,
) -> None:
    arrivals: list[float] = []

    def handler(request: httpx.Request) -> httpx.Response:
        arrivals.append(time.monotonic())
        return httpx.Response(503, json={"error": "maintenance"}, headers={"Retry-After": "0.2"})

    client = make_jetbuilt(handler, rate_limit=None, max_retries=1)
    client._options = attrs.evolve(client._options, retry=RetryPolicy(max_retries=1))
    with pytest.raises(InternalServerError) as caught:
        await asyncio.wait_for(client._send("GET", "projects"), GUARD)
    assert caught.value.retry_after == 0.2
    assert caught.value.attempts == 2
    # The wait came from the server's Retry-After, not from a (shorter) jittered backoff.
    assert arrivals[1] - arrivals[0] >= 0.2


def test_an_error_marked_not_retryable_overrides_its_status() -> None:
    policy = RetryPolicy(max_retries=3)
    error = InternalServerError("boom", status=500, method="GET", url="https://x/")
    assert policy.should_retry(error, idempotent=True)
    error.retryable = False
    assert not policy.should_retry(error, idempotent=True)
    error.retryable = True
    assert policy.should_retry(error, idempotent=True)
    assert not policy.should_retry(error, idempotent=False)


async def test_a_paused_limiter_past_the_deadline_is_a_rate_limit_error_not_retried(
    make_jetbuilt: MakeJetbuilt,
) -> None:
    limiter = RecordingLimiter(refuse=LimiterTimeout(paused=True, wait=42.0))
    client = make_jetbuilt(lambda request: httpx.Response(200, json={}), rate_limit=limiter)
    with pytest.raises(RateLimitError) as caught:
        await client._send("GET", "projects")
    assert caught.value.retry_after == 42.0
    assert caught.value.status == 429
    assert "paused after a 429" in str(caught.value)
    assert len(limiter.deadlines) == 1
    deadline = limiter.deadlines[0]
    assert deadline is not None
    assert 0 < deadline - time.monotonic() <= 300


@pytest.mark.parametrize("wait", [42.0, None])
async def test_a_limiter_paused_at_the_second_attempt_says_so_with_the_attempt_and_the_wait(
    make_jetbuilt: MakeJetbuilt, wait: float | None
) -> None:
    limiter = RecordingLimiter()

    def handler(request: httpx.Request) -> httpx.Response:
        # After this answer the limiter holds everyone beyond the call's deadline.
        limiter.refuse = LimiterTimeout(paused=True, wait=wait)
        return httpx.Response(503, headers={"Retry-After": "0"})

    client = make_jetbuilt(handler, rate_limit=limiter)
    with pytest.raises(RateLimitError) as caught:
        await client._send("GET", "projects")
    error = caught.value
    assert error.attempts == 2
    assert error.retry_after == wait
    assert error.retryable is False
    assert error.hint is not None
    assert "retry_after" in error.hint
    if wait is None:
        assert "paused after a 429, beyond this call's deadline" in str(error)
    else:
        assert "paused after a 429 for another 42.0 s" in str(error)


async def test_a_limiter_wait_past_the_deadline_is_a_timeout_naming_the_limiter(
    make_jetbuilt: MakeJetbuilt,
) -> None:
    limiter = RecordingLimiter(refuse=LimiterTimeout())
    client = make_jetbuilt(lambda request: httpx.Response(200, json={}), rate_limit=limiter)
    with pytest.raises(jbcrm.APITimeoutError) as caught:
        await client.with_options(deadline=7)._send("GET", "projects")
    error = caught.value
    assert error.phase == "waiting for the rate limiter"
    assert "deadline of 7 s ran out while waiting for the rate limiter" in str(error)
    assert error.sent is False
    assert limiter.released == []


def rate_limited(times: int, retry_after: str = "0") -> Callable[[httpx.Request], httpx.Response]:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if len(seen) <= times:
            return httpx.Response(429, headers={"Retry-After": retry_after})
        return httpx.Response(200, json={"ok": True})

    return handler


async def test_429_retries_under_a_limiter_do_not_use_up_max_retries(
    make_jetbuilt: MakeJetbuilt,
) -> None:
    limited = make_jetbuilt(rate_limited(6), rate_limit=SlidingWindowLimiter(100, 0.05))
    result = await asyncio.wait_for(limited.with_options(max_retries=2)._send("GET", "p"), GUARD)
    assert result.data == {"ok": True}
    # Without a limiter nothing holds the other tasks, so each 429 costs a retry.
    alone = make_jetbuilt(rate_limited(6), rate_limit=None)
    with pytest.raises(RateLimitError) as caught:
        await asyncio.wait_for(alone.with_options(max_retries=2)._send("GET", "p"), GUARD)
    assert caught.value.attempts == 3


async def test_429_retries_under_a_limiter_are_bounded_by_the_deadline(
    make_jetbuilt: MakeJetbuilt,
) -> None:
    client = make_jetbuilt(
        rate_limited(10**9, retry_after="0.05"), rate_limit=SlidingWindowLimiter(100, 0.05)
    )
    with pytest.raises((RateLimitError, jbcrm.APITimeoutError)) as caught:
        await asyncio.wait_for(client.with_options(deadline=0.4)._send("GET", "p"), GUARD)
    assert 1 < getattr(caught.value, "attempts", 0) < 100


async def test_max_retries_zero_means_no_retry_even_for_a_429_under_a_limiter(
    make_jetbuilt: MakeJetbuilt,
) -> None:
    client = make_jetbuilt(rate_limited(1), rate_limit=SlidingWindowLimiter(100, 0.05))
    with pytest.raises(RateLimitError) as caught:
        await client.with_options(max_retries=0)._send("GET", "p")
    assert caught.value.attempts == 1


async def test_a_backoff_that_would_pass_the_deadline_raises_a_timeout_naming_backoff(
    make_jetbuilt: MakeJetbuilt,
) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(503, text="busy", headers={"Retry-After": "30"})

    client = make_jetbuilt(handler, deadline=1)
    with pytest.raises(jbcrm.APITimeoutError) as caught:
        await asyncio.wait_for(client._send("GET", "projects"), GUARD)
    error = caught.value
    assert error.phase == "backing off before a retry"
    assert "InternalServerError 503 would start in 30.0 s" in str(error)
    assert isinstance(error.__cause__, InternalServerError)
    assert error.attempts == 1
    assert error.sent is True  # the server answered: the request went out
    assert len(seen) == 1


async def test_a_backoff_past_the_deadline_after_a_connection_failure_keeps_its_attempts(
    make_jetbuilt: MakeJetbuilt, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(random, "uniform", lambda low, high: 30.0)
    answers = iter([httpx.Response(503, headers={"Retry-After": "0"}), httpx.ConnectError("no")])

    def handler(request: httpx.Request) -> httpx.Response:
        answer = next(answers)
        if isinstance(answer, Exception):
            raise answer
        return answer

    client = make_jetbuilt(handler, deadline=5)
    with pytest.raises(jbcrm.APITimeoutError) as caught:
        await asyncio.wait_for(client._send("GET", "projects"), GUARD)
    error = caught.value
    assert error.phase == "backing off before a retry"
    assert error.attempts == 2
    assert error.sent is False  # the connection failed before the request went out
    assert "after APIConnectionError would start in 30.0 s" in str(error)


@pytest.mark.parametrize(
    "lost",
    [raises(httpx.RemoteProtocolError), raises(httpx.ReadTimeout), status(502)],
    ids=["reset", "read-timeout", "502"],
)
async def test_a_retried_delete_that_gets_404_means_it_was_done(
    make_jetbuilt: MakeJetbuilt, lost: Callable[[httpx.Request], httpx.Response]
) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if len(seen) == 1:
            return lost(request)
        return httpx.Response(404, json={"error": "Not found"})

    deleted = await make_jetbuilt(handler).stock.items.delete(12978)
    assert deleted.message is None
    assert [r.method for r in seen] == ["DELETE", "DELETE"]


async def test_a_delete_whose_first_answer_is_404_is_not_found(
    make_jetbuilt: MakeJetbuilt,
) -> None:
    answers = iter([httpx.Response(429), httpx.Response(404, json={"error": "Not found"})])
    client = make_jetbuilt(lambda request: next(answers))
    # A 429 proves the server did nothing: the 404 after it is a real one.
    with pytest.raises(jbcrm.NotFoundError):
        await client.stock.items.delete(12978)
    with pytest.raises(jbcrm.NotFoundError):
        await make_jetbuilt(status(404)).stock.items.delete(1)


def always(
    failure: Callable[[httpx.Request], httpx.Response],
) -> tuple[list[httpx.Request], Callable[[httpx.Request], httpx.Response]]:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return failure(request)

    return seen, handler


@pytest.mark.parametrize("exc", [httpx.ReadTimeout, httpx.WriteTimeout])
async def test_a_stalled_server_is_tried_once_more_not_max_retries_times(
    make_jetbuilt: MakeJetbuilt, exc: type[httpx.TransportError]
) -> None:
    seen, handler = always(raises(exc))
    client = make_jetbuilt(handler).with_options(max_retries=5)
    with pytest.raises(jbcrm.APITimeoutError) as info:
        await client._send("GET", "clients/1")
    assert len(seen) == 2
    assert info.value.attempts == 2
    assert info.value.cause_type == exc.__name__
    assert "stalled" in str(info.value)
    assert "tried once more" in str(info.value)


async def test_connect_timeouts_still_use_every_retry(make_jetbuilt: MakeJetbuilt) -> None:
    seen, handler = always(raises(httpx.ConnectTimeout))
    client = make_jetbuilt(handler).with_options(max_retries=3)
    with pytest.raises(jbcrm.APITimeoutError) as info:
        await client._send("GET", "clients/1")
    assert len(seen) == 4
    assert "connect timeout" in str(info.value)
    assert "stalled" not in str(info.value)


def test_only_read_and_write_timeouts_are_stalls() -> None:
    def timeout(cause: str) -> jbcrm.APITimeoutError:
        error = jbcrm.APITimeoutError("timed out", method="GET", url="https://x/")
        error.cause_type = cause
        return error

    assert RetryPolicy.is_stall(timeout("ReadTimeout"))
    assert RetryPolicy.is_stall(timeout("WriteTimeout"))
    assert not RetryPolicy.is_stall(timeout("ConnectTimeout"))
    assert not RetryPolicy.is_stall(timeout("PoolTimeout"))
    assert not RetryPolicy.is_stall(InternalServerError("x", status=500, method="GET", url="u"))


async def test_a_request_stalled_among_answered_ones_uses_every_retry(
    make_jetbuilt: MakeJetbuilt,
) -> None:
    stalled: list[httpx.Request] = []

    async def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/stalls"):
            stalled.append(request)
            # While it stalls, the server answers the client's other requests.
            await asyncio.sleep(0.01)
            raise httpx.ReadTimeout("boom", request=request)
        return httpx.Response(200, json={"id": 1})

    client = make_jetbuilt(handler).with_options(max_retries=3)

    async def chatter() -> None:
        while True:
            await client._send("GET", "clients/1")
            await asyncio.sleep(0.001)

    busy = asyncio.ensure_future(chatter())
    with pytest.raises(jbcrm.APITimeoutError):
        await client._send("GET", "stalls")
    busy.cancel()
    await asyncio.gather(busy, return_exceptions=True)
    assert len(stalled) == 4


async def test_each_retry_backs_off_up_to_base_times_two_to_the_retries_before_it(
    make_jetbuilt: MakeJetbuilt, monkeypatch: pytest.MonkeyPatch
) -> None:
    ceilings: list[float] = []

    def uniform(low: float, high: float) -> float:
        ceilings.append(high)
        return 0.0

    monkeypatch.setattr(random, "uniform", uniform)
    answers = iter([*(httpx.Response(503) for _ in range(3)), httpx.Response(200, json={})])
    client = make_jetbuilt(lambda request: next(answers), max_retries=5)
    await client._send("GET", "projects")
    # fast_retries: base 1 ms, cap 4 ms. The first retry's ceiling is the base itself.
    assert ceilings == [0.001, 0.002, 0.004]
