"""Market segments, per office."""

from __future__ import annotations

from jbcrm._core.pagination import AsyncPaginator
from jbcrm._core.params import TypedDict, Unpack
from jbcrm.jetbuilt._resource import JetbuiltResource
from jbcrm.jetbuilt.models import MarketSegment


class MarketSegmentFilters(TypedDict, total=False):
    """The filters of ``jb.market_segments.list``."""

    office_id: int | None


class MarketSegments(JetbuiltResource):
    """``jb.market_segments``: the market segments of your offices."""

    __slots__ = ()

    def list(self, **filters: Unpack[MarketSegmentFilters]) -> AsyncPaginator[MarketSegment]:
        """``GET /market_segments``: every market segment, or those of office ``office_id``
        (an id from ``jb.company.get()``'s locations)."""
        return self._list("/market_segments", MarketSegment, MarketSegmentFilters, filters)
