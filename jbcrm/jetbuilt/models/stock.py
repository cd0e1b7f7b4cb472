"""Stock: items on hand, the locations they sit in, and stock levels per product."""

from __future__ import annotations

from datetime import datetime

import attrs

from jbcrm._core.models import Model, json_field


@attrs.frozen
class StockItem(Model):
    """A stock item: ``GET/POST /stock/items``, ``GET/PUT /stock/items/<ID>``,
    ``GET /stock/products/<COMPANY_PRODUCT_ID>/items``.

    An item with a ``serial_num`` has quantity 1; without one it is a bulk item.
    """

    id: int
    stock_location_id: int | None = None
    quantity: int | None = None
    serial_num: str | None = None
    status: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    company_product_id: int | None = None
    name: str | None = None


@attrs.frozen
class StockLocation(Model):
    """A stock location: ``GET/POST /stock/locations``, ``GET/PUT /stock/locations/<ID>``.

    ``kind`` holds :data:`jbcrm.jetbuilt.enums.StockLocationKind`: a ``"company"`` location has
    an ``office_id``, a ``"project"`` location a ``project_id``.
    """

    id: int
    name: str | None = None
    position: str | None = None
    description: str | None = None
    office_id: int | None = None
    project_id: int | None = None
    kind: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None


@attrs.frozen
class StockOffice(Model):
    """The stock of a product at one office: a stock product's ``offices``."""

    id: int
    # The document spells this key "quantity_avaliable" (sic) inside ``offices``.
    quantity_available: int | None = json_field("quantity_avaliable", default=None)


@attrs.frozen
class StockProduct(Model):
    """Stock level of a company product: ``GET /stock/products``, and with the breakdown per
    office ``GET /stock/products/<COMPANY_PRODUCT_ID>``."""

    company_product_id: int
    name: str | None = None
    quantity_available: int | None = None
    offices: list[StockOffice] = attrs.field(factory=list)
