"""An in-memory Jetbuilt listing for the benchmarks: ``GET /projects`` pages of 25 documented
projects (ids made unique), with the ``Link`` headers the real server sends."""

from __future__ import annotations

import json

import httpx

import jbcrm
from tests.jetbuilt.fixtures import load

BASE = "https://x.test/api"
PER_PAGE = 25


def page_bodies(pages: int) -> list[bytes]:
    """The JSON body of each page."""
    listed = load("projects_list")[0]
    return [
        json.dumps(
            [dict(listed, id=listed["id"] + n * PER_PAGE + i) for i in range(PER_PAGE)]
        ).encode()
        for n in range(pages)
    ]


def listing(pages: int) -> httpx.MockTransport:
    """A transport answering ``GET /projects?page=N`` for ``N`` in 1..pages."""
    bodies = page_bodies(pages)

    def handler(request: httpx.Request) -> httpx.Response:
        number = int(request.url.params.get("page", "1"))
        links = []
        if number < pages:
            links.append(f'<{BASE}/projects?page={number + 1}>; rel="next"')
            links.append(f'<{BASE}/projects?page={pages}>; rel="last"')
        return httpx.Response(
            200,
            # A fresh copy per answer, as a real transport reads one: what a kept model holds
            # of its body is then counted.
            content=bytes(bytearray(bodies[number - 1])),
            headers={"Content-Type": "application/json", "Link": ", ".join(links)},
        )

    return httpx.MockTransport(handler)


def client(pages: int, *, concurrency: int = 10) -> jbcrm.Jetbuilt:
    """A Jetbuilt client of :func:`listing`, without a rate limit (nothing waits)."""
    return jbcrm.Jetbuilt(
        "bench-key",
        base_url=BASE,
        rate_limit=None,
        concurrency=concurrency,
        http_client=httpx.AsyncClient(transport=listing(pages)),
    )
