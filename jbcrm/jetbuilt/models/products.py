"""Products of a company product database."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import attrs

from jbcrm._core.models import Model
from jbcrm.jetbuilt.models.common import NamedRef


@attrs.frozen
class Product(Model):
    """A product of your company database: ``GET/POST /product_databases/<DB_ID>/products``,
    ``GET/PUT /product_databases/<DB_ID>/products/<ID>``.

    The ``*_unit`` fields hold the values of :mod:`jbcrm.jetbuilt.enums` (``WarrantyUnit``,
    ``WeightUnit``, ``LengthUnit``, ...). ``product_id`` is the manufacturer's product in the
    Jetbuilt database (``None`` for a custom product).
    """

    id: int
    model: str | None = None
    currency_code: str | None = None
    product_id: int | None = None
    cost: Decimal | None = None
    price: Decimal | None = None
    short_description: str | None = None
    msrp: Decimal | None = None
    mapp: Decimal | None = None
    image_url: str | None = None
    phase_id: int | None = None
    shipping_cost: Decimal | None = None
    shipping_price: Decimal | None = None
    discontinued: bool | None = None
    notes: str | None = None
    warranty_value: Decimal | None = None
    warranty_unit: str | None = None
    rack_value: Decimal | None = None
    rack_unit: str | None = None
    power_value: Decimal | None = None
    power_unit: str | None = None
    poe_value: Decimal | None = None
    poe_unit: str | None = None
    heat_load_value: Decimal | None = None
    heat_load_unit: str | None = None
    weight_value: Decimal | None = None
    weight_unit: str | None = None
    height_value: Decimal | None = None
    height_unit: str | None = None
    width_value: Decimal | None = None
    width_unit: str | None = None
    depth_value: Decimal | None = None
    depth_unit: str | None = None
    manufacturer: NamedRef | None = None
    custom: bool | None = None
    direct_pricing: bool | None = None
    tax_equipment: bool | None = None
    tax_labor: bool | None = None
    tax_shipping: bool | None = None
    favorite: bool | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
