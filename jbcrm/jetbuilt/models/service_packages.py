"""Service packages of a project."""

from __future__ import annotations

from decimal import Decimal

import attrs

from jbcrm._core.models import Model


@attrs.frozen
class ServicePackage(Model):
    """A service package: ``GET /projects/<PROJECT_ID>/service_packages`` (item key
    ``service_packages``), ``GET/PUT /projects/<PROJECT_ID>/service_packages/<ID>``."""

    id: int
    name: str | None = None
    purchase_type: str | None = None
    pricing_method: str | None = None
    program_term: str | None = None
    price: Decimal | None = None
    cost: Decimal | None = None
    sold: bool | None = None
    taxed: bool | None = None
    taxable_amount_percent: Decimal | None = None
