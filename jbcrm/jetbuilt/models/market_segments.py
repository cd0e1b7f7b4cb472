"""Market segments, per office."""

from __future__ import annotations

from datetime import datetime

import attrs

from jbcrm._core.models import Model


@attrs.frozen
class MarketSegment(Model):
    """A market segment of an office: ``GET /market_segments``."""

    id: int
    office_id: int | None = None
    name: str | None = None
    vertical_segment: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
