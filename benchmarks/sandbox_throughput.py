"""Requests per second each sandbox (Jetbuilt, Jetpack CRM) serves on 127.0.0.1, no latency.

The server runs in its own process (one uvicorn worker) so the client does not share its
interpreter. Two clients each keep `--concurrency` requests in flight for `--seconds`,
cycling through a small object and two list pages: a minimal
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
import sys
import time
from multiprocessing.connection import Connection
from urllib.parse import urlencode

import httpx

from benchmarks._report import machine, write_section
from jbcrm.sandbox import JetbuiltSandbox, JetpackSandbox


def _serve(api: str, conn: Connection) -> None:
    sandbox = JetpackSandbox() if api == "jetpack" else JetbuiltSandbox(rate_limit=None)
    with sandbox.serve_in_thread() as url:
        if isinstance(sandbox, JetpackSandbox):
            auth = {
                "query": urlencode({"api_key": sandbox.api_key, "api_secret": sandbox.api_secret})
            }
        else:
            auth = {"header": f"Authorization: Token token={sandbox.api_key}"}
        conn.send((url, auth))
        conn.recv()


# Each API's mix: a small object, a page of a list, another list.
_CALLS = {
    "jetpack": [
        ("GET", "/zbs_api/status/", None),
        ("POST", "/zbs_api/customers/", {"page": 3, "perpage": 10}),
        ("GET", "/zbs_api/transactions/", None),
    ],
    "jetbuilt": [
        ("GET", "/company", None),
        ("GET", "/clients?page=2", None),
        ("GET", "/projects?page=3", None),
    ],
}


def _raw_requests(api: str, url: str, auth: dict[str, str]) -> tuple[str, int, list[bytes]]:
    host, port = url.removeprefix("http://").split("/")[0].split(":")
    prefix = "/" + url.removeprefix("http://").partition("/")[2] if "/" in url[7:] else ""
    header = f"{auth['header']}\r\n" if "header" in auth else ""
    requests = []
    for method, path, body in _CALLS[api]:
        target = prefix.rstrip("/") + path
        if "query" in auth:
            target += ("&" if "?" in target else "?") + auth["query"]
        payload = json.dumps(body).encode() if body else b""
        head = (
            f"{method} {target} HTTP/1.1\r\nHost: {host}\r\n{header}"
            f"Content-Type: application/json\r\nContent-Length: {len(payload)}\r\n\r\n"
        )
        requests.append(head.encode() + payload)
    return host, int(port), requests


async def _raw_load(
    api: str, url: str, auth: dict[str, str], seconds: float, concurrency: int
) -> int:
    host, port, requests = _raw_requests(api, url, auth)
    done = 0
    deadline = time.perf_counter() + seconds

    async def worker(offset: int) -> None:
        nonlocal done
        reader, writer = await asyncio.open_connection(host, port)
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


async def _httpx_load(
    api: str, url: str, auth: dict[str, str], seconds: float, concurrency: int
) -> int:
    done = 0
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    headers = dict([auth["header"].split(": ", 1)]) if "header" in auth else {}
    params = httpx.QueryParams(auth.get("query", ""))
    async with httpx.AsyncClient(
        base_url=url, params=params, headers=headers, limits=limits
    ) as client:

        async def worker(offset: int) -> None:
            nonlocal done
            i = offset
            while time.perf_counter() < deadline:
                method, path, body = _CALLS[api][i % len(_CALLS[api])]
                response = await client.request(method, path.lstrip("/"), json=body)
                response.raise_for_status()
                done += 1
                i += 1

        await asyncio.gather(*(worker(n) for n in range(concurrency)))
    return done


def main(argv: list[str] | None = None) -> str:
    """Run the benchmark; return its markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args([] if argv is None else argv)
    rows = []
    for api, label in (("jetbuilt", "Jetbuilt"), ("jetpack", "Jetpack CRM")):
        raw, with_httpx = _measure(api, args.seconds, args.concurrency)
        rows.append(
            f"| {label} sandbox, 127.0.0.1, no latency | {args.concurrency} | "
            f"**{raw:,.0f}** | {with_httpx:,.0f} |"
        )
    return "\n".join(
        [
            f"{machine()}; each server in its own process, {args.seconds:g} s per client.",
            "",
            "| server | in flight | requests/s (minimal keep-alive client) | "
            "requests/s (one httpx.AsyncClient) |",
            "|---|---|---|---|",
            *rows,
            "",
            "With one httpx client the client, not the server, is the bottleneck.",
        ]
    )


def _measure(api: str, seconds: float, concurrency: int) -> tuple[float, float]:
    parent, child = multiprocessing.Pipe()
    server = multiprocessing.Process(target=_serve, args=(api, child), daemon=True)
    server.start()
    try:
        url, auth = parent.recv()
        rates = []
        for load in (_raw_load, _httpx_load):
            started = time.perf_counter()
            count = asyncio.run(load(api, url, auth, seconds, concurrency))
            rates.append(count / (time.perf_counter() - started))
    finally:
        parent.send("stop")
        server.join(timeout=10)
    return rates[0], rates[1]


if __name__ == "__main__":
    result = main(sys.argv[1:])
    print(result)
    write_section("Sandbox throughput", result)
