"""``jbcrm demo``: a real bulk job through the public API against loopback sandboxes.

Both simulated servers run on 127.0.0.1 with realistic latency; Jetbuilt's limit is scaled in
time so that the run stays short. The job lists every project (Link pagination, prefetched),
fetches details for a few hundred concurrently, pages through every Jetpack CRM customer and
upserts one. Every count is checked against the sandboxes, so anything unexpected (a 429 that
reached the server, a missing record, an exception) makes the run fail.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import time
from collections.abc import Awaitable, Callable
from contextlib import AsyncExitStack
from typing import TypeVar

import attrs
from rich.console import Console
from rich.progress import TaskID

import jbcrm
from jbcrm import JetpackCRM
from jbcrm._cli.counting import RequestCounter
from jbcrm._cli.demo_view import DemoView, LiveNumbers, print_summary
from jbcrm.jetbuilt.models import ProjectDetail
from jbcrm.sandbox import Faults, JetbuiltSandbox, JetpackSandbox, ServerRateLimit

#: The real Jetbuilt limit, which the demo scales in time.
REAL_LIMIT, REAL_WINDOW = 50, 10.0
JETBUILT_KEY = "demo-token"
DEMO_EMAIL = "demo.export@example.com"

T = TypeVar("T")


@attrs.frozen(kw_only=True)
class DemoSettings:
    """What the demo runs against: data size, Jetbuilt's (scaled) limit, latency, workload."""

    scale: float = 1.0
    details: int = 300
    limit: int = REAL_LIMIT
    window: float = 2.0
    latency: tuple[float, float] = (0.01, 0.06)
    concurrency: int = 10
    seed: int = 1

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


@attrs.define
class StepResult:
    """One step of the job: what it did, and the requests and time it took."""

    name: str
    outcome: str
    requests: int
    elapsed: float


@attrs.define
class DemoResult:
    """Everything the summary shows, and the problems that make the run fail."""

    settings: DemoSettings
    steps: list[StepResult] = attrs.Factory(list)
    problems: list[str] = attrs.Factory(list)
    elapsed: float = 0.0
    jetbuilt_requests: int = 0
    jetbuilt_elapsed: float = 0.0
    jetpack_requests: int = 0
    rate_limited: int = 0
    retries: int = 0
    limiter_waits: int = 0
    limiter_wait_time: float = 0.0
    busiest_window: int = 0

    @property
    def exit_code(self) -> int:
        return 1 if self.problems else 0

    @property
    def bound_seconds(self) -> float:
        """The least time the limit allows for the Jetbuilt requests: the first `limit` go at
        once, and every further `limit` needs another window."""
        batches = math.ceil(self.jetbuilt_requests / self.settings.limit)
        return max(0, batches - 1) * self.settings.window


async def run_demo(settings: DemoSettings, console: Console) -> DemoResult:
    """Start both sandboxes on loopback, run the job with live progress, print the summary."""
    jetbuilt_sandbox = JetbuiltSandbox(
        seed=settings.seed,
        scale=settings.scale,
        api_key=JETBUILT_KEY,
        rate_limit=ServerRateLimit(requests=settings.limit, per=settings.window),
        faults=Faults(latency=settings.latency, seed=settings.seed),
    )
    jetpack_sandbox = JetpackSandbox(
        seed=settings.seed,
        scale=settings.scale,
        faults=Faults(latency=settings.latency, seed=settings.seed),
    )
    jb_counter, crm_counter = RequestCounter(), RequestCounter()
    result = DemoResult(settings)
    low, high = (round(s * 1000) for s in settings.latency)
    console.print(settings.describe_limit())
    async with AsyncExitStack() as stack:
        jb_url = await stack.enter_async_context(jetbuilt_sandbox.serve())
        site_url = await stack.enter_async_context(jetpack_sandbox.serve())
        console.print(f"Jetbuilt sandbox at {jb_url}, Jetpack CRM sandbox at {site_url}")
        console.print(f"Each response takes {low}-{high} ms; no 429 is expected.\n")
        jb_http = await stack.enter_async_context(
            jb_counter.http_client(concurrency=settings.concurrency)
        )
        crm_http = await stack.enter_async_context(crm_counter.http_client())
        jb = await stack.enter_async_context(
            jbcrm.Jetbuilt(
                api_key=JETBUILT_KEY,
                base_url=jb_url,
                rate_limit=jbcrm.RateLimit(settings.limit, per=settings.window),
                http_client=jb_http,
                concurrency=settings.concurrency,
            )
        )
        crm = await stack.enter_async_context(
            JetpackCRM(
                site_url,
                api_key=jetpack_sandbox.api_key,
                api_secret=jetpack_sandbox.api_secret,
                http_client=crm_http,
            )
        )
        started = time.perf_counter()

        def numbers() -> LiveNumbers:
            stats = jb.rate_limit_stats
            return LiveNumbers(
                requests=jb_counter.attempts + crm_counter.attempts,
                elapsed=time.perf_counter() - started,
                waits=stats.waits if stats else 0,
                rate_limited=jb_counter.rate_limited + crm_counter.rate_limited,
                retries=jb_counter.retries + crm_counter.retries,
            )

        with DemoView(console, numbers) as view:
            job = _Job(jb, crm, jetbuilt_sandbox, jetpack_sandbox, settings, view, result)
            try:
                await job.run(jb_counter, crm_counter)
            except Exception as exc:
                result.problems.append(f"unexpected {type(exc).__name__}: {exc}")
        result.elapsed = time.perf_counter() - started
        stats = jb.rate_limit_stats
        if stats is not None:
            result.limiter_waits, result.limiter_wait_time = stats.waits, stats.wait_time
    _collect_counts(result, jb_counter, crm_counter, jetbuilt_sandbox, jetpack_sandbox)
    print_summary(console, result)
    return result


def _collect_counts(
    result: DemoResult,
    jb_counter: RequestCounter,
    crm_counter: RequestCounter,
    jetbuilt_sandbox: JetbuiltSandbox,
    jetpack_sandbox: JetpackSandbox,
) -> None:
    server = jetbuilt_sandbox.stats
    result.jetbuilt_requests = jb_counter.attempts
    result.jetpack_requests = crm_counter.attempts
    result.rate_limited = max(
        jb_counter.rate_limited + crm_counter.rate_limited,
        server.rate_limited + jetpack_sandbox.stats.rate_limited,
    )
    result.retries = jb_counter.retries + crm_counter.retries
    result.busiest_window = server.max_in_window
    if result.rate_limited:
        result.problems.append(f"{result.rate_limited} request(s) were answered 429")
    if server.max_in_window > result.settings.limit:
        result.problems.append(
            f"the server saw {server.max_in_window} requests in one window "
            f"(limit {result.settings.limit})"
        )
    unexpected = jb_counter.server_errors + crm_counter.server_errors
    if unexpected:
        result.problems.append(f"{unexpected} response(s) were 5xx errors")


@attrs.define
class _Job:
    """The steps of the bulk job, each checked against what the sandboxes hold."""

    jb: jbcrm.Jetbuilt
    crm: JetpackCRM
    jetbuilt_sandbox: JetbuiltSandbox
    jetpack_sandbox: JetpackSandbox
    settings: DemoSettings
    view: DemoView
    result: DemoResult

    async def run(self, jb_counter: RequestCounter, crm_counter: RequestCounter) -> None:
        jetbuilt_started = time.perf_counter()
        ids = await self._step(jb_counter, "List every project", None, self.list_projects)
        chosen = _spread(ids, self.settings.details)
        await self._step(
            jb_counter,
            "Fetch project details",
            len(chosen),
            lambda task: self.fetch_details(task, chosen),
        )
        self.result.jetbuilt_elapsed = time.perf_counter() - jetbuilt_started
        await self._step(crm_counter, "Page Jetpack customers", None, self.page_customers)
        await self._step(crm_counter, "Upsert a customer, read back", 2, self.upsert_customer)

    async def _step(
        self,
        counter: RequestCounter,
        name: str,
        total: int | None,
        step: Callable[[TaskID], Awaitable[tuple[T, str]]],
    ) -> T:
        task = self.view.add_task(name, total=total)
        before, started = counter.attempts, time.perf_counter()
        value, outcome = await step(task)
        self.view.finish(task)
        elapsed = time.perf_counter() - started
        self.result.steps.append(StepResult(name, outcome, counter.attempts - before, elapsed))
        return value

    async def list_projects(self, task: TaskID) -> tuple[list[int], str]:
        ids: list[int] = []
        pages = 0
        async for page in self.jb.projects.list().pages():
            pages += 1
            ids.extend(project.id for project in page.items)
            self.view.update(task, advance=len(page.items), total=page.total)
        expected = len(self.jetbuilt_sandbox.store.listed_projects())
        if len(ids) != expected or len(set(ids)) != expected:
            self.result.problems.append(
                f"listed {len(ids)} projects ({len(set(ids))} distinct); the sandbox has {expected}"
            )
        return ids, f"{len(ids):,} projects in {pages} pages"

    async def fetch_details(self, task: TaskID, chosen: list[int]) -> tuple[None, str]:
        async def get(project_id: int) -> ProjectDetail:
            project = await self.jb.projects.get(project_id)
            self.view.update(task, advance=1)
            return project

        outcomes = await jbcrm.fetch_each(
            get, chosen, concurrency=self.settings.concurrency, errors="collect"
        )
        failed = [outcome for outcome in outcomes if outcome.error is not None]
        wrong = [o.key for o in outcomes if o.result is not None and o.result.id != o.key]
        for outcome in failed[:3]:
            self.result.problems.append(f"project {outcome.key}: {outcome.error}")
        if len(failed) > 3:
            self.result.problems.append(f"... and {len(failed) - 3} more failed fetches")
        if wrong:
            self.result.problems.append(f"{len(wrong)} details came back for the wrong id")
        return None, f"{len(outcomes) - len(failed):,} of {len(chosen):,} fetched"

    async def page_customers(self, task: TaskID) -> tuple[None, str]:
        expected = len(self.jetpack_sandbox.store.contacts)
        count = pages = 0
        async for page in self.crm.customers.list(perpage=100).pages():
            pages += 1
            count += len(page.items)
            self.view.update(task, advance=len(page.items))
        if count != expected:
            self.result.problems.append(f"paged {count} customers; the sandbox has {expected}")
        return None, f"{count:,} customers in {pages} pages"

    async def upsert_customer(self, task: TaskID) -> tuple[None, str]:
        saved = await self.crm.customers.upsert(email=DEMO_EMAIL, fname="Demo", lname="Export")
        self.view.update(task, advance=1)
        found = await self.crm.customers.find_by_email(DEMO_EMAIL)
        self.view.update(task, advance=1)
        if found is None or found.id != saved.id or found.fname != "Demo":
            self.result.problems.append(f"the upserted customer did not read back: {found!r}")
            return None, "not found after the upsert"
        return None, f"customer {found.id} saved and found"


def _spread(items: list[int], count: int) -> list[int]:
    """`count` items evenly spread over `items` (all of them when there are fewer)."""
    if count >= len(items):
        return list(items)
    if count <= 0:
        return []
    step = len(items) / count
    return [items[int(index * step)] for index in range(count)]


def demo(args: argparse.Namespace) -> int:
    """``jbcrm demo``: run the job; 0 when every check passed."""
    settings = DemoSettings(
        scale=args.scale,
        details=args.details,
        limit=args.limit,
        window=args.window,
        latency=tuple(args.latency),
        seed=args.seed,
    )
    result = asyncio.run(run_demo(settings, Console()))
    return result.exit_code
