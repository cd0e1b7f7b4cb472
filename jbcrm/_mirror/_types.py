"""Column types that read the same on SQLite and PostgreSQL.

- :class:`UTCDateTime`: ``TIMESTAMP WITH TIME ZONE`` on PostgreSQL; on SQLite (which has no
  time zones) the UTC time as text. Either way an aware ``datetime`` in UTC comes back, never
  a local time that silently lost its offset.
- :data:`AMOUNT`: ``NUMERIC``: exact on PostgreSQL; SQLite keeps 15 significant digits (the
  exact value is always in the row's ``raw`` JSON).
- :data:`RAW_JSON`: ``JSONB`` on PostgreSQL, JSON text on SQLite.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Dialect

AMOUNT = sa.Numeric(asdecimal=True)
RAW_JSON = sa.JSON().with_variant(JSONB(), "postgresql")


class UTCDateTime(sa.TypeDecorator[datetime]):
    """An aware datetime stored in UTC (a naive one is read as UTC, as the APIs do)."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        utc = (value if value.tzinfo else value.replace(tzinfo=timezone.utc)).astimezone(
            timezone.utc
        )
        return utc if dialect.name == "postgresql" else utc.replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        moment: datetime = value
        if moment.tzinfo is None:
            return moment.replace(tzinfo=timezone.utc)
        return moment.astimezone(timezone.utc)
