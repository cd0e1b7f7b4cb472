"""The demo's closing lines: the two runs side by side, the traffic, and the verdict."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table

if TYPE_CHECKING:
    from jbcrm._cli.demo import DemoResult


def print_result(console: Console, result: DemoResult) -> None:
    """Requests and rows written per run, the 429s, and what went wrong (in red)."""
    if result.steps:
        table = Table(title="The runs", title_justify="left")
        for column in ("Run", "Requests", "Rows written", "Time"):
            table.add_column(column, justify="left" if column == "Run" else "right")
        for step in result.steps:
            written = sum(c.changed for c in step.summary.tables.values())
            table.add_row(
                step.name, f"{step.requests:,}", f"{written:,}", f"{step.summary.elapsed:.1f} s"
            )
        console.print(table)
    full = next((s for s in result.steps if s.name.startswith("Jetbuilt: first")), None)
    again = next((s for s in result.steps if s.name.startswith("Jetbuilt: second")), None)
    if full is not None and again is not None and full.requests:
        console.print(
            f"The second Jetbuilt run needed {again.requests:,} requests instead of "
            f"{full.requests:,} ({again.requests / full.requests:.1%})."
        )
    style = "red" if result.rate_limited else "green"
    console.print(
        f"429s: [{style}]{result.rate_limited}[/] (expected 0) · retries: {result.retries} · "
        f"busiest {result.settings.window:g} s window: {result.busiest_window} requests "
        f"(limit {result.settings.limit}) · {result.elapsed:.1f} s in all"
    )
    if result.problems:
        console.print("[bold red]Something unexpected happened:[/]")
        for problem in result.problems:
            console.print(f"  [red]- {problem}[/]")
    else:
        console.print("[bold green]Every row matched the sandboxes and no request saw a 429.[/]")
