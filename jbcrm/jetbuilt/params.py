"""The types of Jetbuilt request arguments: numbers, dates and uploads."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import IO

#: A decimal request value: a ``Decimal`` is sent as a string (exact), a number as a number.
Number = Decimal | int | float
#: A date/time filter: sent as ISO 8601; the server reads a naive value as UTC.
When = date | datetime
#: A file to upload: raw bytes, a binary file object, or ``(filename, content[, content_type])``.
Upload = bytes | IO[bytes] | tuple[str, bytes | IO[bytes]] | tuple[str, bytes | IO[bytes], str]
