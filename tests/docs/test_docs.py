"""The documentation site's hooks: README sections included by heading, the code map, roles."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).parents[2]
DOCS = ROOT / "docs"


def _hook(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, DOCS / "_hooks" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


readme_sections = _hook("readme_sections")
code_map = _hook("code_map")
sphinx_roles = _hook("sphinx_roles")

README = """# tool

Intro text.

## Install

pip it.

```python
# not a heading
x = 1
```

### From a wheel

Build it. ![plot](docs/images/plot.png)

## Usage

Use it.
"""


def test_a_section_comes_with_its_subsections_and_stops_at_the_next_one() -> None:
    text, used, problems = readme_sections.expand(
        "# Page\n<!-- readme: Install -->\n", "p.md", README
    )
    assert text.startswith("# Page\n## Install\n\npip it.")
    assert "### From a wheel" in text
    assert "## Usage" not in text
    assert used == {"Install"}
    assert problems == []


def test_readme_page_raises_headings_but_not_comments_in_code() -> None:
    text, _, _ = readme_sections.expand("<!-- readme-page: Install -->", "p.md", README)
    assert text.startswith("# Install\n")
    assert "\n## From a wheel\n" in text
    assert "\n# not a heading\n" in text


def test_the_intro_is_the_text_before_the_first_section_without_the_title() -> None:
    text, _, _ = readme_sections.expand("<!-- readme-intro -->", "index.md", README)
    assert text == "Intro text.\n"


def test_a_missing_section_is_a_problem_unless_it_is_optional() -> None:
    _, _, problems = readme_sections.expand("<!-- readme: Security -->", "e.md", README)
    text, used, quiet = readme_sections.expand("<!-- readme-optional: Security -->", "e.md", README)
    assert problems == ["e.md: the README has no section 'Security' (Install, From a wheel, Usage)"]
    assert (text, used, quiet) == ("", set(), [])


@pytest.mark.parametrize(
    ("page", "link"), [("index.md", "images/plot.png"), ("recipes/x.md", "../images/plot.png")]
)
def test_links_into_docs_are_made_relative_to_the_page(page: str, link: str) -> None:
    text, _, _ = readme_sections.expand("<!-- readme: Install -->", page, README)
    assert f"![plot]({link})" in text


def test_a_readme_section_on_no_page_is_reported_and_a_subsection_counts_with_its_parent() -> None:
    assert readme_sections.unpublished(README, {"Install"}) == ["Usage"]
    assert readme_sections.unpublished(README, {"From a wheel", "Usage"}) == ["Install"]


def test_every_readme_section_is_on_a_docs_page_and_every_named_section_exists() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    used: set[str] = set()
    for page in DOCS.rglob("*.md"):
        _, found, problems = readme_sections.expand(
            page.read_text("utf-8"), page.relative_to(DOCS).as_posix(), readme
        )
        assert problems == []
        used |= found
    assert readme_sections.unpublished(readme, used) == []


def test_the_code_map_lists_every_module_with_the_first_line_of_its_docstring(
    tmp_path: Path,
) -> None:
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text('"""The package.\n\nMore."""\n')
    (package / "b.py").write_text('"""Second | with a pipe."""\n')
    (package / "a.py").write_text("x = 1\n")
    (package / "sub" / "c.py").write_text('"""Nested,\nover two lines."""\n')
    assert code_map.code_map("pkg", tmp_path).splitlines() == [
        "### `pkg/`", "", "| module | what it holds |", "|---|---|",
        "| `__init__.py` | The package. |", "| `a.py` |  |", "| `b.py` | Second \\| with a pipe. |",
        "",
        "### `pkg/sub/`", "", "| module | what it holds |", "|---|---|",
        "| `c.py` | Nested, over two lines. |",
    ]  # fmt: skip


def test_where_things_live_names_only_paths_that_exist() -> None:
    text = (DOCS / "where-things-live.md").read_text("utf-8")
    paths = set(re.findall(r"`((?:jbcrm|benchmarks|examples|tests)/[\w/.]*)`", text))
    assert len(paths) > 20
    assert [path for path in sorted(paths) if not (ROOT / path).exists()] == []


def test_sphinx_roles_become_inline_code() -> None:
    assert (
        sphinx_roles.plain(
            "See :class:`~jbcrm.RateLimit`, :meth:`Jetbuilt.aclose` and :data:`jbcrm.NULL`."
        )
        == "See `RateLimit`, `Jetbuilt.aclose` and `jbcrm.NULL`."
    )
