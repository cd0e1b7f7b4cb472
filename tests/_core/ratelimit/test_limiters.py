"""The limiters through a client: a strict sliding window is never exceeded, a 429 pauses
everyone, slots never leak on cancellation, limiters are shared, survive a change of event loop,
and refuse bad settings."""

from __future__ import annotations

import asyncio
import hashlib
import random
import threading
import time
from collections.abc import Callable

import httpx
import pytest

import jbcrm
from jbcrm._core.ratelimit import (
    AdaptiveConcurrencyLimiter,
    LeakyBucketLimiter,
    Limiter,
    LimiterTimeout,
    RateLimit,
    SlidingWindowLimiter,
    _factory,
    build_limiter,
)
from jbcrm._core.ratelimit._redis_link import key_names
from tests._core.ratelimit.helpers import FakeClock
from tests._core.strict_server import StrictWindowServer

MakeJetbuilt = Callable[..., jbcrm.Jetbuilt]
GUARD = 10.0


async def send_all(client: jbcrm.Jetbuilt, count: int) -> list[object]:
    calls = (client._send("GET", "projects") for _ in range(count))
    return await asyncio.wait_for(asyncio.gather(*calls, return_exceptions=True), GUARD)


async def test_sliding_window_never_exceeds_the_limit_in_any_window(
    make_jetbuilt: MakeJetbuilt, record_property: Callable[[str, object], None]
) -> None:
    server = StrictWindowServer(10, 0.2, seed=1)
    limiter = SlidingWindowLimiter(10, 0.2)
    client = make_jetbuilt(server, rate_limit=limiter)
    started = time.monotonic()
    results = await send_all(client, 45)
    # Reported, not asserted: speed belongs to the benchmarks.
    record_property("efficiency", server.physical_bound() / (time.monotonic() - started))
    assert not [r for r in results if isinstance(r, BaseException)]
    assert server.rejected == 0
    assert len(server.arrivals) == 45
    # Never more than N in a window, and the ceiling is actually reached.
    assert server.max_in_window() == 10
    assert limiter.stats.requests == 45
    assert limiter.stats.in_flight == 0


async def test_initial_burst_goes_without_waiting() -> None:
    limiter = SlidingWindowLimiter(10, 60.0)
    permits = [await limiter.acquire() for _ in range(10)]
    assert limiter.stats.waits == 0
    assert limiter.stats.in_flight == 10
    with pytest.raises(asyncio.TimeoutError):
        await asyncio.wait_for(limiter.acquire(), 0.05)
    for permit in permits:
        await permit.release(status=200)
    assert limiter.stats.in_flight == 0


async def test_a_slot_is_counted_until_one_window_after_its_response() -> None:
    clock = FakeClock()
    limiter = SlidingWindowLimiter(2, 1.0, clock=clock)
    for _ in range(2):
        await (await limiter.acquire()).release(status=200)
    with pytest.raises(asyncio.TimeoutError):
        await asyncio.wait_for(limiter.acquire(), 0.05)
    clock.now += 1.0
    permit = await asyncio.wait_for(limiter.acquire(), GUARD)
    await permit.release(status=200)
    assert limiter.stats.requests == 3


async def test_a_request_that_never_left_frees_its_slot_at_once() -> None:
    limiter = SlidingWindowLimiter(1, 60.0)
    permit = await limiter.acquire()
    waiting = asyncio.ensure_future(limiter.acquire())
    await asyncio.sleep(0.01)
    assert not waiting.done()
    await permit.release(sent=False)
    second = await asyncio.wait_for(waiting, GUARD)
    assert limiter.stats.waits == 1
    assert limiter.stats.wait_time > 0
    await second.release(sent=False)
    # Releasing twice is harmless.
    await second.release(sent=False)
    assert limiter.stats.in_flight == 0


async def test_429_pauses_all_tasks_until_retry_after(make_jetbuilt: MakeJetbuilt) -> None:
    arrivals: list[float] = []
    answered_429 = asyncio.Event()
    rejected_at: list[float] = []

    async def handler(request: httpx.Request) -> httpx.Response:
        arrivals.append(time.monotonic())
        if len(arrivals) == 1:
            rejected_at.append(time.monotonic())
            answered_429.set()
            return httpx.Response(429, text="Retry later", headers={"Retry-After": "0.3"})
        return httpx.Response(200, json={})

    limiter = SlidingWindowLimiter(100, 1.0)
    client = make_jetbuilt(handler, rate_limit=limiter)
    first = asyncio.ensure_future(client._send("GET", "projects"))
    await answered_429.wait()
    await send_all(client, 5)
    await asyncio.wait_for(first, GUARD)
    assert len(arrivals) == 7
    assert min(arrivals[1:]) >= rejected_at[0] + 0.3
    assert limiter.stats.rate_limited == 1


async def test_429_without_retry_after_pauses_one_window(make_jetbuilt: MakeJetbuilt) -> None:
    arrivals: list[float] = []

    def handler(request: httpx.Request) -> httpx.Response:
        arrivals.append(time.monotonic())
        if len(arrivals) == 1:
            return httpx.Response(429, text="Retry later")
        return httpx.Response(200, json={})

    client = make_jetbuilt(handler, rate_limit=SlidingWindowLimiter(100, 0.25))
    await send_all(client, 1)
    await send_all(client, 3)
    assert len(arrivals) == 5
    assert min(arrivals[1:]) >= arrivals[0] + 0.25


async def test_cotenant_server_allowing_fewer_still_finishes_without_errors(
    make_jetbuilt: MakeJetbuilt,
) -> None:
    # Someone else on the same IP uses 40% of the budget: the server lets this client have 6.
    server = StrictWindowServer(6, 0.2, seed=2)
    limiter = SlidingWindowLimiter(10, 0.2)
    client = make_jetbuilt(server, rate_limit=limiter)
    results = await send_all(client, 40)
    assert not [r for r in results if isinstance(r, BaseException)]
    assert len(server.arrivals) - server.rejected == 40
    # The first burst (10 sent, 6 allowed) costs 4; the learned limit keeps the rest rare.
    assert server.rejected <= 10
    assert limiter.stats.rate_limited == server.rejected
    assert limiter.limit < 10
    assert limiter.stats.learned_limit == limiter.limit


async def test_cancellation_leaks_no_slots_and_does_not_deadlock(
    make_jetbuilt: MakeJetbuilt,
) -> None:
    server = StrictWindowServer(5, 0.1, latency=(0.01, 0.04), seed=3)
    server.cancel_every = 7  # some tasks are cancelled while their request is in flight
    limiter = SlidingWindowLimiter(5, 0.1)
    client = make_jetbuilt(server, rate_limit=limiter)
    tasks = [asyncio.ensure_future(client._send("GET", "projects")) for _ in range(60)]
    tasks[-1].cancel()  # certainly still waiting for the limiter
    rng = random.Random(7)
    for _ in range(20):
        await asyncio.sleep(rng.uniform(0.0, 0.03))
        rng.choice(tasks).cancel()
    _, pending = await asyncio.wait(tasks, timeout=GUARD)
    assert not pending

    reached = set(server.tasks)
    cancelled = [task for task in tasks if task.cancelled()]
    assert server.cancelled >= 1
    assert [task for task in cancelled if task not in reached]
    assert limiter.stats.in_flight == 0
    assert server.rejected == 0
    assert server.max_in_window() <= 5
    # Later requests still get through.
    server.cancel_every = None
    results = await send_all(client, 10)
    assert not [r for r in results if isinstance(r, BaseException)]
    assert limiter.stats.in_flight == 0


async def test_stats_are_readable_from_the_client(make_jetbuilt: MakeJetbuilt) -> None:
    client = make_jetbuilt(lambda request: httpx.Response(200, json={}), rate_limit=None)
    assert client.rate_limit_stats is None
    limited = make_jetbuilt(
        lambda request: httpx.Response(200, json={}), rate_limit=SlidingWindowLimiter(3, 60.0)
    )
    await send_all(limited, 2)
    stats = limited.rate_limit_stats
    assert stats is not None
    assert (stats.requests, stats.waits, stats.rate_limited, stats.limit, stats.in_flight) == (
        2,
        0,
        0,
        3,
        0,
    )
    assert stats.wait_time == 0.0
    assert stats.learned_limit is None


async def test_pause_holds_every_request() -> None:
    limiter = SlidingWindowLimiter(10, 1.0)
    await limiter.pause(0.15)
    permit = await asyncio.wait_for(limiter.acquire(), GUARD)
    await permit.release(status=200)
    # The one request waited out the whole pause (a lower bound: slowness cannot fail it).
    assert limiter.stats.waits == 1
    assert limiter.stats.wait_time >= 0.15


async def test_leaky_bucket_limiter_paces_requests(make_jetbuilt: MakeJetbuilt) -> None:
    limiter = build_limiter(RateLimit(4, per=0.2, algorithm="leaky"))
    assert isinstance(limiter, LeakyBucketLimiter)
    client = make_jetbuilt(lambda request: httpx.Response(200, json={}), rate_limit=limiter)
    results = await send_all(client, 10)
    assert not [r for r in results if isinstance(r, BaseException)]
    assert limiter.stats.requests == 10
    assert limiter.stats.waits >= 1
    assert limiter.stats.in_flight == 0
    assert "LeakyBucketLimiter(4" in repr(limiter)


@pytest.mark.parametrize(("retry_after", "pause"), [("0.2", 0.2), (None, 0.2)])
async def test_leaky_bucket_limiter_pauses_every_task_on_429(
    make_jetbuilt: MakeJetbuilt, retry_after: str | None, pause: float
) -> None:
    arrivals: list[float] = []

    def handler(request: httpx.Request) -> httpx.Response:
        arrivals.append(time.monotonic())
        if len(arrivals) == 1:
            headers = {} if retry_after is None else {"Retry-After": retry_after}
            return httpx.Response(429, headers=headers)
        return httpx.Response(200, json={})

    limiter = LeakyBucketLimiter(100, 0.2)
    client = make_jetbuilt(handler, rate_limit=limiter)
    await send_all(client, 1)
    await send_all(client, 3)
    assert len(arrivals) == 5
    assert min(arrivals[1:]) >= arrivals[0] + pause
    assert limiter.stats.rate_limited == 1


def test_build_limiter_shares_one_limiter_for_equal_rate_limits() -> None:
    first = build_limiter(RateLimit(7, per=3.0, key="shared"))
    assert first is build_limiter(RateLimit(7, per=3.0, key="shared"))
    assert first is not build_limiter(RateLimit(7, per=3.0, key="other"))
    assert first is not build_limiter(RateLimit(7, per=4.0, key="shared"))
    assert isinstance(first, SlidingWindowLimiter)
    adaptive = build_limiter(RateLimit(4, algorithm="adaptive", key="site"))
    assert isinstance(adaptive, AdaptiveConcurrencyLimiter)
    assert adaptive is build_limiter(RateLimit(4, algorithm="adaptive", key="site"))
    own = SlidingWindowLimiter(1, 1.0)
    assert build_limiter(own) is own
    assert build_limiter(None) is None
    assert isinstance(own, Limiter)


def test_after_a_fork_the_child_builds_limiters_of_its_own_though_a_thread_held_the_lock() -> None:
    spec = RateLimit(7, per=3.0, key="forked")
    parents = build_limiter(spec)
    built: list[Limiter | None] = []
    with _factory._SHARED_LOCK:  # a thread of the parent holds it at the fork ...
        _factory._forget_after_fork()  # ... and the child runs this first (os.register_at_fork)
        child = threading.Thread(target=lambda: built.append(build_limiter(spec)), daemon=True)
        child.start()
        child.join(GUARD)
        assert built, "the child's first limiter waited for a lock nobody will release"
    assert built[0] is not parents
    assert build_limiter(spec) is built[0]


async def test_clients_with_equal_rate_limits_share_the_budget(
    make_jetbuilt: MakeJetbuilt,
) -> None:
    spec = RateLimit(5, per=60.0, key="two-clients")
    one = make_jetbuilt(lambda request: httpx.Response(200, json={}), rate_limit=spec)
    two = make_jetbuilt(lambda request: httpx.Response(200, json={}), rate_limit=spec)
    await send_all(one, 3)
    await send_all(two, 2)
    assert one._transport.limiter is two._transport.limiter
    assert one.rate_limit_stats is not None
    assert one.rate_limit_stats.requests == 5


@pytest.mark.parametrize(
    ("arguments", "options", "accepted"),
    [
        (("5",), {}, "whole number of at least 1"),
        ((2.5,), {}, "whole number of at least 1"),
        ((True,), {}, "whole number of at least 1"),
        ((0,), {}, "whole number of at least 1"),
        ((1, 0.0), {}, "above 0"),
        ((1, float("nan")), {}, "finite number of seconds above 0"),
        ((1, float("inf")), {}, "finite number of seconds above 0"),
        ((1, "1"), {}, "number of seconds above 0, got '1' (str)"),
        ((1,), {"algorithm": "fixed"}, "one of 'sliding', 'leaky', 'adaptive'"),
        ((1,), {"on_redis_error": "x"}, "one of 'local', 'raise'"),
        ((1,), {"lease": float("nan")}, "finite number of seconds above 0"),
        ((1,), {"lease": -1.0}, "finite number of seconds above 0"),
        ((1,), {"key": 7}, "a string or None"),
        ((1,), {"redis_url": "redis://h", "algorithm": "leaky"}, "uses the 'sliding' algorithm"),
    ],
)
def test_rate_limit_refuses_nonsense_and_says_what_is_accepted(
    arguments: tuple[object, ...], options: dict[str, object], accepted: str
) -> None:
    with pytest.raises(jbcrm.ConfigurationError) as caught:
        RateLimit(*arguments, **options)  # type: ignore[arg-type]
    assert accepted in str(caught.value)


@pytest.mark.parametrize(
    "make",
    [
        lambda: SlidingWindowLimiter(0, 1.0),
        lambda: LeakyBucketLimiter(2, float("nan")),
        lambda: AdaptiveConcurrencyLimiter(2.5),  # type: ignore[arg-type]
    ],
    ids=["sliding", "leaky", "adaptive"],
)
def test_limiters_refuse_nonsense_too(make: Callable[[], object]) -> None:
    with pytest.raises(jbcrm.ConfigurationError):
        make()


@pytest.mark.parametrize(
    "make",
    [
        lambda: SlidingWindowLimiter(3, 0.05),
        lambda: LeakyBucketLimiter(3, 0.05),
        lambda: AdaptiveConcurrencyLimiter(3),
    ],
    ids=["sliding", "leaky", "adaptive"],
)
def test_a_limiter_survives_a_second_event_loop(make: Callable[[], Limiter]) -> None:
    limiter = make()  # made in the test: a parameter object would outlive one pytest run

    async def burst() -> None:
        async def one() -> None:
            permit = await limiter.acquire()
            await asyncio.sleep(0.001)
            await permit.release(status=200)

        await asyncio.wait_for(asyncio.gather(*(one() for _ in range(6))), GUARD)

    asyncio.run(burst())
    asyncio.run(burst())
    assert limiter.stats.requests == 12
    assert limiter.stats.in_flight == 0


@pytest.mark.parametrize("algorithm", ["sliding", "leaky", "adaptive"])
async def test_acquire_raises_limiter_timeout_at_the_deadline_and_frees_nothing(
    algorithm: str,
) -> None:
    limiter = build_limiter(RateLimit(2, per=30.0, algorithm=algorithm))  # type: ignore[arg-type]
    assert limiter is not None
    # All it allows now (the adaptive limiter starts at one in flight).
    allowed = limiter.stats.limit
    held = [await limiter.acquire(deadline=time.monotonic() + GUARD) for _ in range(allowed)]
    with pytest.raises(LimiterTimeout):
        await limiter.acquire(deadline=time.monotonic() + 0.05)
    # The timed-out wait took no slot: the holders are the only ones in flight.
    assert limiter.stats.in_flight == allowed
    for permit in held:
        await permit.release(status=200)


def test_a_limiter_timeout_says_whether_a_429_pause_or_full_slots_caused_it() -> None:
    assert str(LimiterTimeout(paused=True, wait=2.0)) == "paused after a 429"
    assert str(LimiterTimeout()) == "every slot is taken"
    assert LimiterTimeout().paused is False


def test_a_long_or_unsafe_redis_key_is_hashed_into_a_stable_32_hex_digit_tag() -> None:
    digest = hashlib.sha256(b"my key/with spaces").hexdigest()[:32]
    assert key_names("my key/with spaces", ["granted"]) == [f"jbcrm:{{sha256-{digest}}}:granted"]
    assert key_names("plain.key", ["a", "b"]) == ["jbcrm:{plain.key}:a", "jbcrm:{plain.key}:b"]


async def test_an_adaptive_rate_limit_keeps_its_concurrency_and_its_pause_length() -> None:
    limiter = build_limiter(RateLimit(5, per=3.0, algorithm="adaptive"))
    assert isinstance(limiter, AdaptiveConcurrencyLimiter)
    assert "max 5 in flight" in repr(limiter)
    permit = await limiter.acquire()
    # A 429 without Retry-After pauses every task for ``per`` seconds.
    await permit.release(status=429)
    with pytest.raises(LimiterTimeout) as caught:
        await limiter.acquire(deadline=time.monotonic() + 0.05)
    assert caught.value.paused
    assert caught.value.wait is not None
    assert 2.0 < caught.value.wait <= 3.0


def test_a_rate_limit_without_per_means_that_many_a_second() -> None:
    assert RateLimit(5).per == 1.0
    assert repr(build_limiter(RateLimit(6))).startswith("SlidingWindowLimiter(6 per 1.0s")
    assert repr(build_limiter(RateLimit(6, algorithm="leaky"))) == "LeakyBucketLimiter(6 per 1.0s)"
