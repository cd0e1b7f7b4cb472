"""The company and its office locations."""

from __future__ import annotations

from datetime import datetime

import attrs

from jbcrm._core.models import Model


@attrs.frozen
class CompanyLocation(Model):
    """An office location, with the product database it uses: ``GET /company`` ``locations``."""

    id: int
    name: str | None = None
    time_zone: str | None = None
    product_database_id: int | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    address: str | None = None
    city: str | None = None
    state: str | None = None
    zipcode: str | None = None
    country: str | None = None


@attrs.frozen
class Company(Model):
    """Your company with its office locations: ``GET /company``."""

    id: int
    name: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    locations: list[CompanyLocation] = attrs.field(factory=list)
