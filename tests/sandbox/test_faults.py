"""FaultMiddleware: each knob, seeded draws, and runtime changes."""

from __future__ import annotations

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from jbcrm.sandbox import Faults, SandboxTransport
from jbcrm.sandbox._faults import FaultMiddleware


async def _echo(request: Request) -> JSONResponse:
    return JSONResponse({"method": request.method, "body": (await request.body()).decode()})


API = Starlette(routes=[Route("/echo", _echo, methods=["GET", "POST"])])


class _RecordedSleep:
    """Stands in for asyncio.sleep so latency can be checked without waiting."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, delay: float) -> None:
        self.delays.append(delay)


def _client(middleware: FaultMiddleware, timeout: float = 5.0) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        transport=SandboxTransport(middleware), base_url="http://test", timeout=timeout
    )


async def _statuses(faults: Faults, count: int) -> list[int]:
    async with _client(FaultMiddleware(API, faults)) as client:
        return [(await client.get("/echo")).status_code for _ in range(count)]


async def test_no_faults_passes_requests_through_untouched() -> None:
    async with _client(FaultMiddleware(API, Faults())) as client:
        response = await client.post("/echo", content=b"hello")
    assert response.status_code == 200
    assert response.json() == {"method": "POST", "body": "hello"}


async def test_latency_is_drawn_between_its_bounds_for_every_request() -> None:
    sleep = _RecordedSleep()
    middleware = FaultMiddleware(API, Faults(latency=(0.02, 0.05), seed=3), sleep=sleep)
    async with _client(middleware) as client:
        for _ in range(20):
            assert (await client.get("/echo")).status_code == 200
    assert len(sleep.delays) == 20
    assert all(0.02 <= delay <= 0.05 for delay in sleep.delays)
    assert len(set(sleep.delays)) > 1


async def test_same_seed_gives_the_same_latencies() -> None:
    runs = []
    for _ in range(2):
        sleep = _RecordedSleep()
        middleware = FaultMiddleware(API, Faults(latency=(0.0, 1.0), seed=42), sleep=sleep)
        async with _client(middleware) as client:
            for _ in range(10):
                await client.get("/echo")
        runs.append(sleep.delays)
    assert runs[0] == runs[1]


async def test_error_rate_one_answers_only_configured_5xx_with_json() -> None:
    faults = Faults(error_rate=1.0, error_statuses=(502, 503), seed=1)
    async with _client(FaultMiddleware(API, faults)) as client:
        responses = [await client.get("/echo") for _ in range(20)]
    assert {r.status_code for r in responses} == {502, 503}
    assert all(r.headers["content-type"] == "application/json" for r in responses)
    assert responses[0].json()["status"] == responses[0].status_code


async def test_html_errors_answer_an_html_page() -> None:
    faults = Faults(error_rate=1.0, error_statuses=(500,), html_errors=True)
    async with _client(FaultMiddleware(API, faults)) as client:
        response = await client.get("/echo")
    assert response.status_code == 500
    assert response.headers["content-type"].startswith("text/html")
    assert "<title>500 Internal Server Error</title>" in response.text


async def test_error_rate_is_deterministic_for_a_seed() -> None:
    first = await _statuses(Faults(error_rate=0.5, seed=7), 40)
    second = await _statuses(Faults(error_rate=0.5, seed=7), 40)
    assert first == second
    assert 200 in first
    assert {500, 502, 503} & set(first)


async def test_changing_faults_at_runtime_changes_behaviour() -> None:
    faults = Faults()
    async with _client(FaultMiddleware(API, faults)) as client:
        assert (await client.get("/echo")).status_code == 200
        faults.error_rate = 1.0
        faults.error_statuses = (503,)
        assert (await client.get("/echo")).status_code == 503
        faults.error_rate = 0.0
        assert (await client.get("/echo")).status_code == 200


async def test_replacing_the_faults_object_reseeds_the_draws() -> None:
    middleware = FaultMiddleware(API, Faults(error_rate=0.5, seed=11))
    async with _client(middleware) as client:
        first = [(await client.get("/echo")).status_code for _ in range(30)]
        middleware.faults = Faults(error_rate=0.5, seed=11)
        second = [(await client.get("/echo")).status_code for _ in range(30)]
    assert first == second


async def test_reset_rate_one_fails_every_request_with_a_transport_error() -> None:
    async with _client(FaultMiddleware(API, Faults(reset_rate=1.0))) as client:
        with pytest.raises(httpx.ReadError):
            await client.get("/echo")


async def test_truncate_rate_one_cuts_every_body_short() -> None:
    async with _client(FaultMiddleware(API, Faults(truncate_rate=1.0))) as client:
        with pytest.raises(httpx.RemoteProtocolError):
            await client.get("/echo")


async def test_stall_longer_than_the_read_timeout_times_out() -> None:
    faults = Faults(stall_rate=1.0, stall_seconds=30.0)
    async with _client(FaultMiddleware(API, faults), timeout=0.05) as client:
        with pytest.raises(httpx.ReadTimeout):
            await client.get("/echo")


async def test_stalled_request_is_answered_afterwards_with_its_body_intact() -> None:
    faults = Faults(stall_rate=1.0, stall_seconds=0.01)
    async with _client(FaultMiddleware(API, faults)) as client:
        response = await client.post("/echo", content=b"kept")
    assert response.json() == {"method": "POST", "body": "kept"}
