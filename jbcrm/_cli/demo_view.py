"""What the demo shows: live progress with request counters, then the summary tables."""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING

import attrs
from rich.console import Console, Group
from rich.live import Live
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from jbcrm._cli.demo import DemoResult


@attrs.frozen
class LiveNumbers:
    """The counters shown under the progress bars while the job runs."""

    requests: int
    elapsed: float
    waits: int
    rate_limited: int
    retries: int


class _NumbersLine:
    """A renderable re-read on every refresh, so the counters stay current."""

    def __init__(self, numbers: Callable[[], LiveNumbers]) -> None:
        self._numbers = numbers

    def __rich__(self) -> Text:
        now = self._numbers()
        rate = now.requests / now.elapsed if now.elapsed > 0 else 0.0
        style = "bold red" if now.rate_limited else "green"
        line = Text(f"  requests {now.requests:,}  ·  {rate:.1f} req/s  ·  ")
        line.append(f"limiter waits {now.waits:,}  ·  ")
        line.append(f"429s {now.rate_limited}", style=style)
        line.append(f"  ·  retries {now.retries}")
        return line


class DemoView:
    """Progress bars, one per step, above a line of live request counters."""

    def __init__(self, console: Console, numbers: Callable[[], LiveNumbers]) -> None:
        self._progress = Progress(
            SpinnerColumn(finished_text="[green]✓[/]"),
            TextColumn("{task.description:<34}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
        )
        self._live = Live(
            Group(self._progress, _NumbersLine(numbers)), console=console, refresh_per_second=8
        )

    def __enter__(self) -> DemoView:
        self._live.__enter__()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._live.__exit__(exc_type, exc, tb)

    def add_task(self, description: str, *, total: int | None) -> TaskID:
        return self._progress.add_task(description, total=total)

    def update(self, task: TaskID, *, advance: int, total: int | None = None) -> None:
        if total is not None:
            self._progress.update(task, total=total)
        self._progress.advance(task, advance)

    def finish(self, task: TaskID) -> None:
        """Mark a step done, fixing its total to what was really done."""
        done = self._progress.tasks[self._progress.task_ids.index(task)].completed
        self._progress.update(task, total=done, completed=done)


def print_summary(console: Console, result: DemoResult) -> None:
    """The steps, the totals, and a verdict; problems are listed in red."""
    console.print()
    steps = Table(title="Steps", title_justify="left")
    steps.add_column("Step")
    steps.add_column("Result")
    steps.add_column("Requests", justify="right")
    steps.add_column("Elapsed", justify="right")
    for step in result.steps:
        steps.add_row(step.name, step.outcome, f"{step.requests:,}", f"{step.elapsed:.1f} s")
    console.print(steps)
    console.print(_totals(result))
    if result.problems:
        console.print("[bold red]Something unexpected happened:[/]")
        for problem in result.problems:
            console.print(f"  [red]- {problem}[/]")
    else:
        console.print("[bold green]Every count matched the sandboxes and no request saw a 429.[/]")


def _totals(result: DemoResult) -> Table:
    settings = result.settings
    table = Table(title="Summary", title_justify="left", show_header=False)
    table.add_column("Measure")
    table.add_column("Value")
    total = result.jetbuilt_requests + result.jetpack_requests
    table.add_row(
        "Requests",
        f"{total:,} ({result.jetbuilt_requests:,} Jetbuilt, "
        f"{result.jetpack_requests:,} Jetpack CRM)",
    )
    table.add_row(
        "Elapsed", f"{result.elapsed:.1f} s (Jetbuilt steps {result.jetbuilt_elapsed:.1f} s)"
    )
    table.add_row("Jetbuilt rate vs limit", _rate_line(result))
    table.add_row(
        f"Busiest {settings.window:g} s window",
        f"{result.busiest_window} requests (limit {settings.limit})",
    )
    average = result.limiter_wait_time / result.limiter_waits if result.limiter_waits else 0.0
    table.add_row(
        "Limiter waits",
        f"{result.limiter_waits:,} of {result.jetbuilt_requests:,} Jetbuilt requests waited "
        f"for a free slot ({average:.1f} s on average)",
    )
    style = "red" if result.rate_limited else "green"
    table.add_row("429s", f"[{style}]{result.rate_limited}[/] (expected 0)")
    table.add_row("Retries", str(result.retries))
    return table


def _rate_line(result: DemoResult) -> str:
    settings = result.settings
    elapsed = result.jetbuilt_elapsed
    achieved = result.jetbuilt_requests / elapsed if elapsed > 0 else 0.0
    limit = f"limit {settings.limit} per {settings.window:g} s"
    bound = result.bound_seconds
    if bound <= 0 or elapsed <= 0:
        return f"{achieved:.1f} req/s ({limit}; everything fit in the first burst)"
    return (
        f"{achieved:.1f} req/s; the {limit} lets {result.jetbuilt_requests:,} requests "
        f"finish in {bound:.1f} s at best ({result.jetbuilt_requests / bound:.1f} req/s): "
        f"{bound / elapsed:.0%} of the physical bound"
    )
