"""The picture of the rate limit: requests a strict server accepted in its last window, over
time, for jbcrm and for two naive clients, with the limit line and every 429.

Each client sends the same R GETs to a sandbox with a strict sliding window (N per PER
seconds, no Retry-After, latency added); a recorder in front of the server notes when each
answer started and its status. Drawn: the accepted requests in the trailing window at every
instant (the server's own count), the limit, and the 429s in short bins. Written:
``docs/images/rate-limit-windows.png`` and a table of the same runs.

The naive clients are what people write first: ``httpx`` behind aiolimiter's
``AsyncLimiter(N, PER)`` (a leaky bucket: a full burst, then an even rate), and ``httpx``
with N requests in flight that retries a 429 after one second.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import attrs
import httpx
from aiolimiter import AsyncLimiter
from starlette.types import ASGIApp, Message, Receive, Scope, Send

import jbcrm
from benchmarks._report import machine, write_section
from jbcrm.sandbox import Faults, JetbuiltSandbox, SandboxTransport, ServerRateLimit

N = 50
PER = 2.0
REQUESTS = 300
LATENCY = (0.005, 0.060)
NAIVE_RETRIES = 20
PICTURE = Path(__file__).parents[1] / "docs" / "images" / "rate-limit-windows.png"


@attrs.frozen
class Scenario:
    limit: int = N
    per: float = PER
    requests: int = REQUESTS
    latency: tuple[float, float] = LATENCY


@attrs.define
class Run:
    """What the server answered one client: (seconds since the first answer, status)."""

    label: str
    answers: list[tuple[float, int]]
    elapsed: float
    server_accepted: int
    server_max_in_window: int

    @property
    def accepted(self) -> list[float]:
        return [at for at, status in self.answers if status != 429]

    @property
    def rejected(self) -> list[float]:
        return [at for at, status in self.answers if status == 429]

    def in_window(self, at: float, per: float) -> int:
        """Accepted answers in the half-open window (at - per, at]."""
        return sum(1 for t in self.accepted if at - per < t <= at)


class Recorder:
    """ASGI middleware noting when each response starts and with which status."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.answers: list[tuple[float, int]] = []

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def noting_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                self.answers.append((time.monotonic(), message["status"]))
            await send(message)

        await self.app(scope, receive, noting_send)


Client = Callable[[JetbuiltSandbox, httpx.AsyncBaseTransport, list[int], Scenario], Awaitable[None]]


async def _jbcrm(
    sandbox: JetbuiltSandbox, transport: httpx.AsyncBaseTransport, ids: list[int], s: Scenario
) -> None:
    async with (
        httpx.AsyncClient(transport=transport) as http,
        jbcrm.Jetbuilt(
            sandbox.api_key,
            base_url=sandbox.base_url,
            rate_limit=jbcrm.RateLimit(s.limit, per=s.per),
            http_client=http,
            concurrency=s.limit,
        ) as jb,
    ):
        await jbcrm.fetch_each(jb.clients.get, ids, concurrency=s.limit)


def _http(sandbox: JetbuiltSandbox, transport: httpx.AsyncBaseTransport) -> httpx.AsyncClient:
    headers = {"Authorization": f"Token token={sandbox.api_key}"}
    return httpx.AsyncClient(transport=transport, base_url=sandbox.base_url + "/", headers=headers)


async def _leaky_bucket(
    sandbox: JetbuiltSandbox, transport: httpx.AsyncBaseTransport, ids: list[int], s: Scenario
) -> None:
    limiter = AsyncLimiter(s.limit, s.per)
    async with _http(sandbox, transport) as http:

        async def one(client_id: int) -> None:
            async with limiter:
                await http.get(f"clients/{client_id}")

        await asyncio.gather(*(one(i) for i in ids))


async def _retry_after_a_second(
    sandbox: JetbuiltSandbox, transport: httpx.AsyncBaseTransport, ids: list[int], s: Scenario
) -> None:
    in_flight = asyncio.Semaphore(s.limit)
    async with _http(sandbox, transport) as http:

        async def one(client_id: int) -> None:
            for _ in range(NAIVE_RETRIES):
                async with in_flight:
                    response = await http.get(f"clients/{client_id}")
                if response.status_code != 429:
                    return
                await asyncio.sleep(1.0 * s.per / PER)

        await asyncio.gather(*(one(i) for i in ids))


def clients(s: Scenario) -> list[tuple[str, Client]]:
    return [
        ("jbcrm (sliding-window limiter)", _jbcrm),
        (f"httpx + AsyncLimiter({s.limit}, {s.per:g}) (leaky bucket)", _leaky_bucket),
        (f"httpx, {s.limit} in flight, retry a 429 after {s.per / PER:g} s", _retry_after_a_second),
    ]


def run(label: str, client: Client, s: Scenario) -> Run:
    sandbox = JetbuiltSandbox(
        scale=0.3,
        rate_limit=ServerRateLimit(
            requests=s.limit, per=s.per, algorithm="sliding", retry_after=False
        ),
        faults=Faults(latency=s.latency, seed=7),
    )
    recorder = Recorder(sandbox.app)
    known = sorted(sandbox.store.clients)
    ids = [known[i % len(known)] for i in range(s.requests)]
    start = time.monotonic()
    asyncio.run(client(sandbox, SandboxTransport(recorder), ids, s))
    elapsed = time.monotonic() - start
    answers = [(at - start, status) for at, status in recorder.answers]
    stats = sandbox.stats
    return Run(label, answers, elapsed, stats.accepted, stats.max_in_window)


def draw(runs: list[Run], s: Scenario, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    end = max(r.elapsed for r in runs)
    step = s.per / 40
    grid = [i * step for i in range(int(end / step) + 2)]
    figure, axes = plt.subplots(len(runs), 1, figsize=(9, 2.4 * len(runs)), sharex=True)
    for ax, r in zip(axes, runs, strict=True):
        ax.step(grid, [r.in_window(t, s.per) for t in grid], where="post", color="#3949ab",
                label=f"accepted in the last {s.per:g} s")  # fmt: skip
        ax.axhline(s.limit, color="#c62828", linestyle="--", linewidth=1,
                   label=f"server limit: {s.limit} per {s.per:g} s")  # fmt: skip
        if r.rejected:
            bins = [i * step * 4 for i in range(int(end / (step * 4)) + 2)]
            ax.hist(r.rejected, bins=bins, color="#e53935", alpha=0.6,
                    label=f"429s ({len(r.rejected)}), per {step * 4:g} s")  # fmt: skip
        ax.set_title(f"{r.label}: {len(r.accepted)} accepted, {len(r.rejected)} x 429",
                     fontsize=10, loc="left")  # fmt: skip
        ax.set_ylim(0, s.limit * 1.6)
        ax.set_ylabel("requests")
        ax.legend(loc="upper right", fontsize=8, framealpha=0.9)
    axes[-1].set_xlabel("seconds since the first request")
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=100)
    plt.close(figure)


def main(s: Scenario | None = None, picture: Path = PICTURE) -> str:
    s = s or Scenario()
    runs = [run(label, client, s) for label, client in clients(s)]
    draw(runs, s, picture)
    rows = [
        f"| {r.label} | {r.elapsed:.2f} s | {len(r.accepted)} | {len(r.rejected)} | "
        f"{r.server_max_in_window} / {s.limit} |"
        for r in runs
    ]
    return "\n".join(
        [
            f"{machine()}; {s.requests} GETs per client, server limit {s.limit} per {s.per:g} s "
            f"(sliding, strict, no Retry-After), latency {s.latency[0] * 1000:.0f}-"
            f"{s.latency[1] * 1000:.0f} ms, one run each. The picture is "
            "`docs/images/rate-limit-windows.png`.",
            "",
            "| client | elapsed | accepted | 429s | max accepted in any window |",
            "|---|---|---|---|---|",
            *rows,
        ]
    )


if __name__ == "__main__":
    result = main()
    print(result)
    write_section("Accepted per window (the picture)", result)
