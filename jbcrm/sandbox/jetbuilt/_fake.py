"""Small seeded generators shared by the data builders: moments, money, people."""

from __future__ import annotations

import random
from datetime import datetime, timezone
from decimal import Decimal

from jbcrm.sandbox.jetbuilt._names import FIRST_NAMES, LAST_NAMES
from jbcrm.sandbox.jetbuilt._wire import stamp

EPOCH_START = datetime(2016, 1, 4, 9, 0, tzinfo=timezone.utc).timestamp()
EPOCH_END = datetime(2024, 6, 28, 17, 0, tzinfo=timezone.utc).timestamp()


def moment(rng: random.Random, low: float = EPOCH_START, high: float = EPOCH_END) -> float:
    """A POSIX time in [low, high], to the millisecond."""
    return round(rng.uniform(low, max(low, high)), 3)


def to_stamp(seconds: float) -> str:
    """A POSIX time in wire format."""
    return stamp(datetime.fromtimestamp(seconds, timezone.utc))


def to_day(seconds: float) -> str:
    """The UTC calendar date of a POSIX time, `2021-02-14`."""
    return datetime.fromtimestamp(seconds, timezone.utc).date().isoformat()


def lifespan(
    rng: random.Random, low: float = EPOCH_START, high: float = EPOCH_END
) -> tuple[float, float]:
    """A created and a later updated time inside [low, high]."""
    created = moment(rng, low, high)
    return created, moment(rng, created, min(high, created + 400 * 86400))


def amount(rng: random.Random, low: float, high: float, places: int = 2) -> Decimal:
    """A money amount in [low, high]."""
    return Decimal(str(round(rng.uniform(low, high), places)))


def person(rng: random.Random) -> tuple[str, str]:
    """A first and last name."""
    return rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)


def phone(rng: random.Random) -> str:
    """A US phone number as people type them."""
    return f"555-{rng.randint(100, 999)}-{rng.randint(1000, 9999)}"


def email(first: str, last: str, domain: str) -> str:
    """An address at a reserved example domain."""
    return f"{first}.{last}@{domain}".lower()
