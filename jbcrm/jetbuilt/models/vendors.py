"""Vendors (manufacturers and distributors) and the products you have pricing for."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import attrs

from jbcrm._core.models import Model
from jbcrm.jetbuilt.models.common import NamedRef


@attrs.frozen
class Vendor(Model):
    """A connected vendor: ``GET /product_databases/<DB_ID>/vendors``, ``GET .../vendors/<ID>``.

    ``distributed_manufacturers`` is sent for distributors only.
    """

    id: int
    name: str | None = None
    rank: str | None = None
    preferred: bool | None = None
    purchasing_source: str | None = None
    #: A free-form label such as ``"Jan 2022"``, not a date.
    price_list_date: str | None = None
    discount_percentage: Decimal | None = None
    dealer_pricing_status: str | None = None
    manufacturer: bool | None = None
    distributor: bool | None = None
    distributed_manufacturers: list[NamedRef] = attrs.field(factory=list)


@attrs.frozen
class DealerPrice(Model):
    """Your connected cost for a vendor product: a vendor product's ``dealer_price``."""

    cost: Decimal | None = None
    sheet_date: date | None = None
    updated_at: datetime | None = None


@attrs.frozen
class VendorPurchasingSource(Model):
    """The purchasing source a vendor product is bought from: its ``purchasing_source``."""

    id: int
    dealer_number: str | None = None


@attrs.frozen
class VendorProduct(Model):
    """A vendor's product with your pricing: ``GET /product_databases/<DB_ID>/vendors/<VENDOR_ID>
    /products`` and ``.../products/<ID>`` (which answers a one-element array).

    ``manufacturer`` is the manufacturer's name here, not an object.
    """

    id: int
    model: str | None = None
    part_number: str | None = None
    short_description: str | None = None
    long_description: str | None = None
    msrp: Decimal | None = None
    mapp: Decimal | None = None
    discontinued: bool | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    dealer_price: DealerPrice | None = None
    manufacturer: str | None = None
    currency: str | None = None
    purchasing_source: VendorPurchasingSource | None = None
    favorite: bool | None = None
