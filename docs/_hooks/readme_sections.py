"""mkdocs hook: pages include README sections by their heading, so the prose has one source.

A line of a docs page that is exactly one of these is replaced by README text:

- ``<!-- readme: Errors -->``: the section under the README heading ``Errors``, its heading
  and subsections included, at the README's own heading levels;
- ``<!-- readme-page: Pagination -->``: the same, raised one level, so the section's heading
  becomes the page title;
- ``<!-- readme-optional: Security -->``: like ``readme``, and nothing while the README has
  no such section yet;
- ``<!-- readme-intro -->``: the README's opening text, before its first section.

The README needs no markers: a section starts at its heading. Links into ``docs/`` are made
relative to the page. The build warns (``mkdocs build --strict`` fails) when a page names a
section the README does not have, or when a README section is on no page: a new section is
published by adding one of these lines to a page.
"""

from __future__ import annotations

import logging
import posixpath
import re
from pathlib import Path
from typing import Any

log = logging.getLogger("mkdocs.hooks.readme_sections")

README = Path(__file__).resolve().parents[2] / "README.md"
_DIRECTIVE = re.compile(
    r"^<!-- (?P<kind>readme|readme-page|readme-optional): (?P<name>.+?) -->$"
    r"|^<!-- (?P<intro>readme-intro) -->$",
    re.M,
)
_HEADING = re.compile(r"^(#{1,6}) (.+)$")
_FENCE = re.compile(r"^(```|~~~)")
_DOCS_LINK = re.compile(r"(\]\()docs/([^)\s]+)")

_included: set[str] = set()


def split_sections(text: str) -> tuple[str, dict[str, tuple[int, str]]]:
    """The README's opening text, and each section's (heading level, text) by heading."""
    lines = text.splitlines(keepends=True)
    headings: list[tuple[int, int, str]] = []  # (line index, level, name)
    in_fence = False
    for index, line in enumerate(lines):
        if _FENCE.match(line):
            in_fence = not in_fence
        match = None if in_fence else _HEADING.match(line.rstrip("\n"))
        if match:
            headings.append((index, len(match[1]), match[2].strip()))
    sections = {}
    for position, (start, level, name) in enumerate(headings):
        end = next((i for i, lvl, _ in headings[position + 1 :] if lvl <= level), len(lines))
        sections[name] = (level, "".join(lines[start:end]).rstrip() + "\n")
    first = next((i for i, level, _ in headings if level > 1), len(lines))
    intro = "".join(line for line in lines[:first] if not line.startswith("# "))
    return intro.strip() + "\n", {n: s for n, s in sections.items() if s[0] > 1}


def raise_headings(text: str, by: int) -> str:
    """``text`` with every heading outside code fences ``by`` levels higher."""
    out = []
    in_fence = False
    for line in text.splitlines(keepends=True):
        if _FENCE.match(line):
            in_fence = not in_fence
        if not in_fence and _HEADING.match(line):
            line = line[by:]
        out.append(line)
    return "".join(out)


def expand(markdown: str, page_path: str, readme: str) -> tuple[str, set[str], list[str]]:
    """The page with its directives replaced; the sections used; the problems found."""
    intro, sections = split_sections(readme)
    used: set[str] = set()
    problems: list[str] = []

    def replace(match: re.Match[str]) -> str:
        if match["intro"]:
            return _relink(intro, page_path)
        name, kind = match["name"], match["kind"]
        if name not in sections:
            if kind != "readme-optional":
                known = ", ".join(sections)
                problems.append(f"{page_path}: the README has no section {name!r} ({known})")
            return ""
        used.add(name)
        text = sections[name][1]
        return _relink(raise_headings(text, 1) if kind == "readme-page" else text, page_path)

    return _DIRECTIVE.sub(replace, markdown), used, problems


def unpublished(readme: str, used: set[str]) -> list[str]:
    """The README's top sections (``##``) that no page includes, whole or as a part."""
    _, sections = split_sections(readme)
    covered = set(used)
    for name in used:
        level, text = sections[name]
        covered.update(sub for sub, (lvl, body) in sections.items() if lvl > level and body in text)
    return [name for name, (level, _) in sections.items() if level == 2 and name not in covered]


def _relink(text: str, page_path: str) -> str:
    up = posixpath.relpath(".", posixpath.dirname(page_path) or ".")
    prefix = "" if up == "." else up + "/"
    return _DOCS_LINK.sub(lambda m: f"{m[1]}{prefix}{m[2]}", text)


def on_pre_build(config: Any) -> None:
    _included.clear()


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    text, used, problems = expand(markdown, page.file.src_uri, README.read_text("utf-8"))
    _included.update(used)
    for problem in problems:
        log.warning(problem)
    return text


def on_env(env: Any, config: Any, files: Any) -> Any:
    for name in unpublished(README.read_text("utf-8"), _included):
        log.warning(
            "README section %r is on no docs page: add <!-- readme: %s --> to a page in docs/",
            name,
            name,
        )
    return env
