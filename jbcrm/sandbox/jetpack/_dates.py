"""How the site prints a unix time: in its own time zone, in the several formats the plugin mixes.

A real site shows `created_date` as "12/01/2026" (the CRM's date format), an invoice's
`date_date` as "November 30, 2026" (WordPress's), a transaction's `date_date` as
"2026-11-29 04:00:00" (the database layout), all in the site's time zone; a date custom
field's `_cfdate` is printed in UTC whatever the zone.
"""

from __future__ import annotations

from datetime import datetime, timezone, tzinfo
from typing import Literal
from zoneinfo import ZoneInfo

import attrs

__all__ = ["NotSet", "SiteDates"]

NotSet = Literal[False]


@attrs.frozen
class SiteDates:
    """Formats for one site time zone (an IANA name; WordPress's default is UTC)."""

    zone_name: str = "UTC"
    zone: tzinfo = attrs.field(init=False)

    @zone.default
    def _zone(self) -> tzinfo:
        return timezone.utc if self.zone_name == "UTC" else ZoneInfo(self.zone_name)

    def _local(self, timestamp: int) -> datetime:
        return datetime.fromtimestamp(timestamp, self.zone)

    def db(self, timestamp: int) -> str:
        """ "2026-12-01 03:00:41": a DATETIME column, in local time."""
        return self._local(timestamp).strftime("%Y-%m-%d %H:%M:%S")

    def db_or_false(self, timestamp: int) -> str | NotSet:
        return self.db(timestamp) if timestamp > 0 else False

    def crm(self, timestamp: int) -> str | NotSet:
        """ "12/01/2026": the CRM's date format, or false for no time."""
        return self._local(timestamp).strftime("%m/%d/%Y") if timestamp > 0 else False

    def wordpress(self, timestamp: int) -> str | NotSet:
        """ "November 30, 2026": WordPress's date format, or false for no time."""
        return self.wordpress_day(timestamp) if timestamp > 0 else False

    def wordpress_day(self, timestamp: int) -> str:
        moment = self._local(timestamp)
        return f"{moment:%B} {moment.day}, {moment.year}"

    def wordpress_time(self, timestamp: int) -> str:
        """ "April 11, 1980 7:00 pm": WordPress's date and time formats."""
        moment = self._local(timestamp)
        hour = moment.hour % 12 or 12
        noon = "pm" if moment.hour >= 12 else "am"
        return f"{moment:%B} {moment.day}, {moment.year} {hour}:{moment:%M} {noon}"

    @staticmethod
    def utc_day(timestamp: int) -> str:
        """ "04/12/1980": a date custom field's `_cfdate`, always printed in UTC."""
        return datetime.fromtimestamp(timestamp, timezone.utc).strftime("%m/%d/%Y")
