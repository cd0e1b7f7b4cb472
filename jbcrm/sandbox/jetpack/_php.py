"""PHP's loose conversions, which decide how the plugin reads parameters and stores values."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import TypeVar

__all__ = [
    "is_valid_email",
    "page_slice",
    "php_empty",
    "php_int",
    "php_money",
    "php_text",
    "query_paging",
]

T = TypeVar("T")

_LEADING_INT = re.compile(r"\s*([+-]?\d+)")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_TAGS = re.compile(r"<[^>]*>")


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


def php_empty(value: object) -> bool:
    """`empty($value)`: null, false, 0, 0.0, "", "0" and empty arrays."""
    if isinstance(value, str):
        return value in ("", "0")
    return not value


def php_text(value: object) -> str:
    """`sanitize_text_field($value)`: the text a column ends up holding."""
    if value is None or value is False:
        return ""
    if value is True:
        return "1"
    if isinstance(value, list | dict):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(_TAGS.sub("", str(value)).split())


def php_money(value: object) -> Decimal:
    """A money column: a number or numeric string, two decimals; anything else is 0.00."""
    try:
        amount = Decimal(php_text(value) or "0").quantize(Decimal("0.01"))
    except InvalidOperation:
        return Decimal("0.00")
    return amount if amount.is_finite() else Decimal("0.00")


def is_valid_email(value: object) -> bool:
    """The plugin's `zeroBSCRM_validateEmail` in spirit: something@domain.tld."""
    return isinstance(value, str) and bool(_EMAIL.match(value.strip()))


def query_paging(page: str | None, perpage: str | None) -> tuple[int, int]:
    """`jpcrm_api_process_pagination`: a negative or missing page is 0, a negative or missing
    perpage is 10."""
    number = php_int(page, 0)
    size = php_int(perpage, 10)
    return (number if number >= 0 else 0), (size if size >= 0 else 10)


def page_slice(items: Sequence[T], page: int, perpage: int) -> list[T]:
    """The database layer's pages: 0 and 1 are both the first; perpage 0 gives nothing and a
    negative perpage everything."""
    if perpage < 0:
        return list(items)
    if perpage == 0:
        return []
    start = (max(page, 1) - 1) * perpage
    return list(items[start : start + perpage])
