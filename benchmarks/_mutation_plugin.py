"""The pytest plugin of ``make mutate``: a mutant of a module is tried against that module's own
tests, the fastest first.

mutmut already runs only the tests that call the mutated function; a function every request
passes through (the transport, the redactor) is called by hundreds of tests, and a surviving
mutant would run all of them. The tests that are meant to pin a module down are named here; a
mutant they do not kill is a gap in them, whatever another module's tests happen to notice.
Outside a mutant's run (mutmut's statistics run, its forced-failure check, a plain ``pytest``)
the plugin changes nothing.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from fnmatch import fnmatch
from functools import cache
from pathlib import Path
from typing import Any

import pytest

#: A test of a mutant that runs past this many times its time in the statistics run, plus
#: HANG_SLACK seconds (its setup and teardown, a loaded machine), has hung: it fails there.
#: Without this a hang costs mutmut's own timeout, the time of every test that calls the
#: function (not only the module's, which are all a mutant runs) plus 2 s, times 3: close to a
#: minute for a limiter function, 15 times the test that hangs.
HANG_FACTOR = 4.0
HANG_SLACK = 3.0

#: Test files (base names, wherever they live under tests/) that pin each module down.
#: The in-process limiters and the Redis one are tested apart: a survivor (or an equivalent
#: mutant) runs every file of its module, and the two sets take about 20 and 12 s.
_LOCAL_LIMITER_TESTS = (
    "test_shared.py",
    "test_deadlines.py",
    "test_learning.py",
    "test_limiter_arguments.py",
    "test_limiters.py",
    "test_adaptive*.py",
    "test_threads.py",
)
_REDIS_LIMITER_TESTS = ("test_redis*.py", "test_limiter_arguments.py")
TESTS: dict[str, tuple[str, ...]] = {
    "jbcrm._core.body": ("test_body.py", "test_hostile_servers.py", "test_transport.py"),
    "jbcrm._core.bulk": ("test_bulk.py",),
    "jbcrm._core.classify": (
        "test_classify.py",
        "test_errors.py",
        "test_failures.py",
        "test_responses.py",
        "test_transport.py",
        "test_retry.py",
    ),
    "jbcrm._core.client": (
        "test_client.py",
        "test_decoding.py",
        "test_transport.py",
        "test_pagination*.py",
    ),
    "jbcrm._core.config": ("test_config*.py",),
    "jbcrm._core.convert": (
        "test_convert.py",
        "test_models.py",
        "test_decoding.py",
        "test_wire*.py",
    ),
    "jbcrm._core.deadline": (
        "test_deadline.py",
        "test_hostile_servers.py",
        "test_retry.py",
        "test_transport.py",
    ),
    "jbcrm._core.errors": ("test_errors.py", "test_errors_pickle.py", "test_failures.py"),
    "jbcrm._core.failures": ("test_failures.py", "test_errors.py", "test_redact.py"),
    "jbcrm._core.links": ("test_links.py", "test_pagination*.py"),
    "jbcrm._core.locate": ("test_decoding.py", "test_models.py", "test_convert.py"),
    "jbcrm._core.models": (
        "test_convert.py",
        "test_models.py",
        "test_decoding.py",
        "test_wire*.py",
    ),
    "jbcrm._core.options": ("test_options.py", "test_transport.py", "test_config*.py"),
    "jbcrm._core.origin": ("test_origin.py",),
    "jbcrm._core.pageguard": ("test_pageguard.py", "test_pagination*.py"),
    "jbcrm._core.pagination": ("test_pagination*.py",),
    "jbcrm._core.params": ("test_params.py",),
    "jbcrm._core.paths": ("test_paths.py",),
    "jbcrm._core.redact": ("test_redact.py", "test_failures.py"),
    "jbcrm._core.resource": ("test_resource.py", "test_transport.py"),
    "jbcrm._core.responses": ("test_responses.py", "test_errors.py"),
    "jbcrm._core.retry": ("test_retry.py",),
    "jbcrm._core.transport": (
        "test_transport.py",
        "test_retry.py",
        "test_hostile_servers.py",
        "test_origin.py",
        "test_failures.py",
        "test_body.py",
    ),
    "jbcrm._core.ratelimit": _LOCAL_LIMITER_TESTS,
    "jbcrm._core.ratelimit.redis": _REDIS_LIMITER_TESTS,
    "jbcrm._core.ratelimit._redis_link": (*_REDIS_LIMITER_TESTS, "test_limiters.py"),
    "jbcrm._core.ratelimit._factory": (*_LOCAL_LIMITER_TESTS, "test_redis.py"),
    "jbcrm._core.wire": ("test_wire*.py", "test_decoding.py", "test_models.py", "test_convert.py"),
}


def tests_for(module: str) -> tuple[str, ...] | None:
    """The test file patterns of ``module`` (a package's apply to its submodules); None: any."""
    while module:
        if module in TESTS:
            return TESTS[module]
        module = module.rpartition(".")[0]
    return None


def _mutated_module() -> str | None:
    mutant = os.environ.get("MUTANT_UNDER_TEST", "")
    if "__mutmut_" not in mutant:
        return None
    return mutant.rpartition(".")[0]


def _durations() -> dict[str, float]:
    """How long each test took in mutmut's statistics run (the worker is a fork of it)."""
    try:
        from mutmut.state import state
    except ImportError:  # pragma: no cover - only ever loaded by mutmut
        return {}
    return dict(state().duration_by_test)


class MutantHung(Exception):
    """A test of the mutant ran far past its usual time."""


def _hung(signum: int, frame: Any) -> None:
    raise MutantHung("the test ran far past its time in the statistics run: it hangs")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: Any, nextitem: Any) -> Iterator[None]:
    """Setup, call and teardown of a mutant's test under one alarm. It fires again every
    HANG_SLACK seconds: a teardown waiting for what the hung test left is stopped too."""
    if _mutated_module() is None:
        yield
        return
    limit = HANG_FACTOR * _durations().get(item.nodeid, 0.0) + HANG_SLACK
    previous = signal.signal(signal.SIGALRM, _hung)
    signal.setitimer(signal.ITIMER_REAL, limit, HANG_SLACK)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0.0)
        signal.signal(signal.SIGALRM, previous)


@cache
def _equivalents() -> dict[str, set[tuple[str, str]]]:
    from benchmarks.mutation import load_equivalents

    by_function: dict[str, set[tuple[str, str]]] = {}
    for function, before, after in load_equivalents():
        by_function.setdefault(function, set()).add((before, after))
    return by_function


def listed_equivalent(mutant: str) -> bool:
    """Whether benchmarks/mutation_equivalents.toml lists ``mutant``: no test can kill it, so
    none is run (it shows as "no tests", and the report counts it as equivalent)."""
    from benchmarks.mutation import changed_lines, split_name

    module, function = split_name(mutant)
    listed = _equivalents().get(f"jbcrm._core.{module}.{function}")
    if not listed:
        return False
    from mutmut.mutation.diff_apply import get_diff_for_mutant

    path = Path("jbcrm", "_core", *module.split(".")).with_suffix(".py")
    here = os.getcwd()
    os.chdir("..")  # a mutant's tests run in mutants/; mutmut reads mutants/<path> from above
    try:
        diff = get_diff_for_mutant(mutant, path=path)
    finally:
        os.chdir(here)
    return changed_lines(diff) in listed


def pytest_collection_modifyitems(config: Any, items: list[Any]) -> None:
    module = _mutated_module()
    if module is None:
        return
    patterns = tests_for(module)
    kept = [
        item
        for item in items
        if patterns is None
        or any(fnmatch(os.path.basename(item.nodeid.split("::")[0]), p) for p in patterns)
    ]
    if listed_equivalent(os.environ["MUTANT_UNDER_TEST"]):
        kept = []
    kept_ids = {id(item) for item in kept}
    dropped = [item for item in items if id(item) not in kept_ids]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
    durations = _durations()
    # -x stops at the first failure: a mutant that a quick test kills costs that test only.
    kept.sort(key=lambda item: durations.get(item.nodeid, 0.0))
    items[:] = kept
