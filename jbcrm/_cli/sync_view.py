"""What ``jbcrm sync`` shows: progress bars per resource with an ETA from the rate limit while
it runs, then a table of rows per table and the run's requests against the physical bound.

Without a terminal nothing moves on screen: the summary is printed as plain lines.
"""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType
from typing import IO

import attrs
from rich.console import Console, Group
from rich.live import Live
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TaskID,
    TextColumn,
)
from rich.table import Table
from rich.text import Text

from jbcrm._core.ratelimit import RateLimit
from jbcrm._mirror._run import MirrorSummary


@attrs.frozen
class Pace:
    """The rate limit the run works within, for ETAs and the physical bound."""

    requests: int
    per: float
    sliding: bool = True

    @classmethod
    def of(cls, limit: RateLimit) -> Pace:
        return cls(limit.requests, limit.per, limit.algorithm == "sliding")

    @property
    def rate(self) -> float:
        return self.requests / self.per

    def bound(self, requests: int) -> float:
        """The least time ``requests`` can take: a sliding window lets the first ``requests``
        go at once; a leaky bucket paces every one."""
        if not self.sliding:
            return requests / self.rate
        return max(0, -(-requests // self.requests) - 1) * self.per


class _Eta(ProgressColumn):
    """Time left for a task at the rate limit: units left times requests per unit."""

    def __init__(self, pace: Pace | None) -> None:
        super().__init__()
        self._pace = pace

    def render(self, task: Task) -> Text:
        if self._pace is None or task.total is None or task.finished:
            return Text("")
        left = max(0.0, task.total - task.completed) * task.fields.get("requests_each", 1.0)
        seconds = int(left / self._pace.rate)
        return Text(f"ETA {seconds // 60}:{seconds % 60:02d}", style="cyan")


class _Requests:
    def __init__(self, numbers: Callable[[], tuple[int, int]]) -> None:
        self._numbers = numbers

    def __rich__(self) -> Text:
        requests, rate_limited = self._numbers()
        line = Text(f"  requests {requests:,}  ·  ")
        line.append(f"429s {rate_limited}", style="bold red" if rate_limited else "green")
        return line


class LiveProgress:
    """Rich progress bars, one per task of the run (the mirror's ``Progress``)."""

    def __init__(
        self, console: Console, pace: Pace | None, numbers: Callable[[], tuple[int, int]]
    ) -> None:
        self._bars = Progress(
            SpinnerColumn(finished_text="[green]✓[/]"),
            TextColumn("{task.description:<28}"),
            BarColumn(),
            MofNCompleteColumn(),
            _Eta(pace),
            console=console,
        )
        self._live = Live(
            Group(self._bars, _Requests(numbers)), console=console, refresh_per_second=8
        )
        self._tasks: dict[str, TaskID] = {}

    def __enter__(self) -> LiveProgress:
        self._live.__enter__()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._live.__exit__(exc_type, exc, tb)
        if not self._live.console.is_terminal:
            # Off a terminal the last frame is printed once, without its line end.
            self._live.console.line()

    def begin(self, task: str, *, total: int | None = None, requests_each: float = 1.0) -> None:
        self._tasks[task] = self._bars.add_task(task, total=total, requests_each=requests_each)

    def total(self, task: str, total: int | None) -> None:
        if total is not None:
            self._bars.update(self._tasks[task], total=total)

    def advance(self, task: str, count: int = 1) -> None:
        self._bars.advance(self._tasks[task], count)

    def end(self, task: str) -> None:
        key = self._tasks[task]
        done = self._bars.tasks[self._bars.task_ids.index(key)].completed
        self._bars.update(key, total=done, completed=done)


def print_summary(
    console: Console, summary: MirrorSummary, pace: Pace | None, *, title: str = "Rows"
) -> None:
    """The rows per table, then requests, 429s and time against the physical bound."""
    table = Table(title=title, title_justify="left")
    for column in ("Table", "Inserted", "Updated", "Deleted", "Unchanged", "Bad records"):
        table.add_column(column, justify="left" if column == "Table" else "right")
    for name, counts in sorted(summary.tables.items()):
        style = "red" if counts.errors else None
        table.add_row(
            name,
            f"{counts.inserted:,}",
            f"{counts.updated:,}",
            f"{counts.deleted:,}",
            f"{counts.unchanged:,}",
            f"[{style}]{counts.errors}[/]" if style else str(counts.errors),
        )
    console.print(table)
    for line in totals(summary, pace):
        console.print(line, highlight=False)


def totals(summary: MirrorSummary, pace: Pace | None) -> list[str]:
    """The closing lines: requests, 429s, time and the bound, and what went wrong."""
    lines = [
        f"Requests: {summary.requests:,} · 429s: {summary.rate_limited} · "
        f"time: {summary.elapsed:.1f} s{_bound(summary, pace)}"
    ]
    if summary.errors:
        lines.append(
            f"{summary.errors} record(s) could not be decoded: kept with their JSON in "
            f"sync_errors (run_id = {summary.run_id})"
        )
    lines += [f"Failed: {failure}" for failure in summary.failures]
    return lines


def _bound(summary: MirrorSummary, pace: Pace | None) -> str:
    if pace is None or summary.elapsed <= 0:
        return ""
    bound = pace.bound(summary.requests)
    limit = f"{pace.requests} per {pace.per:g} s"
    if bound <= 0:
        return f" (everything fit in one window of {limit})"
    return f" · physical bound at {limit}: {bound:.1f} s ({bound / summary.elapsed:.0%})"


def print_plain(out: IO[str], summary: MirrorSummary, pace: Pace | None) -> None:
    """The summary as plain lines, for logs and pipes."""
    for name, c in sorted(summary.tables.items()):
        print(
            f"{name}: {c.inserted} inserted, {c.updated} updated, {c.deleted} deleted, "
            f"{c.unchanged} unchanged, {c.errors} bad",
            file=out,
        )
    for line in totals(summary, pace):
        print(line, file=out)
