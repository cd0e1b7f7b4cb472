"""Hostile servers on loopback: every call ends by its deadline with an error naming the phase
that ran out, and no body is read past max_response_size (decoded), whatever the server does."""

from __future__ import annotations

import asyncio
import tracemalloc
from collections.abc import AsyncIterator

import httpx
import pytest

import jbcrm
from jbcrm._core.pagination import PaginationLoopError
from jbcrm.jetpackcrm import JetpackCRM
from tests._core import hostile
from tests.conftest import JETBUILT_TOKEN

#: Hang detector only: every call below must end by its own (much shorter) deadline.
GUARD = 20.0
MiB = 2**20


@pytest.fixture
async def clients() -> AsyncIterator[list[jbcrm.Jetbuilt]]:
    made: list[jbcrm.Jetbuilt] = []
    yield made
    for client in made:
        await client.aclose()


def jetbuilt(url: str, made: list[jbcrm.Jetbuilt], **options: object) -> jbcrm.Jetbuilt:
    options.setdefault("rate_limit", None)
    client = jbcrm.Jetbuilt(JETBUILT_TOKEN, base_url=f"{url}/api", **options)  # type: ignore[arg-type]
    made.append(client)
    return client


@pytest.mark.parametrize(
    ("behaviour", "phase"),
    [
        (hostile.drip_body, "reading the body"),
        (hostile.drip_headers, "waiting for the response"),
        (hostile.silent, "waiting for the response"),
    ],
    ids=["slowloris-body", "slowloris-headers", "silent"],
)
async def test_a_server_that_trickles_or_stalls_fails_at_the_deadline_naming_the_phase(
    clients: list[jbcrm.Jetbuilt], behaviour: hostile.Behaviour, phase: str
) -> None:
    async with hostile.serve(behaviour) as url:
        # Each read returns within httpx's read timeout: only the deadline can stop this.
        client = jetbuilt(url, clients, timeout=10, deadline=0.5, max_retries=0)
        with pytest.raises(jbcrm.APITimeoutError) as caught:
            await asyncio.wait_for(client.company.get(), GUARD)
    error = caught.value
    assert error.phase == phase
    assert f"deadline of 0.5 s ran out while {phase}" in str(error)
    assert error.sent is True
    assert JETBUILT_TOKEN not in str(error)


async def test_the_deadline_covers_every_retry_of_a_stalled_server(
    clients: list[jbcrm.Jetbuilt],
) -> None:
    async with hostile.serve(hostile.silent) as url:
        # Without a total bound, 4 attempts x 30 s reads (plus backoff) would take 2 minutes.
        client = jetbuilt(url, clients, deadline=0.6)
        with pytest.raises(jbcrm.APITimeoutError) as caught:
            await asyncio.wait_for(client.company.get(), GUARD)
    assert caught.value.phase == "waiting for the response"


async def test_a_call_waiting_for_a_pooled_connection_fails_at_its_deadline(
    clients: list[jbcrm.Jetbuilt],
) -> None:
    async with hostile.serve(hostile.drip_body) as url:
        client = jetbuilt(url, clients, concurrency=2, max_retries=0, deadline=5)
        holders = [asyncio.ensure_future(client.company.get()) for _ in range(2)]
        await asyncio.sleep(0.2)
        with pytest.raises(jbcrm.APITimeoutError) as caught:
            await asyncio.wait_for(client.with_options(deadline=0.3).company.get(), GUARD)
        for holder in holders:
            holder.cancel()
        await asyncio.gather(*holders, return_exceptions=True)
    assert caught.value.phase == "waiting for a connection or for the response"


@pytest.mark.parametrize(
    "behaviour",
    [hostile.gzip_bomb(), hostile.endless_chunks, hostile.large_body(200_000_000)],
    ids=["gzip-bomb", "endless-chunked", "200-MB-body"],
)
async def test_a_body_past_max_response_size_stops_early_with_a_typed_error(
    clients: list[jbcrm.Jetbuilt], behaviour: hostile.Behaviour
) -> None:
    async with hostile.serve(behaviour) as url:
        client = jetbuilt(url, clients, max_response_size=4 * MiB, deadline=10)
        tracemalloc.start()
        try:
            with pytest.raises(jbcrm.ResponseTooLargeError) as caught:
                await asyncio.wait_for(client.company.get(), GUARD)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    error = caught.value
    assert isinstance(error, jbcrm.ResponseDecodeError)
    assert error.limit == 4 * MiB
    assert error.status == 200
    assert "max_response_size" in str(error)
    assert len(error.excerpt) <= 200
    # The limit, one raw chunk and its bounded inflation: not the 200 MB the server offered.
    assert peak < 12 * MiB


async def test_the_default_size_limit_is_50_mib_and_none_lifts_it(
    clients: list[jbcrm.Jetbuilt],
) -> None:
    async with hostile.serve(hostile.large_body(50 * MiB + 1)) as url:
        client = jetbuilt(url, clients, deadline=15)
        with pytest.raises(jbcrm.ResponseTooLargeError) as caught:
            await asyncio.wait_for(client.company.get(), GUARD)
        assert caught.value.limit == 50 * MiB
        # Lifted, the same body is read whole (and then is not JSON).
        unlimited = client.with_options(max_response_size=None)
        with pytest.raises(jbcrm.ResponseDecodeError) as whole:
            await asyncio.wait_for(unlimited.company.get(), GUARD)
    assert not isinstance(whole.value, jbcrm.ResponseTooLargeError)


async def test_customers_update_by_id_on_a_server_that_ignores_page_does_not_scan_forever(
    mock_http: object,
) -> None:
    requests = 0

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal requests
        requests += 1
        customers = [{"id": i, "email": f"c{i}@example.com"} for i in range(1, 101)]
        return httpx.Response(200, json=customers)

    http = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    async with http:
        crm = JetpackCRM(
            "https://crm.example.com",
            api_key="jpcrm_pk_0123456789abcdef",
            api_secret="jpcrm_sk_0123456789abcdef",
            rate_limit=None,
            http_client=http,
        )
        with pytest.raises(PaginationLoopError):
            await asyncio.wait_for(crm.customers.update(999_999, fname="Ann"), GUARD)
    assert requests == 2
