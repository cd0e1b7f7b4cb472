"""mkdocs hook: ``<!-- code-map: jbcrm -->`` becomes a table of every module of the package,
each with the first line of its docstring, one table per folder.

The map is read from the code at every build, so it cannot fall behind a new or renamed
module; a module without a docstring shows up as the gap it is.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
_DIRECTIVE = re.compile(r"^<!-- code-map: (?P<package>[\w/]+) -->$", re.M)


def summary(path: Path) -> str:
    """The first line of a module's docstring ("" for none)."""
    docstring = ast.get_docstring(ast.parse(path.read_text("utf-8"))) or ""
    first = docstring.strip().split("\n\n")[0]
    return " ".join(first.split()).replace("|", "\\|")


def code_map(package: str, root: Path = ROOT) -> str:
    """Markdown tables of the modules under ``package``, folder by folder."""
    out = []
    folders = sorted({p.parent for p in (root / package).rglob("*.py")})
    for folder in folders:
        relative = folder.relative_to(root).as_posix()
        out += [f"### `{relative}/`", "", "| module | what it holds |", "|---|---|"]
        init = folder / "__init__.py"
        rows = [init] if init.exists() else []
        rows += sorted(p for p in folder.glob("*.py") if p.name != "__init__.py")
        for path in rows:
            out.append(f"| `{path.name}` | {summary(path)} |")
        out.append("")
    return "\n".join(out)


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    return _DIRECTIVE.sub(lambda match: code_map(match["package"]), markdown)
