"""Requests per second the Jetpack CRM sandbox serves on 127.0.0.1 with no injected latency.

The server runs in its own process (one uvicorn worker) so the client does not share its
interpreter. Two clients each keep `--concurrency` requests in flight for `--seconds`,
cycling through status, a page of customers and a page of transactions: a minimal
keep-alive HTTP/1.1 client, which shows what the server can do, and one httpx.AsyncClient,
which shows what a Python client typically gets. Prints one markdown line.

    python benchmarks/sandbox_throughput.py [--seconds 5] [--concurrency 16]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import re
import time
from multiprocessing.connection import Connection
from urllib.parse import urlencode

import httpx

from jbcrm.sandbox import JetpackSandbox


def _serve(conn: Connection) -> None:
    sandbox = JetpackSandbox()
    with sandbox.serve_in_thread() as url:
        conn.send((url, sandbox.api_key, sandbox.api_secret))
        conn.recv()


_CALLS = [
    ("GET", "/zbs_api/status/", None),
    ("POST", "/zbs_api/customers/", {"page": 3, "perpage": 10}),
    ("GET", "/zbs_api/transactions/", None),
]


async def _raw_load(url: str, auth: dict[str, str], seconds: float, concurrency: int) -> int:
    host, port = url.removeprefix("http://").split(":")
    query = urlencode(auth)
    requests = []
    for method, path, body in _CALLS:
        payload = json.dumps(body).encode() if body else b""
        head = (
            f"{method} {path}?{query} HTTP/1.1\r\nHost: {host}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(payload)}\r\n\r\n"
        )
        requests.append(head.encode() + payload)
    done = 0
    deadline = time.perf_counter() + seconds

    async def worker(offset: int) -> None:
        nonlocal done
        reader, writer = await asyncio.open_connection(host, int(port))
        i = offset
        while time.perf_counter() < deadline:
            writer.write(requests[i % len(requests)])
            head = await reader.readuntil(b"\r\n\r\n")
            assert head.startswith(b"HTTP/1.1 200"), head
            length = re.search(rb"(?i)content-length: *(\d+)", head)
            await reader.readexactly(int(length.group(1)) if length else 0)
            done += 1
            i += 1
        writer.close()
        await writer.wait_closed()

    await asyncio.gather(*(worker(n) for n in range(concurrency)))
    return done


async def _httpx_load(url: str, auth: dict[str, str], seconds: float, concurrency: int) -> int:
    done = 0
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=url, params=auth, limits=limits) as client:

        async def worker(offset: int) -> None:
            nonlocal done
            i = offset
            while time.perf_counter() < deadline:
                method, path, body = _CALLS[i % len(_CALLS)]
                response = await client.request(method, path, json=body)
                response.raise_for_status()
                done += 1
                i += 1

        await asyncio.gather(*(worker(n) for n in range(concurrency)))
    return done


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args()
    parent, child = multiprocessing.Pipe()
    server = multiprocessing.Process(target=_serve, args=(child,), daemon=True)
    server.start()
    try:
        url, key, secret = parent.recv()
        auth = {"api_key": key, "api_secret": secret}
        rates = []
        for load in (_raw_load, _httpx_load):
            started = time.perf_counter()
            count = asyncio.run(load(url, auth, args.seconds, args.concurrency))
            rates.append(count / (time.perf_counter() - started))
    finally:
        parent.send("stop")
        server.join(timeout=10)
    print(
        f"| Jetpack sandbox, 127.0.0.1, no latency, {args.concurrency} in flight "
        f"| server: **{rates[0]:,.0f} req/s** (minimal keep-alive client) "
        f"| one httpx.AsyncClient: {rates[1]:,.0f} req/s |"
    )


if __name__ == "__main__":
    main()
