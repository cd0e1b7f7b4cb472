"""``jbcrm demo``: the mirror against loopback sandboxes, from empty to up to date.

Both simulated servers run on 127.0.0.1 with realistic latency; Jetbuilt's limit is scaled in
time so that the run stays short. The job mirrors the Jetbuilt account into a SQLite file,
lets the sandbox's users change a few records, and mirrors again: the second run needs only
the requests the incremental rules call for. Then the same for a Jetpack CRM site. Every
count is checked against the sandboxes, so anything unexpected (a 429 that reached the
server, a missing row, a bad record, an exception) makes the run fail.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from collections.abc import Callable
from contextlib import AsyncExitStack
from pathlib import Path

import attrs
import httpx
import sqlalchemy as sa
from rich.console import Console
from sqlalchemy.ext.asyncio import AsyncConnection

import jbcrm
from jbcrm import JetpackCRM
from jbcrm._cli.counting import RequestCounter
from jbcrm._cli.demo_view import print_result
from jbcrm._cli.sync_view import LiveProgress, Pace, print_summary
from jbcrm._mirror._database import Database
from jbcrm._mirror._jetbuilt_tables import CLIENTS, LINE_ITEMS, PROJECTS
from jbcrm._mirror._jetpack_tables import CUSTOMERS
from jbcrm._mirror._run import MirrorSummary
from jbcrm._mirror._schema import RecordTable
from jbcrm.sandbox import Faults, JetbuiltSandbox, JetpackSandbox, ServerRateLimit

#: The real Jetbuilt limit, which the demo scales in time.
REAL_LIMIT, REAL_WINDOW = 50, 10.0
JETBUILT_KEY = "demo-token"
DEMO_EMAIL = "demo.sync@example.com"
#: A client for one run, on the connection pool given.
Connect = Callable[[httpx.AsyncClient], "jbcrm.Jetbuilt | JetpackCRM"]
#: What the sandbox's users change between the two Jetbuilt runs.
EDITS = {"projects": 5, "clients": 3, "products": 4}


@attrs.frozen(kw_only=True)
class DemoSettings:
    """What the demo runs against: data size, Jetbuilt's (scaled) limit, latency."""

    scale: float = 0.25
    limit: int = REAL_LIMIT
    window: float = 1.0
    latency: tuple[float, float] = (0.005, 0.02)
    concurrency: int = 10
    seed: int = 1
    #: Where the mirror is written; a temporary file (removed after) when None.
    database: str | None = None

    def describe_limit(self) -> str:
        """The scaling, said plainly."""
        real = f"Jetbuilt allows {REAL_LIMIT} requests per {REAL_WINDOW:g} s per IP address"
        if self.limit == REAL_LIMIT and self.window < REAL_WINDOW:
            factor = REAL_WINDOW / self.window
            return (
                f"{real}; this demo scales time by 1/{factor:g}: "
                f"{self.limit} per {self.window:g} s."
            )
        return f"{real}; this demo uses {self.limit} per {self.window:g} s."

    @property
    def pace(self) -> Pace:
        return Pace(self.limit, self.window)


@attrs.define
class StepResult:
    """One run of the mirror: what it did, and the requests the server saw."""

    name: str
    summary: MirrorSummary
    requests: int


@attrs.define
class DemoResult:
    """Everything the closing lines show, and the problems that make the run fail."""

    settings: DemoSettings
    steps: list[StepResult] = attrs.Factory(list)
    problems: list[str] = attrs.Factory(list)
    edited: str = ""
    rate_limited: int = 0
    retries: int = 0
    busiest_window: int = 0
    elapsed: float = 0.0

    @property
    def exit_code(self) -> int:
        return 1 if self.problems else 0


async def run_demo(settings: DemoSettings, console: Console) -> DemoResult:
    """Start both sandboxes on loopback, run the job, check every count, print the verdict."""
    result = DemoResult(settings)
    with tempfile.TemporaryDirectory(prefix="jbcrm-demo-") as folder:
        database = settings.database or f"sqlite:///{Path(folder) / 'mirror.db'}"
        started = time.perf_counter()
        try:
            await _Job(settings, console, result, database).run()
        except Exception as exc:
            result.problems.append(f"unexpected {type(exc).__name__}: {exc}")
        result.elapsed = time.perf_counter() - started
    print_result(console, result)
    return result


@attrs.define
class _Job:
    settings: DemoSettings
    console: Console
    result: DemoResult
    database: str
    counters: list[RequestCounter] = attrs.Factory(list)

    async def run(self) -> None:
        settings, console = self.settings, self.console
        jetbuilt = JetbuiltSandbox(
            seed=settings.seed,
            scale=settings.scale,
            api_key=JETBUILT_KEY,
            rate_limit=ServerRateLimit(requests=settings.limit, per=settings.window),
            faults=Faults(latency=settings.latency, seed=settings.seed),
        )
        jetpack = JetpackSandbox(
            seed=settings.seed,
            scale=settings.scale,
            faults=Faults(latency=settings.latency, seed=settings.seed),
        )
        low, high = (round(s * 1000) for s in settings.latency)
        console.print(settings.describe_limit())
        async with AsyncExitStack() as stack:
            jb_url = await stack.enter_async_context(jetbuilt.serve())
            site_url = await stack.enter_async_context(jetpack.serve())
            console.print(f"Jetbuilt sandbox at {jb_url}, Jetpack CRM sandbox at {site_url}")
            console.print(f"Each response takes {low}-{high} ms; no 429 is expected.")
            console.print(f"Mirroring into {self.database}\n")

            def jb(http: httpx.AsyncClient) -> jbcrm.Jetbuilt:
                return jbcrm.Jetbuilt(
                    api_key=JETBUILT_KEY,
                    base_url=jb_url,
                    rate_limit=jbcrm.RateLimit(settings.limit, per=settings.window),
                    http_client=http,
                    concurrency=settings.concurrency,
                )

            def crm(http: httpx.AsyncClient) -> JetpackCRM:
                return JetpackCRM(
                    site_url, api_key=jetpack.api_key, api_secret=jetpack.api_secret,
                    http_client=http,
                )  # fmt: skip

            await self.jetbuilt(jb, jetbuilt)
            await self.jetpack(crm, jetpack)
        self.check_traffic(jetbuilt, jetpack)

    async def jetbuilt(self, jb: Connect, sandbox: JetbuiltSandbox) -> None:
        full = await self.step("Jetbuilt: first run (everything)", jb, self.settings.pace)
        await self.expect_rows(PROJECTS, len(sandbox.store.listed_projects()))
        await self.expect_rows(CLIENTS, len(sandbox.store.clients))
        items = sum(len(sandbox.store.detail(p["id"]).line_items)
                    for p in sandbox.store.listed_projects())  # fmt: skip
        await self.expect_rows(LINE_ITEMS, items)
        edits = sandbox.edit(**EDITS, seed=self.settings.seed)
        self.result.edited = (
            f"In the sandbox, its users renamed {len(edits.projects)} projects and changed a "
            f"line item in each, moved {len(edits.clients)} clients and repriced "
            f"{len(edits.products)} products."
        )
        self.console.print(self.result.edited + "\n")
        again = await self.step("Jetbuilt: second run (what changed)", jb, self.settings.pace)
        # A client's JSON holds its subclients: editing one changes its parent's row too.
        clients = set(edits.clients) | {
            parent
            for client in edits.clients
            if (parent := sandbox.store.clients[client]["parent_id"]) is not None
        }
        changed = {
            "jetbuilt_projects": len(edits.projects),
            "jetbuilt_line_items": len(edits.projects),
            "jetbuilt_clients": len(clients),
            "jetbuilt_products": len(edits.products),
        }
        for table, expected in changed.items():
            found = again.summary.tables[table].updated
            if found != expected:
                self.problem(f"the second run updated {found} rows of {table}, not {expected}")
        if again.requests >= full.requests:
            self.problem("the second run sent as many requests as the first")

    async def jetpack(self, crm: Connect, sandbox: JetpackSandbox) -> None:
        await self.step("Jetpack CRM: first run", crm, None)
        await self.expect_rows(CUSTOMERS, len(sandbox.store.contacts))
        async with httpx.AsyncClient() as http, crm(http) as client:
            assert isinstance(client, JetpackCRM)
            await client.customers.upsert(email=DEMO_EMAIL, fname="Demo", lname="Sync")
        again = await self.step("Jetpack CRM: second run (after one upsert)", crm, None)
        if again.summary.tables["jetpack_customers"].inserted != 1:
            self.problem("the Jetpack CRM rescan did not find the customer upserted")

    async def step(self, name: str, connect: Connect, pace: Pace | None) -> StepResult:
        """One run of the mirror with its own connection pool, counted on its own."""
        counter = RequestCounter()
        self.counters.append(counter)
        self.console.rule(name)

        def numbers() -> tuple[int, int]:
            return counter.attempts, counter.rate_limited

        async with (
            counter.http_client(concurrency=self.settings.concurrency) as http,
            connect(http) as client,
        ):
            with LiveProgress(self.console, pace, numbers) as progress:
                summary = await jbcrm.mirror(client, self.database, progress=progress)
        print_summary(self.console, summary, pace, title=name)
        self.console.print()
        if not summary.ok:
            self.problem(f"{name}: {summary.errors} bad records, failures {summary.failures}")
        step = StepResult(name, summary, counter.attempts)
        self.result.steps.append(step)
        return step

    async def expect_rows(self, table: RecordTable, expected: int) -> None:
        live = table.table.c.deleted_at.is_(None)
        query = sa.select(sa.func.count()).select_from(table.table).where(live)

        async def read(connection: AsyncConnection) -> int:
            return int((await connection.execute(query)).scalar_one())

        database = await Database.open(self.database)
        try:
            found = await database.read(read)
        finally:
            await database.close()
        if found != expected:
            self.problem(f"{table.name} holds {found} rows; the sandbox has {expected}")

    def check_traffic(self, jetbuilt: JetbuiltSandbox, jetpack: JetpackSandbox) -> None:
        server = jetbuilt.stats
        self.result.rate_limited = max(
            sum(c.rate_limited for c in self.counters),
            server.rate_limited + jetpack.stats.rate_limited,
        )
        self.result.retries = sum(c.retries for c in self.counters)
        self.result.busiest_window = server.max_in_window
        if self.result.rate_limited:
            self.problem(f"{self.result.rate_limited} request(s) were answered 429")
        if server.max_in_window > self.settings.limit:
            self.problem(
                f"the server saw {server.max_in_window} requests in one window "
                f"(limit {self.settings.limit})"
            )
        errors = sum(c.server_errors for c in self.counters)
        if errors:
            self.problem(f"{errors} response(s) were 5xx errors")

    def problem(self, text: str) -> None:
        self.result.problems.append(text)


def demo(args: argparse.Namespace) -> int:
    """``jbcrm demo``: run the job; 0 when every check passed."""
    settings = DemoSettings(
        scale=args.scale,
        limit=args.limit,
        window=args.window,
        latency=tuple(args.latency),
        seed=args.seed,
        database=args.db,
    )
    result = asyncio.run(run_demo(settings, Console()))
    return result.exit_code
