"""Market segments: each operation sends the documented request and decodes the
document's example."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import respx

from jbcrm import Jetbuilt
from tests.jetbuilt.fixtures import load
from tests.jetbuilt.resources.support import assert_sent, operation, spot

PACIFIC_DAYLIGHT = timezone(timedelta(hours=-7))


@operation("market_segments.list")
async def test_market_segments_list_filters_by_office(jb: Jetbuilt, api: respx.MockRouter) -> None:
    route = api.get("/market_segments").respond(json=load("market_segments_list"))
    segments = await jb.market_segments.list(office_id=1744).to_list()
    assert_sent(route, "GET", "/market_segments", query={"office_id": "1744"})
    spot(segments[0], {"id": 55, "office_id": 1744, "vertical_segment": "Healthcare"})
    assert segments[0].created_at == datetime(2023, 10, 8, 17, 29, 36, 201000, PACIFIC_DAYLIGHT)
