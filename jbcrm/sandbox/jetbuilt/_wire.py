"""Value formats of the Jetbuilt wire: timestamps, money strings and loose filter dates."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal, InvalidOperation

_PACIFIC_SUMMER = timezone(timedelta(hours=-7))
_PACIFIC_WINTER = timezone(timedelta(hours=-8))
_LOOSE_TIME = re.compile(
    r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?"
    r"\s*(Z|[+-]\d{2}:?\d{2}|[+-]\d{3})?\s*$"
)


def _pacific(moment: datetime) -> timezone:
    """The company's local offset: daylight time from mid-March to early November."""
    month, day = moment.month, moment.day
    summer = 3 < month < 11 or (month == 3 and day >= 10) or (month == 11 and day < 3)
    return _PACIFIC_SUMMER if summer else _PACIFIC_WINTER


def stamp(moment: datetime) -> str:
    """Format like Jetbuilt: milliseconds and the local offset, `2018-07-16T08:17:33.273-07:00`."""
    utc = moment.astimezone(timezone.utc)
    return utc.astimezone(_pacific(utc)).isoformat(timespec="milliseconds")


def now_stamp() -> str:
    """The current time in wire format, for records written through the API."""
    return stamp(datetime.now(timezone.utc))


def parse_stamp(text: str) -> datetime:
    """Read back a timestamp written by `stamp`."""
    return datetime.fromisoformat(text)


def parse_loose(text: str) -> datetime | None:
    """Read a filter value as the API does: `2023-7-28`, `2023-7-28 15:33:33 -700`, ISO 8601.

    The time defaults to midnight and the zone to UTC; anything unreadable gives None.
    """
    found = _LOOSE_TIME.match(text)
    if found is None:
        return None
    year, month, day, hour, minute, second, fraction, zone = found.groups()
    try:
        micro = int((fraction or "0").ljust(6, "0"))
        return datetime(
            int(year),
            int(month),
            int(day),
            int(hour or 0),
            int(minute or 0),
            int(second or 0),
            micro,
            tzinfo=_zone(zone),
        )
    except ValueError:
        return None


def _zone(text: str | None) -> timezone:
    if text is None or text == "Z":
        return timezone.utc
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "").rjust(4, "0")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def money(value: Decimal) -> str:
    """A decimal string as Rails renders BigDecimal: at least one decimal place (`"690.0"`)."""
    text = format(value.normalize(), "f")
    return text if "." in text else text + ".0"


def cents(value: Decimal, currency: str) -> dict[str, object]:
    """The money object some fields use: `{"cents": 500, "currency_iso": "USD"}`."""
    return {"cents": int((value * 100).to_integral_value()), "currency_iso": currency}


def to_decimal(value: object) -> Decimal | None:
    """A decimal from a JSON or form value, or None when it is not a number."""
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def to_int(value: object) -> int | None:
    """An integer from a JSON or form value (`"12"` or `12`), or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    return None


def to_bool(value: object) -> bool | None:
    """A boolean from JSON or form text (`"true"`, `"1"`, `false`), or None."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in {"true", "1", "t", "yes"}:
        return True
    if text in {"false", "0", "f", "no", ""}:
        return False
    return None


def to_date(value: object) -> date | None:
    """A calendar date from `2021-02-14`, or None."""
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        return None
