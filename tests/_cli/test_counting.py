"""The demo's request counter: attempts, retries (a request sent again) and 429s."""

from __future__ import annotations

import httpx

from jbcrm._cli.counting import RequestCounter


async def test_counts_a_repeated_request_as_a_retry_and_its_429() -> None:
    counter = RequestCounter()
    answers = iter([429, 200, 503, 200])

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(next(answers))

    hooks = {"request": [counter.on_request], "response": [counter.on_response]}
    async with httpx.AsyncClient(
        transport=httpx.MockTransport(handler), event_hooks=hooks
    ) as client:
        await client.get("http://api.test/projects/1")
        await client.get("http://api.test/projects/1")
        await client.post("http://api.test/customers", json={"page": 1})
        await client.post("http://api.test/customers", json={"page": 2})
    assert counter.attempts == 4
    assert counter.retries == 1
    assert counter.rate_limited == 1
    assert counter.server_errors == 1


async def test_counts_a_streamed_upload_without_reading_it() -> None:
    counter = RequestCounter()
    request = httpx.Request("POST", "http://api.test/files", files={"file": b"data"})
    await counter.on_request(request)
    await counter.on_request(request)
    assert counter.attempts == 2
    assert counter.retries == 1
