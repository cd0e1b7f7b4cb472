"""The type check of ``make mutate``: a mutant that ``mypy --strict`` rejects is caught without
running a test (mypy --strict is a gate of every change, so such a mutant could never land).

mutmut 3.8 has this (``type_check_command``) but reads every mypy error as a verdict on the
mutant whose lines hold it. Its copy of a function (``x_f__mutmut_orig``, ``x_f__mutmut_3``) is
not that function to mypy: an ``__init__`` copy lacks the implicit ``-> None``, attributes are
declared again in each copy, a class whose methods are wrapped no longer matches its Protocol,
every ``# type: ignore`` on the trampolines is unused. Here those error codes are not checked,
and a function whose unmutated copy (``__mutmut_orig``) has any error left has none of its
mutants counted as caught: what mypy says of them could be the copy, not the mutation. Errors
outside the copies (the trampolines themselves) are ignored instead of stopping the run.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

#: What mypy checks in mutants/ (the cwd): the package's own settings (pyproject), minus the
#: codes the copies of a function raise whatever the mutation.
COMMAND = [
    "mypy",
    "--strict",
    "--output",
    "json",
    "--no-warn-unused-ignores",
    "--disable-error-code",
    "no-redef",
    "--disable-error-code",
    "no-untyped-def",
    "jbcrm/_core",
]


#: What the last check caught (mutmut applies it to the mutants it runs; ``record`` to the rest).
CAUGHT: dict[str, Any] = {}


def _errors() -> dict[Path, list[dict[str, Any]]]:
    done = subprocess.run(
        [sys.executable, "-m", *COMMAND], capture_output=True, encoding="utf-8", check=False
    )
    if done.returncode not in (0, 1):
        raise RuntimeError(f"mypy failed ({done.returncode}): {done.stderr or done.stdout}")
    by_path: dict[Path, list[dict[str, Any]]] = defaultdict(list)
    for line in done.stdout.splitlines():
        if line.startswith("{"):
            error = json.loads(line)
            if error["severity"] == "error":
                by_path[Path(error["file"]).absolute()].append(error)
    return by_path


def _copies(path: Path) -> list[tuple[str, int, int]]:
    """The copies of functions in a file of mutants/: (name, first line, last line). ``ast``
    rather than mutmut's libcst visitor: the same ranges, a hundred times faster on files of
    ten thousand lines."""
    from mutmut.utils.format_utils import is_mutated_method_name

    return [
        (node.name, node.lineno, node.end_lineno or node.lineno)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        and is_mutated_method_name(node.name)
    ]


def caught_by_mypy() -> dict[str, Any]:
    """mutmut's ``filter_mutants_with_type_checker``, with the copies' own errors set aside:
    mutant name -> ``FailedTypeCheckMutant``."""
    from mutmut.mutation.file_mutation import FailedTypeCheckMutant, MutatedMethodLocation
    from mutmut.type_checking import TypeCheckingError
    from mutmut.utils.file_utils import change_cwd
    from mutmut.utils.format_utils import get_mutant_name

    caught = CAUGHT
    caught.clear()
    with change_cwd(Path("mutants")):
        for path, errors in _errors().items():
            copies = _copies(path)
            found: dict[str, tuple[MutatedMethodLocation, dict[str, Any]]] = {}
            for error in errors:
                for function, first, last in copies:
                    if first <= error["line"] <= last:
                        location = MutatedMethodLocation(path, function, first, last)
                        found.setdefault(function, (location, error))
                        break
            unsure = {name.rsplit("__mutmut_", 1)[0] for name in found if name.endswith("_orig")}
            for function, (location, error) in found.items():
                if function.endswith("_orig") or function.rsplit("__mutmut_", 1)[0] in unsure:
                    continue
                name = get_mutant_name(path.relative_to(Path(".").absolute()), function)
                caught[name] = FailedTypeCheckMutant(
                    method_location=location,
                    name=name,
                    error=TypeCheckingError(path, error["line"], error["message"]),
                )
    return caught


def record() -> None:
    """Marks every mutant the last check caught that no run has tried yet, in any module: mutmut
    itself marks only those of the modules it was asked to run."""
    from mutmut.mutation.data import SourceFileMutationData

    for meta in sorted(Path("mutants").rglob("*.py.meta")):
        data = SourceFileMutationData(path=meta.relative_to("mutants").with_suffix(""))
        data.load()
        found = {
            name: CAUGHT[name]
            for name, code in data.exit_code_by_key.items()
            if code is None and name in CAUGHT
        }
        for name, mutant in found.items():
            data.exit_code_by_key[name] = 37
            data.type_check_error_by_key[name] = mutant.error.error_description
        if found:
            data.save()
