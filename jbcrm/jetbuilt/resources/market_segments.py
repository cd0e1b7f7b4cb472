"""Market segments, per office."""

from __future__ import annotations

from jbcrm._core.pagination import AsyncPaginator
from jbcrm.jetbuilt._resource import JetbuiltResource
from jbcrm.jetbuilt.models import MarketSegment


class MarketSegments(JetbuiltResource):
    """``jb.market_segments``: the market segments of your offices."""

    __slots__ = ()

    def list(self, *, office_id: int | None = None) -> AsyncPaginator[MarketSegment]:
        """``GET /market_segments``: every market segment, or those of office ``office_id``
        (an id from ``jb.company.get()``'s locations)."""
        return self._list("/market_segments", MarketSegment, params={"office_id": office_id})
