"""The types of Jetbuilt request arguments: numbers, dates, uploads, and the time filters that
several listings share. Each operation's own arguments are a ``TypedDict`` beside it in
:mod:`jbcrm.jetbuilt.resources` (``ProjectUpdate``...)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import IO

from jbcrm._core.params import TypedDict

#: A decimal request value: a ``Decimal`` is sent as a string (exact), a number as a number.
Number = Decimal | int | float
#: A date/time filter: sent as ISO 8601; the server reads a naive value as UTC.
When = date | datetime
#: A file to upload: raw bytes, a binary file object, or ``(filename, content[, content_type])``.
Upload = bytes | IO[bytes] | tuple[str, bytes | IO[bytes]] | tuple[str, bytes | IO[bytes], str]


class TimeFilters(TypedDict, total=False):
    """Records created or updated after ``min_*`` / before ``max_*`` (a ``date`` or
    ``datetime``, sent as ISO 8601; the server reads a naive value as UTC)."""

    min_created_at: When | None
    max_created_at: When | None
    min_updated_at: When | None
    max_updated_at: When | None
