"""griffe extension: the docstrings' Sphinx roles (``:class:`~jbcrm.RateLimit```) shown as
code (``RateLimit``), as an IDE shows them, instead of as literal role markup.

The docstrings are written for IDEs and ``help()``, which read Sphinx roles; the site's
Markdown renderer does not, so the roles are rewritten when griffe loads each object.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

_ROLE = re.compile(r":(?:class|meth|func|attr|data|exc|mod|obj):`(?P<tilde>~?)(?P<target>[^`]+)`")


def _code(match: re.Match[str]) -> str:
    target = match["target"]
    return f"`{target.rsplit('.', 1)[-1] if match['tilde'] else target}`"


def plain(text: str) -> str:
    """``text`` with every Sphinx role replaced by inline code."""
    return _ROLE.sub(_code, text)


class SphinxRolesAsCode(griffe.Extension):
    def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = plain(obj.docstring.value)
