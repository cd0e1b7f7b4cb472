"""Mutation testing of ``jbcrm/_core`` (``make mutate``): runs mutmut, then writes
benchmarks/MUTATION.md (score per module, every survivor with its mutation, every equivalent
mutant with the reason it cannot be killed).

    python -m benchmarks.mutation                      # every module, 2 workers
    python -m benchmarks.mutation --workers 1 retry    # one module (others keep their results)
    python -m benchmarks.mutation --workers 1 --skip-killed retry   # what is left, after new tests
    python -m benchmarks.mutation --skip-killed transport.Transport._back_off  # one function
    python -m benchmarks.mutation --report-only

mutmut's mutations, with one change: a string literal holding whitespace (a message, a hint, a
log line) is not mutated. Tests pin what an error must say (the phase, the limit, what is
accepted), not its wording; "XXthe bodyXX" surviving says nothing about behaviour. Strings
without whitespace (header names, encodings, methods, keys) are mutated as usual.

Equivalent mutants are listed in benchmarks/mutation_equivalents.toml by function and by the
lines the mutation changes, so the list survives renumbering when code elsewhere changes.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    from tomllib import loads as toml_loads
else:  # mutmut brings the toml package on Python 3.10
    from toml import loads as toml_loads

ROOT = Path(__file__).resolve().parent.parent
CORE = ROOT / "jbcrm" / "_core"
MUTANTS = ROOT / "mutants"
REPORT = Path(__file__).with_name("MUTATION.md")
EQUIVALENTS = Path(__file__).with_name("mutation_equivalents.toml")
RUN_INFO = MUTANTS / "jbcrm-run.json"
TARGET = 0.95
#: What counts as a kill: a test failed, a test hung, or mypy --strict rejected the mutant.
TYPED = "caught by type check"
DETECTED = ("killed", "timeout", TYPED)


@dataclass(frozen=True)
class Mutant:
    name: str
    module: str  # "retry", "ratelimit.sliding"
    function: str  # "RetryPolicy.should_retry"
    status: str  # killed, timeout, caught by type check, survived, no tests, not checked, ...
    before: str = ""
    after: str = ""


@dataclass
class Module:
    name: str
    counts: Counter[str] = field(default_factory=Counter)
    survivors: list[Mutant] = field(default_factory=list)
    equivalent: list[tuple[Mutant, str]] = field(default_factory=list)

    @property
    def candidates(self) -> int:
        """Mutants that were tried and that a test could kill."""
        return sum(self.counts.values()) - self.counts["not checked"] - len(self.equivalent)

    @property
    def detected(self) -> int:
        return sum(self.counts[status] for status in DETECTED)

    @property
    def score(self) -> float | None:
        return None if self.candidates == 0 else self.detected / self.candidates


def status_of(exit_code: int | None) -> str:
    """mutmut's own reading of a worker's exit code, with a crash counted as a kill."""
    from mutmut.stats import status_by_exit_code

    status = status_by_exit_code[exit_code]
    return "killed" if status == "segfault" else status


def split_name(name: str) -> tuple[str, str]:
    """``jbcrm._core.retry.xǁRetryPolicyǁwait__mutmut_3`` -> ("retry", "RetryPolicy.wait")."""
    dotted, _, mangled = name.rpartition(".")
    module = dotted.removeprefix("jbcrm._core.")
    function = mangled.rsplit("__mutmut_", 1)[0]
    if function.startswith("xǁ"):
        function = ".".join(function[2:].split("ǁ"))
    else:
        function = function.removeprefix("x_")
    return module, function


def changed_lines(diff: str) -> tuple[str, str]:
    """The lines a mutation removes and adds, stripped (several joined by newlines)."""
    lines = diff.splitlines()
    removed = [line[1:].strip() for line in lines if line.startswith("-") and line[:3] != "---"]
    added = [line[1:].strip() for line in lines if line.startswith("+") and line[:3] != "+++"]
    return "\n".join(removed), "\n".join(added)


def load_equivalents(path: Path = EQUIVALENTS) -> dict[tuple[str, str, str], str]:
    """(qualified function, before, after) -> why no test can tell the mutant apart."""
    entries = toml_loads(path.read_text())["equivalent"] if path.exists() else []
    return {
        (entry["function"], entry["before"].strip(), entry["after"].strip()): entry["reason"]
        for entry in entries
    }


def modules() -> list[str]:
    """Every module of jbcrm/_core, dotted below it."""
    return sorted(
        ".".join(path.relative_to(CORE).with_suffix("").parts)
        for path in CORE.rglob("*.py")
        if path.name != "__init__.py" or path.parent != CORE
    )


def mutants(diff: Any = None) -> Iterator[Mutant]:
    """Every mutant of the last run, with the lines of those that were not killed."""
    for meta in sorted((MUTANTS / "jbcrm" / "_core").rglob("*.py.meta")):
        source = meta.relative_to(MUTANTS).with_suffix("")
        for name, exit_code in json.loads(meta.read_text())["exit_code_by_key"].items():
            module, function = split_name(name)
            status = status_of(exit_code)
            before = after = ""
            if status not in (*DETECTED, "not checked") and diff is not None:
                before, after = changed_lines(diff(name, path=source))
            yield Mutant(name, module, function, status, before, after)


def tally(found: Iterable[Mutant], equivalents: dict[tuple[str, str, str], str]) -> list[Module]:
    by_name = {name: Module(name) for name in modules()}
    for mutant in found:
        module = by_name.setdefault(mutant.module, Module(mutant.module))
        module.counts[mutant.status] += 1
        if mutant.status in (*DETECTED, "not checked"):
            continue
        qualified = f"jbcrm._core.{mutant.module}.{mutant.function}"
        reason = equivalents.get((qualified, mutant.before, mutant.after))
        if reason is None:
            module.survivors.append(mutant)
        else:
            module.equivalent.append((mutant, reason))
    return list(by_name.values())


def _percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1%}"


def _mutation(mutant: Mutant) -> str:
    lines = [f"- {line}" for line in mutant.before.splitlines()]
    lines += [f"+ {line}" for line in mutant.after.splitlines()]
    return "\n".join(lines) or "(no textual change)"


def _runs(runs: list[dict[str, Any]]) -> list[str]:
    if not runs:
        return ["No run recorded."]
    out = [
        "| modules | mutants | workers | minutes | load before / after (CPUs) | commit |",
        "| --- | ---: | ---: | ---: | --- | --- |",
    ]
    for run in runs:
        out.append(
            f"| {run['what']} | {run.get('mutants', '?')} | {run['workers']} "
            f"| {run['seconds'] / 60:.1f} | {run['load_before']} / {run['load_after']} "
            f"({run['cpus']}) | {run['commit']} |"
        )
    total = sum(run["seconds"] for run in runs)
    out += ["", f"Total: {total / 60:.1f} min."]
    return out


def _listing(title: str, table: list[Module], entries: Any) -> list[str]:
    out = [f"## {title}", ""]
    listed = False
    for m in table:
        rows = entries(m)
        if not rows:
            continue
        listed = True
        out += [f"### `{m.name}`", ""]
        for heading, mutant in rows:
            out += [
                f"- {heading}",
                "",
                "  ```diff",
                *(f"  {line}" for line in _mutation(mutant).splitlines()),
                "  ```",
            ]
        out.append("")
    if not listed:
        out += ["None.", ""]
    return out


def render(table: list[Module], runs: list[dict[str, Any]], version: str) -> str:
    total = Module("all")
    for module in table:
        total.counts.update(module.counts)
        total.equivalent.extend(module.equivalent)
        total.survivors.extend(module.survivors)
    below = [m for m in table if m.score is not None and m.score < TARGET]
    unrun = [m for m in table if m.counts["not checked"]]
    verdict = (
        "Below the target: " + ", ".join(f"`{m.name}`" for m in below) + "."
        if below
        else "Every module that was run meets the target."
    )
    if unrun:
        verdict += " Not (fully) run: " + ", ".join(f"`{m.name}`" for m in unrun) + "."
    out = [
        "# Mutation testing of jbcrm/_core",
        "",
        f"Written by `make mutate` (`python -m benchmarks.mutation`): mutmut {version}, each "
        "mutant run against its module's own tests (benchmarks/_mutation_plugin.py), fastest "
        "first. Strings holding whitespace (messages, hints) are not mutated. A mutant that "
        "`mypy --strict` rejects is caught without a test run (column mypy; "
        "benchmarks/_mutation_typecheck.py). Score = mutants killed (by a test failing or "
        "timing out, or by mypy) / mutants tried that are not equivalent; a mutant that no test "
        f"runs counts as a survivor. Target: {TARGET:.0%} in every module. A score marked "
        "(partial) is that of the mutants tried so far: the module's other mutants were not run. "
        "A mutant listed as equivalent (benchmarks/mutation_equivalents.toml, with the reason) "
        "runs no test, so it shows under no tests and counts as equivalent.",
        "",
        f"**All modules: {_percent(total.score)}** ({total.detected} of {total.candidates}; "
        f"{len(total.equivalent)} equivalent, {total.counts['not checked']} not run). {verdict}",
        "",
        "| module | mutants | killed | timeout | mypy | survived | no tests | not run "
        "| equivalent | score |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for m in table:
        c = m.counts
        other = sum(c.values()) - m.detected - c["no tests"] - c["not checked"]
        out.append(
            f"| `{m.name}` | {sum(c.values())} | {c['killed']} | {c['timeout']} | {c[TYPED]} "
            f"| {other} "
            f"| {c['no tests']} | {c['not checked']} | {len(m.equivalent)} | {_percent(m.score)}"
            f"{' (partial)' if c['not checked'] else ''} |"
        )
    out += ["", "## Runs", "", *_runs(runs), ""]
    out += _listing(
        "Survivors",
        table,
        lambda m: [
            (f"`{x.function}` ({x.status}, `{x.name.rpartition('.')[2]}`)", x) for x in m.survivors
        ],
    )
    out += _listing(
        "Equivalent mutants",
        table,
        lambda m: [(f"`{x.function}`: {reason}", x) for x, reason in m.equivalent],
    )
    return "\n".join(out).rstrip() + "\n"


def _skip_prose(operators: Any) -> list[Any]:
    """mutmut's operators, with string literals holding whitespace left alone."""
    import libcst as cst
    from mutmut.mutation import mutators

    def operator_string(node: Any) -> Iterator[Any]:
        if isinstance(node, cst.SimpleString) and any(c.isspace() for c in node.raw_value):
            return
        yield from mutators.operator_string(node)

    return [
        (kind, operator_string if op is mutators.operator_string else op) for kind, op in operators
    ]


def _load_runs() -> list[dict[str, Any]]:
    if not RUN_INFO.exists():
        return []
    runs: list[dict[str, Any]] = json.loads(RUN_INFO.read_text())
    return runs


def _in(qualified: str, only: list[str]) -> bool:
    """Whether ``module.function`` is in one of the modules (or functions) named in ``only``."""
    return not only or any(qualified == name or qualified.startswith(name + ".") for name in only)


def _drop_stale_test_copies() -> None:
    """mutmut copies tests/ into mutants/ over the copy of the last run: a test file renamed or
    removed since would still run there (twice, or failing)."""
    copies = MUTANTS / "tests"
    if copies.exists():
        for copy in copies.rglob("*.py"):
            if not (ROOT / copy.relative_to(MUTANTS)).exists():
                copy.unlink()


def run_mutmut(workers: int, only: list[str], *, skip_killed: bool = False) -> None:
    """Runs mutmut on ``only`` (every module when empty) and records how long it took.
    ``skip_killed``: only the mutants of those modules that the last run did not kill."""
    from mutmut import __main__ as mutmut_main
    from mutmut.configuration import config
    from mutmut.mutation import file_mutation

    from benchmarks._mutation_typecheck import COMMAND, caught_by_mypy, record

    _drop_stale_test_copies()
    file_mutation.mutation_operators = _skip_prose(file_mutation.mutation_operators)
    config().type_check_command = COMMAND
    mutmut_main.filter_mutants_with_type_checker = caught_by_mypy
    patterns = [f"jbcrm._core.{name}.*" for name in only]
    if skip_killed and MUTANTS.exists():
        patterns = [
            m.name
            for m in mutants()
            if m.status not in DETECTED and _in(f"{m.module}.{m.function}", only)
        ]
        if not patterns:
            return
    # Stopping a run (Ctrl-C, or a SIGTERM to a run in the background, where SIGINT is ignored)
    # keeps the results so far and records the run: mutmut stops its workers on
    # KeyboardInterrupt (``--skip-killed`` then goes on where the run stopped).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    load_before = f"{os.getloadavg()[0]:.1f}"
    started = time.monotonic()
    try:
        mutmut_main.cli.main(
            ["run", "--max-children", str(workers), *patterns], standalone_mode=False
        )
    except SystemExit as stop:
        if stop.code:
            raise
    record()
    head = (ROOT / ".git").exists() and os.popen(f"git -C {ROOT} rev-parse --short HEAD").read()
    tried = (
        len(patterns)
        if skip_killed
        else sum(
            1
            for m in mutants()
            if m.status != "not checked" and _in(f"{m.module}.{m.function}", only)
        )
    )
    run = {
        "what": (", ".join(only) if only else "every module")
        + (" (the mutants not yet killed)" if skip_killed else ""),
        "mutants": tried,
        "workers": workers,
        "seconds": round(time.monotonic() - started),
        "cpus": os.cpu_count(),
        "load_before": load_before,
        "load_after": f"{os.getloadavg()[0]:.1f}",
        "commit": (head or "?").strip(),
    }
    # A run of every module replaces the record; a run of some modules adds to it (the
    # report is then assembled from several runs, each with its own time and load).
    runs = [] if not only else [r for r in _load_runs() if r["what"] != run["what"]]
    RUN_INFO.write_text(json.dumps([*runs, run]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "modules",
        nargs="*",
        help="modules below jbcrm._core (default: all); with --skip-killed also functions",
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--report-only", action="store_true")
    parser.add_argument(
        "--skip-killed",
        action="store_true",
        help="run only the mutants the last run did not kill (after adding tests)",
    )
    args = parser.parse_args(argv)
    os.chdir(ROOT)
    if not args.report_only:
        run_mutmut(args.workers, args.modules, skip_killed=args.skip_killed)
    from importlib.metadata import version

    from mutmut.mutation.diff_apply import get_diff_for_mutant

    table = tally(mutants(get_diff_for_mutant), load_equivalents())
    REPORT.write_text(render(table, _load_runs(), version("mutmut")))
    below = [m.name for m in table if m.score is not None and m.score < TARGET]
    unrun = [m.name for m in table if m.counts["not checked"]]
    print(f"wrote {REPORT.relative_to(ROOT)}; below {TARGET:.0%}: {', '.join(below) or 'none'}")
    if unrun:
        print(f"not (fully) run: {', '.join(unrun)}")
    return 1 if below or unrun else 0


if __name__ == "__main__":
    sys.exit(main())
