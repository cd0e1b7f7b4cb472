"""PHP's loose conversions, which decide how the plugin reads parameters and writes dates."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from datetime import datetime, timezone
from decimal import Decimal, InvalidOperation
from typing import Literal, TypeVar

__all__ = [
    "db_datetime",
    "is_valid_email",
    "paginate",
    "php_bool",
    "php_int",
    "php_money",
    "php_text",
    "site_date",
]

T = TypeVar("T")

_LEADING_INT = re.compile(r"\s*([+-]?\d+)")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def php_int(value: object, default: int) -> int:
    """`(int) $value`: leading digits of a string, 0 for junk, `default` when absent."""
    if value is None:
        return default
    if isinstance(value, bool | int):
        return int(value)
    if isinstance(value, float):
        return int(value) if math.isfinite(value) else 0
    if isinstance(value, str):
        match = _LEADING_INT.match(value)
        return int(match.group(1)) if match else 0
    return default


def php_bool(value: object) -> bool:
    """`(bool) $value`: only "", "0", 0, empty arrays and null are false ("false" is true)."""
    if isinstance(value, str):
        return value not in ("", "0")
    return bool(value)


def php_text(value: object) -> str:
    """How a JSON value ends up in a text column."""
    if value is None or value is False:
        return ""
    if value is True:
        return "1"
    if isinstance(value, list | dict):
        return "Array"
    return str(value)


def php_money(value: object) -> Decimal:
    """A money column: a number or numeric string, two decimals; anything else is 0.00."""
    try:
        amount = Decimal(php_text(value).strip() or "0").quantize(Decimal("0.01"))
    except InvalidOperation:
        return Decimal("0.00")
    return amount if amount.is_finite() else Decimal("0.00")


def is_valid_email(value: object) -> bool:
    """The plugin's `zeroBSCRM_validateEmail` in spirit: something@domain.tld."""
    return isinstance(value, str) and bool(_EMAIL.match(value.strip()))


def site_date(timestamp: int) -> str | Literal[False]:
    """A `*_date` companion in the site's date format ("11/28/2026"), false for none."""
    if timestamp <= 0:
        return False
    return datetime.fromtimestamp(timestamp, timezone.utc).strftime("%m/%d/%Y")


def db_datetime(timestamp: int) -> str:
    """A MySQL DATETIME as the plugin prints it ("2026-11-28 09:30:37")."""
    return datetime.fromtimestamp(timestamp, timezone.utc).strftime("%Y-%m-%d %H:%M:%S")


def paginate(items: Sequence[T], page: int, perpage: int) -> list[T]:
    """1-based pages; page <= 0 is the first; perpage 0 gives nothing, negative everything."""
    if perpage < 0:
        return list(items)
    if perpage == 0:
        return []
    start = (max(page, 1) - 1) * perpage
    return list(items[start : start + perpage])
