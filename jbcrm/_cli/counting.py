"""Counting every HTTP attempt a client makes, to tell retries and 429s from plain requests."""

from __future__ import annotations

from collections import Counter

import httpx

from jbcrm._core import constants


class RequestCounter:
    """httpx event hooks counting attempts, 429 answers and repeated requests (retries).

    A retry is the same method, URL and body sent again; pages and distinct ids never repeat.
    """

    def __init__(self) -> None:
        self.attempts = 0
        self.rate_limited = 0
        self.server_errors = 0
        self._seen: Counter[tuple[str, str, bytes]] = Counter()

    @property
    def retries(self) -> int:
        """Attempts beyond the first of each distinct request."""
        return sum(count - 1 for count in self._seen.values())

    async def on_request(self, request: httpx.Request) -> None:
        self.attempts += 1
        try:
            body = request.content
        except httpx.RequestNotRead:
            body = b""
        self._seen[(request.method, str(request.url), body)] += 1

    async def on_response(self, response: httpx.Response) -> None:
        if response.status_code == 429:
            self.rate_limited += 1
        elif response.status_code >= 500:
            self.server_errors += 1

    def http_client(self, *, concurrency: int = constants.DEFAULT_CONCURRENCY) -> httpx.AsyncClient:
        """A connection pool reporting to this counter, sized like the SDK's own."""
        return httpx.AsyncClient(
            limits=httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency),
            follow_redirects=False,
            event_hooks={"request": [self.on_request], "response": [self.on_response]},
        )
