"""The shared limiter against a real redis-server on loopback (several limiters stand in for
several processes: they share nothing but Redis)."""

from __future__ import annotations

import asyncio
import logging
import time

import httpx
import pytest

import jbcrm
from jbcrm._core.errors import ConfigurationError
from jbcrm._core.ratelimit import LimiterTimeout, RateLimit, build_limiter
from jbcrm._core.ratelimit import redis as redis_limiter
from jbcrm._core.ratelimit.redis import RedisLimiterError, RedisSlidingWindowLimiter
from tests._core.ratelimit.helpers import blocks, make
from tests.integration.redis_server import (
    RedisServer,
    redis_server_executable,
    running_redis_server,
)
from tests.leak_guard import JETBUILT_TOKEN
from tests.waiting import until

# Long enough that "still blocked" cannot be an accident of timing.
LONG = 30.0


async def test_initial_burst_is_granted_without_waiting(server, client, limiters):
    limiter = make(limiters, server.url, 5, LONG, key="burst")
    permits = [await limiter.acquire() for _ in range(5)]
    assert limiter.stats.waits == 0
    assert limiter.stats.in_flight == 5
    assert await blocks(limiter)
    for permit in permits:
        await permit.release(status=200)
    assert limiter.stats.in_flight == 0


async def test_limiters_sharing_a_key_share_one_budget(server, client, limiters):
    first = make(limiters, server.url, 3, LONG, key="jetbuilt")
    second = RedisSlidingWindowLimiter(3, LONG, redis=client, key="jetbuilt")
    other_key = make(limiters, server.url, 3, LONG, key="jetpackcrm")
    await first.acquire()
    await first.acquire()
    await second.acquire()
    assert await blocks(first)
    assert await blocks(second)
    assert not await blocks(other_key)
    await second.aclose()
    assert await client.ping()  # a client passed in is left open


async def test_a_slot_counts_until_its_response_plus_the_window(server, client, limiters):
    per = 0.3
    limiter = make(limiters, server.url, 2, per, key="window")
    held = await limiter.acquire()
    await (await limiter.acquire()).release(status=200)
    seconds, micros = await client.time()
    before_release = seconds + micros / 1_000_000
    await held.release(status=200)
    third = await limiter.acquire()
    assert limiter.stats.waits == 1
    seconds, micros = await client.time()
    # On the Redis clock, in seconds: after the first slot's window, and not in the future.
    assert before_release + per <= third.granted_at <= seconds + micros / 1_000_000  # type: ignore[attr-defined]


async def test_a_request_never_sent_frees_its_slot_and_wakes_a_waiter(server, client, limiters):
    limiter = make(limiters, server.url, 1, LONG, key="unsent")
    permit = await limiter.acquire()
    waiter = asyncio.create_task(limiter.acquire())
    await asyncio.sleep(0.05)
    assert not waiter.done()
    await permit.release(sent=False)
    second = await asyncio.wait_for(waiter, 1.0)
    await second.release(sent=False)
    assert limiter.stats.waits == 1
    assert 0.05 <= limiter.stats.wait_time < 1.05  # from its first "not yet" to its slot


async def test_a_429_pauses_every_limiter_sharing_the_key_and_shares_the_learned_limit(
    server, client, limiters
):
    seen, other = (make(limiters, server.url, 10, 0.2, key="pause") for _ in range(2))
    for _ in range(3):
        await (await other.acquire()).release(status=200)
    await other.flush()
    permit = await seen.acquire()
    await permit.release(status=429, retry_after=0.3)
    await seen.flush()
    state = await client.hgetall("jbcrm:{pause}:state")
    paused_until = int(state[b"paused_until"]) / 1_000_000
    # What the server accepted from every process in the window before the 429.
    assert int(state[b"learned"]) == 3
    for limiter in (seen, other):  # the one that saw it waits on its own clock, the other on Redis
        after = await limiter.acquire()
        assert after.granted_at >= paused_until  # type: ignore[attr-defined]
    assert seen.stats.rate_limited == 1
    assert other.limit == 3
    assert other.stats.learned_limit == 3


async def test_probes_raise_the_shared_learned_limit_one_at_a_time(server, client, limiters):
    per = 0.6
    first, second = (make(limiters, server.url, 3, per, key="probe") for _ in range(2))
    await (await first.acquire()).release(status=200)
    await (await first.acquire()).release(status=429, retry_after=0.0)
    await first.flush()
    assert first.stats.learned_limit == 1
    await asyncio.sleep(per * 2.1)  # two windows after the 429: probing may start
    within = await first.acquire()
    probe = await asyncio.wait_for(first.acquire(), 0.1)  # the one probe of all processes
    assert probe.probe  # type: ignore[attr-defined]
    assert await blocks(second)
    await probe.release(status=200)
    await first.flush()
    assert int(await client.hget("jbcrm:{probe}:state", "learned")) == 2
    next_probe = await asyncio.wait_for(second.acquire(), 1.0)
    assert next_probe.probe  # type: ignore[attr-defined]
    assert second.limit == 2
    await next_probe.release(status=200)
    await second.flush()
    # The full limit is back: nothing learned is left.
    assert not await client.hexists("jbcrm:{probe}:state", "learned")
    await within.release(status=200)
    await (await first.acquire()).release(status=200)
    assert first.limit == 3
    assert first.stats.learned_limit is None


async def test_explicit_pause_holds_every_limiter(server, client, limiters):
    pauser, other = (make(limiters, server.url, 10, 1.0, key="hold") for _ in range(2))
    await pauser.pause(LONG)
    assert await blocks(other)


async def test_a_slot_of_a_lost_process_is_freed_when_its_lease_ends(server, client, limiters):
    lease = 0.3
    lost = make(limiters, server.url, 1, 0.1, key="lease", lease=lease)
    survivor = make(limiters, server.url, 1, 0.1, key="lease", lease=lease)
    abandoned = await lost.acquire()
    permit = await survivor.acquire()
    assert permit.granted_at >= abandoned.granted_at + lease  # type: ignore[attr-defined]


async def test_an_acquire_cancelled_while_redis_answers_hands_its_slot_back(
    server, client, limiters
):
    limiter = make(limiters, server.url, 1, LONG, key="cancel")
    attempt = asyncio.create_task(limiter.acquire())
    for _ in range(2):  # the waiting task queues, then the call to Redis leaves
        await asyncio.sleep(0)
    assert limiter.round_trips == 1
    attempt.cancel()
    with pytest.raises(asyncio.CancelledError):
        await attempt
    permit = await asyncio.wait_for(limiter.acquire(), 1.0)
    await permit.release(status=200)
    await limiter.flush()
    assert limiter.stats.in_flight == 0
    assert await client.zcard("jbcrm:{cancel}:done") == 1


async def test_keys_are_namespaced_hash_tagged_and_expire(server, client, limiters):
    limiter = make(limiters, server.url, 5, 0.5, key="jetbuilt")
    accepted, rejected, _held = [await limiter.acquire() for _ in range(3)]
    await accepted.release(status=200)
    await rejected.release(status=429, retry_after=0.0)
    await limiter.flush()
    keys = sorted(key.decode() for key in await client.keys("*"))
    parts = ["accepted", "done", "inflight", "state"]
    assert keys == [f"jbcrm:{{jetbuilt}}:{part}" for part in parts]
    for key in keys:
        assert 0 < await client.pttl(key) <= (0.5 + redis_limiter.DEFAULT_LEASE_EXTRA) * 2000


async def test_a_key_that_is_not_plain_is_hashed_out_of_the_key_names(server, client, limiters):
    secret_like = "jpcrm_sk_{very-secret}"
    limiter = make(limiters, server.url, 5, 0.5, key=secret_like)
    await limiter.acquire()
    names = [key.decode() for key in await client.keys("*")]
    assert names
    assert all("secret" not in name and name.startswith("jbcrm:{sha256-") for name in names)


async def test_scores_keep_microseconds(server, client, limiters):
    limiter = make(limiters, server.url, 5, 0.5, key="micro")
    for _ in range(5):
        await (await limiter.acquire()).release(status=200)
    await limiter.flush()
    scores = [
        score for _, score in await client.zrange("jbcrm:{micro}:done", 0, -1, withscores=True)
    ]
    assert len(scores) == 5
    assert any(score % 1000 for score in scores)


async def test_flushed_script_cache_is_reloaded(server, client, limiters):
    limiter = make(limiters, server.url, 5, LONG, key="flush")
    await (await limiter.acquire()).release(status=200)
    await client.script_flush()
    permit = await limiter.acquire()
    await client.script_flush()
    await permit.release(status=200)
    await limiter.flush()
    assert limiter.shared
    assert await client.zcard("jbcrm:{flush}:done") == 2


async def test_unreachable_redis_falls_back_to_the_local_limiter_with_one_warning(
    server, limiters, caplog
):
    url = f"redis://:hunter2@127.0.0.1:{server.port + 1}/0"
    limiter = make(limiters, url, 2, LONG, key="down")
    with caplog.at_level(logging.WARNING, logger="jbcrm.ratelimit"):
        first = await limiter.acquire()
        await limiter.acquire()
        assert await blocks(limiter)  # the local limiter still enforces the limit
    assert not limiter.shared
    assert repr(limiter).endswith(", local fallback)")
    assert len(caplog.records) == 1
    warning = caplog.records[0].getMessage()
    assert f"127.0.0.1:{server.port + 1}" in warning
    assert "(ConnectionError)" in warning
    assert "hunter2" not in caplog.text
    assert "hunter2" not in repr(limiter)
    await first.release(status=429, retry_after=LONG)
    assert limiter.stats.rate_limited == 1


async def test_a_rate_limit_asking_to_raise_on_redis_errors_builds_a_limiter_that_raises(
    server, limiters
):
    url = f"redis://127.0.0.1:{server.port + 1}/0"
    limiter = build_limiter(RateLimit(2, per=LONG, redis_url=url, on_redis_error="raise"))
    assert isinstance(limiter, RedisSlidingWindowLimiter)
    limiters.append(limiter)
    with pytest.raises(RedisLimiterError):
        await limiter.acquire()


async def test_unreachable_redis_raises_when_asked_to(server, limiters):
    url = f"redis://:hunter2@127.0.0.1:{server.port + 1}/0"
    limiter = make(limiters, url, 2, LONG, key="down", on_redis_error="raise")
    with pytest.raises(RedisLimiterError) as caught:
        await limiter.acquire()
    assert f"127.0.0.1:{server.port + 1}" in str(caught.value)
    assert "(ConnectionError)" in str(caught.value)
    assert caught.value.hint is not None
    assert "on_redis_error='local'" in caught.value.hint
    assert "hunter2" not in str(caught.value)
    assert limiter.stats.in_flight == 0


async def test_a_pause_takes_one_round_trip_and_survives_an_unreachable_redis(server, limiters):
    limiter = make(limiters, server.url, 2, LONG, key="pause-trips")
    await (await limiter.acquire()).release(status=200)
    await limiter.flush()
    before = limiter.round_trips
    await limiter.pause(0.05)
    assert limiter.round_trips == before + 1
    down = make(limiters, f"redis://127.0.0.1:{server.port + 1}/0", 2, LONG, key="pause-down")
    await down.pause(0.05)  # no RedisError: the local fallback holds the pause
    with pytest.raises(LimiterTimeout) as caught:
        await down.acquire(deadline=time.monotonic() + 0.01)
    assert caught.value.paused


async def test_sharing_resumes_after_redis_restarts(limiters, monkeypatch, caplog):
    monkeypatch.setattr(redis_limiter, "REDIS_RETRY_INTERVAL", 0.05)
    with running_redis_server(redis_server_executable()) as own:
        local, strict = (
            make(limiters, own.url, 2, LONG, key="restart", on_redis_error=mode)
            for mode in ("local", "raise")
        )
        shared_permit = await local.acquire()
        own.stop()
        await shared_permit.release(status=200)  # lost with Redis: no error
        held = await local.acquire()
        assert not local.shared
        with pytest.raises(RedisLimiterError):
            await strict.acquire()
        await held.release(status=200)
        own.start()
        with caplog.at_level(logging.INFO, logger="jbcrm.ratelimit"):
            await asyncio.sleep(0.1)
            await strict.acquire()
            await local.acquire()
        assert local.shared
        back = [r.getMessage() for r in caplog.records if "is back" in r.getMessage()]
        assert back == [f"Redis at 127.0.0.1:{own.port}/0 is back: the rate limit is shared again"]
        assert await blocks(strict)
        assert await blocks(local)


async def test_a_429_met_while_redis_was_down_still_holds_everyone_once_it_is_back(
    limiters, monkeypatch
):
    monkeypatch.setattr(redis_limiter, "REDIS_RETRY_INTERVAL", 0.05)
    with running_redis_server(redis_server_executable()) as own:
        limiter = make(limiters, own.url, 5, LONG, key="pause-back")
        await (await limiter.acquire()).release(status=200)
        own.stop()
        held = await limiter.acquire()
        assert not limiter.shared
        await held.release(status=429)  # no Retry-After: everyone waits a window
        own.start()
        await until(lambda: limiter.shared, every=0.02)  # the pings run in the background
        with pytest.raises(LimiterTimeout) as caught:
            await asyncio.wait_for(limiter.acquire(deadline=time.monotonic() + 1.0), 5.0)
        assert caught.value.paused
        assert caught.value.wait is not None
        assert LONG - 15 < caught.value.wait <= LONG


async def test_built_from_a_rate_limit_with_a_redis_url(server, limiters):
    spec = RateLimit(7, per=2.0, redis_url=server.url, key="jetbuilt", on_redis_error="raise")
    limiter = build_limiter(spec)
    assert isinstance(limiter, RedisSlidingWindowLimiter)
    limiters.append(limiter)
    assert limiter.stats.limit == 7
    assert "redis://" not in repr(limiter)
    assert "jetbuilt" in repr(limiter)
    assert repr(limiter).endswith(", shared)")
    permit = await limiter.acquire()
    assert limiter.round_trips == 1
    await permit.release(status=200)
    await limiter.flush()
    assert limiter.round_trips == 2


async def test_a_release_travels_with_the_next_acquire(server, client, limiters):
    limiter = make(limiters, server.url, 5, LONG, key="batched")
    await (await limiter.acquire()).release(status=200)
    await limiter.acquire()
    assert limiter.round_trips == 2
    assert await client.zcard("jbcrm:{batched}:done") == 1


async def test_one_call_grants_slots_to_the_waiting_tasks_a_quarter_of_the_limit_at_most(
    server, client, limiters
):
    limiter = make(limiters, server.url, 40, LONG, key="many")
    permits = await asyncio.gather(*(limiter.acquire() for _ in range(10)))
    assert limiter.round_trips == 1
    more = await asyncio.gather(*(limiter.acquire() for _ in range(20)))
    assert limiter.round_trips == 3  # ten at a time, so other processes get their share
    permits += more
    assert len({permit.slot for permit in permits}) == 30  # type: ignore[attr-defined]
    assert limiter.stats.requests == 30
    assert limiter.stats.waits == 0


async def test_a_shared_pause_beyond_the_deadline_fails_at_once(server, client, limiters):
    seen, other = (make(limiters, server.url, 5, 1.0, key="deadline") for _ in range(2))
    await (await seen.acquire()).release(status=429, retry_after=LONG)
    await seen.flush()
    # Guarded: waiting out the deadline (half the pause) would fail the test.
    with pytest.raises(LimiterTimeout) as caught:
        await asyncio.wait_for(other.acquire(deadline=time.monotonic() + LONG / 2), 5.0)
    assert caught.value.paused
    assert caught.value.wait is not None
    assert LONG / 2 < caught.value.wait <= LONG
    # The process that saw the 429 knows the pause: it fails without asking Redis.
    trips = seen.round_trips
    with pytest.raises(LimiterTimeout) as again:
        await seen.acquire(deadline=time.monotonic() + 1.0)
    assert again.value.paused
    assert seen.round_trips == trips
    assert other.stats.in_flight == seen.stats.in_flight == 0


async def test_a_waiter_gives_up_at_its_deadline_when_no_slot_frees(server, client, limiters):
    limiter = make(limiters, server.url, 1, LONG, key="full")
    held = await limiter.acquire()
    with pytest.raises(LimiterTimeout) as caught:
        await limiter.acquire(deadline=time.monotonic() + 0.1)
    assert not caught.value.paused
    assert limiter.stats.in_flight == 1
    await held.release(status=200)


async def test_closing_fails_the_tasks_still_waiting(server, client):
    limiter = RedisSlidingWindowLimiter(1, LONG, redis_url=server.url, key="closing")
    held = await limiter.acquire()
    waiting = asyncio.create_task(limiter.acquire())
    await asyncio.sleep(0.05)
    await held.release(status=200)
    await limiter.aclose()
    with pytest.raises(jbcrm.ClientClosedError):
        await waiting
    # The release pending at close was sent.
    assert await client.zcard("jbcrm:{closing}:done") == 1


@pytest.mark.parametrize(
    ("options", "named"),
    [
        ({"requests": 0, "per": 1.0, "redis_url": "redis://127.0.0.1"}, "requests"),
        ({"requests": 1, "per": 1.0}, "pass exactly one of redis_url and redis"),
        ({"requests": 1, "per": 1.0, "redis_url": "redis://127.0.0.1", "lease": 0}, "lease"),
        (
            {"requests": 1, "per": 1.0, "redis_url": "redis://127.0.0.1", "on_redis_error": "x"},
            "on_redis_error",
        ),
        (
            {"requests": 1, "per": 1.0, "redis_url": "redis://127.0.0.1", "lease": float("nan")},
            "lease",
        ),
        ({"requests": "5", "per": 1.0, "redis_url": "redis://127.0.0.1"}, "requests"),
        ({"requests": 1, "per": float("inf"), "redis_url": "redis://127.0.0.1"}, "per"),
    ],
)
def test_bad_configuration_is_refused_naming_the_argument(options, named):
    with pytest.raises(ConfigurationError) as caught:
        RedisSlidingWindowLimiter(**options)
    assert f"{caught.value!s} ".startswith(f"{named} ")


async def test_a_client_built_with_a_redis_url_uses_and_closes_its_own_limiter(
    server: RedisServer,
) -> None:
    spec = jbcrm.RateLimit(5, per=1.0, redis_url=server.url, key="closing-test")
    served: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        served.append(1)
        return httpx.Response(200, json={"id": 1, "name": "Topish AV"})

    first = jbcrm.Jetbuilt(
        JETBUILT_TOKEN,
        rate_limit=spec,
        http_client=httpx.AsyncClient(transport=httpx.MockTransport(handler)),
    )
    second = jbcrm.Jetbuilt(
        JETBUILT_TOKEN,
        rate_limit=spec,
        http_client=httpx.AsyncClient(transport=httpx.MockTransport(handler)),
    )
    limiter = first._transport.limiter
    assert isinstance(limiter, RedisSlidingWindowLimiter)
    # Sharing happens in Redis; each client owns (and closes) its own connection pool.
    assert second._transport.limiter is not limiter
    closed: list[bool] = []
    close = limiter.aclose

    async def spy() -> None:
        closed.append(True)
        await close()

    limiter.aclose = spy  # type: ignore[method-assign]
    await first.company.get()
    await first.aclose()
    assert closed == [True]
    await second.company.get()
    await second.aclose()
    assert served == [1, 1]


async def test_the_lease_of_a_rate_limit_value_reaches_the_redis_limiter(
    server: RedisServer, limiters: list[RedisSlidingWindowLimiter]
) -> None:
    limiter = build_limiter(RateLimit(5, per=1.0, redis_url=server.url, key="lease", lease=2.5))
    assert isinstance(limiter, RedisSlidingWindowLimiter)
    limiters.append(limiter)
    assert limiter._lease == 2.5


async def test_a_refused_probe_without_retry_after_pauses_no_process(server, client, limiters):
    per = 0.3
    first, second = (make(limiters, server.url, 3, per, key="refused") for _ in range(2))
    await (await first.acquire()).release(status=200)
    await (await first.acquire()).release(status=429)
    await first.flush()
    await asyncio.sleep(per * 2.1)
    within = await first.acquire()
    probe = await asyncio.wait_for(first.acquire(), 0.1)
    await probe.release(status=429)
    await first.flush()
    paused_until = int(await client.hget("jbcrm:{refused}:state", "paused_until")) / 1e6
    seconds, micros = await client.time()
    assert paused_until < seconds + micros / 1e6  # no one is held
    assert await blocks(second)  # by the measured budget, which the probe did not change
    assert first.stats.learned_limit == second.limit == 1
    await within.release(status=200)


async def test_a_slot_granted_as_its_task_is_cancelled_goes_back(server, client, limiters):
    limiter = make(limiters, server.url, 1, LONG, key="granted-cancelled")
    attempt = asyncio.create_task(limiter.acquire())
    while not limiter.stats.requests:  # noqa: ASYNC110 - granted; the task has not run since
        await asyncio.sleep(0)
    assert not attempt.done()
    attempt.cancel()
    with pytest.raises(asyncio.CancelledError):
        await attempt
    assert limiter.stats.in_flight == 0
    permit = await asyncio.wait_for(limiter.acquire(), 1.0)  # the slot is free again
    assert limiter.shared
    await permit.release(status=200)
    await limiter.flush()
    assert await client.zcard("jbcrm:{granted-cancelled}:inflight") == 0
    assert await client.zcard("jbcrm:{granted-cancelled}:done") == 1  # only the one sent
