"""Flat CSV cells from nested JSON records, so that no cell holds JSON.

- A nested object becomes dotted columns: ``{"client": {"id": 7}}`` gives ``client.id``.
- A list of plain values becomes one cell, the values joined with ``"; "``:
  ``["av", "audio"]`` gives ``av; audio``.
- A list holding objects (or lists) becomes numbered columns, counted from 1:
  ``[{"name": "Rack"}]`` gives ``rooms.1.name``.
- ``null``, an empty list and an empty object give an empty cell; ``true``/``false`` stay
  as JSON spells them; numbers and strings are written as sent.
- A text cell that a spreadsheet would run as a formula (it starts with ``=``, ``+``, ``-``,
  ``@``, a tab or a carriage return, and is not a number) gets a leading ``'``, the usual
  guard against formula injection through data anyone may have typed into a web form.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

LIST_SEPARATOR = "; "

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def flatten(record: Any) -> dict[str, str]:
    """The CSV cells of one record, by column name, in the record's own order."""
    row: dict[str, str] = {}
    # An explicit stack rather than recursion: a deeply nested body cannot exhaust the stack.
    top = record if isinstance(record, Mapping) else {"value": record}
    stack: list[tuple[str, Any]] = [("", top)]
    while stack:
        key, value = stack.pop()
        children = _children(key, value)
        if children is None:
            row[key] = _cell(value)
        else:
            stack.extend(reversed(children))
    return row


def _children(key: str, value: Any) -> list[tuple[str, Any]] | None:
    """The (column, value) pairs under a container, or None for a value that is one cell."""
    if isinstance(value, Mapping):
        if not value and key:
            return None
        return [(f"{key}.{name}" if key else str(name), item) for name, item in value.items()]
    if isinstance(value, list) and any(isinstance(item, (Mapping, list)) for item in value):
        return [(f"{key}.{index}", item) for index, item in enumerate(value, 1)]
    return None


def _cell(value: Any) -> str:
    if value is None or isinstance(value, Mapping):  # an object here is an empty one
        return ""
    if isinstance(value, list):
        return LIST_SEPARATOR.join(_cell(item) for item in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        if value.startswith(_FORMULA_START) and not _NUMBER.fullmatch(value):
            return "'" + value
        return value
    return str(value)
