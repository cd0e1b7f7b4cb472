"""Products of a company product database."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jbcrm._core.pagination import AsyncPaginator
from jbcrm._core.paths import build_path
from jbcrm.jetbuilt._resource import JetbuiltResource, Number, Upload, When, check_choice
from jbcrm.jetbuilt.enums import (
    HEAT_LOAD_UNITS,
    LENGTH_UNITS,
    POWER_UNITS,
    RACK_UNITS,
    WARRANTY_UNITS,
    WEIGHT_UNITS,
    HeatLoadUnit,
    LengthUnit,
    PowerUnit,
    RackUnit,
    WarrantyUnit,
    WeightUnit,
)
from jbcrm.jetbuilt.models import Product

_UNITS: Mapping[str, tuple[str, ...]] = {
    "warranty_unit": WARRANTY_UNITS,
    "rack_unit": RACK_UNITS,
    "power_unit": POWER_UNITS,
    "poe_unit": POWER_UNITS,
    "heat_load_unit": HEAT_LOAD_UNITS,
    "weight_unit": WEIGHT_UNITS,
    "height_unit": LENGTH_UNITS,
    "width_unit": LENGTH_UNITS,
    "depth_unit": LENGTH_UNITS,
}


def _check_units(body: Mapping[str, Any]) -> None:
    for name, allowed in _UNITS.items():
        check_choice(name, body.get(name), allowed)


class Products(JetbuiltResource):
    """``jb.products``: the products of a company product database (its id comes first; each
    office location's ``product_database_id`` is in ``jb.company.get()``)."""

    __slots__ = ()

    def list(
        self,
        db_id: int,
        *,
        manufacturer_name: str | None = None,
        model: str | None = None,
        currency_code: str | None = None,
        query: str | None = None,
        min_created_at: When | None = None,
        max_created_at: When | None = None,
        min_updated_at: When | None = None,
        max_updated_at: When | None = None,
    ) -> AsyncPaginator[Product]:
        """``GET /product_databases/<DB_ID>/products``: the products of a database.

        ``manufacturer_name``, ``model`` and ``currency_code`` (default USD on the server) must
        match exactly; all three together find at most one product. ``query`` matches loosely
        across manufacturer and model names and, when given, the server ignores the other
        filters. Date filters take a ``date`` or ``datetime`` (sent as ISO 8601, UTC when naive).
        """
        params = {
            "manufacturer_name": manufacturer_name,
            "model": model,
            "currency_code": currency_code,
            "query": query,
            "min_created_at": min_created_at,
            "max_created_at": max_created_at,
            "min_updated_at": min_updated_at,
            "max_updated_at": max_updated_at,
        }
        return self._list(
            build_path("/product_databases/{db_id}/products", db_id=db_id), Product, params=params
        )

    async def get(self, db_id: int, product_id: int) -> Product:
        """``GET /product_databases/<DB_ID>/products/<ID>``: one product."""
        return await self._get(
            build_path(
                "/product_databases/{db_id}/products/{product_id}",
                db_id=db_id,
                product_id=product_id,
            ),
            Product,
        )

    async def create(
        self,
        db_id: int,
        *,
        manufacturer_name: str | None = None,
        model: str | None = None,
        product_id: int | None = None,
        currency_code: str | None = None,
        cost: Number | None = None,
        price: Number | None = None,
        short_description: str | None = None,
        image: Upload | None = None,
        phase_id: int | None = None,
        shipping_cost: Number | None = None,
        shipping_price: Number | None = None,
        notes: str | None = None,
        favorite: bool | None = None,
        tax_equipment: bool | None = None,
        tax_labor: bool | None = None,
        tax_shipping: bool | None = None,
        warranty_value: Number | None = None,
        warranty_unit: WarrantyUnit | None = None,
        rack_value: Number | None = None,
        rack_unit: RackUnit | None = None,
        power_value: Number | None = None,
        power_unit: PowerUnit | None = None,
        poe_value: Number | None = None,
        poe_unit: PowerUnit | None = None,
        heat_load_value: Number | None = None,
        heat_load_unit: HeatLoadUnit | None = None,
        weight_value: Number | None = None,
        weight_unit: WeightUnit | None = None,
        height_value: Number | None = None,
        height_unit: LengthUnit | None = None,
        width_value: Number | None = None,
        width_unit: LengthUnit | None = None,
        depth_value: Number | None = None,
        depth_unit: LengthUnit | None = None,
    ) -> Product:
        """``POST /product_databases/<DB_ID>/products``: add a product to your database.

        Give ``manufacturer_name`` and ``model``, or the ``product_id`` of a manufacturer's
        product (see ``jb.vendors.products``): the server links it to direct pricing when it
        finds the product, else it becomes a custom product. With an ``image`` the request is
        sent as a multipart form (``product[...]`` fields) instead of JSON.
        """
        body = {
            "manufacturer_name": manufacturer_name,
            "model": model,
            "currency_code": currency_code,
            "product_id": product_id,
            "cost": cost,
            "price": price,
            "short_description": short_description,
            "phase_id": phase_id,
            "shipping_cost": shipping_cost,
            "shipping_price": shipping_price,
            "notes": notes,
            "favorite": favorite,
            "tax_equipment": tax_equipment,
            "tax_labor": tax_labor,
            "tax_shipping": tax_shipping,
            "warranty_value": warranty_value,
            "warranty_unit": warranty_unit,
            "rack_value": rack_value,
            "rack_unit": rack_unit,
            "power_value": power_value,
            "power_unit": power_unit,
            "poe_value": poe_value,
            "poe_unit": poe_unit,
            "heat_load_value": heat_load_value,
            "heat_load_unit": heat_load_unit,
            "weight_value": weight_value,
            "weight_unit": weight_unit,
            "height_value": height_value,
            "height_unit": height_unit,
            "width_value": width_value,
            "width_unit": width_unit,
            "depth_value": depth_value,
            "depth_unit": depth_unit,
        }
        _check_units(body)
        files = None if image is None else {"product[image]": image}
        path = build_path("/product_databases/{db_id}/products", db_id=db_id)
        return await self._create(path, Product, body, files=files, form_prefix="product")

    async def update(
        self,
        db_id: int,
        product_id: int,
        *,
        cost: Number | None = None,
        price: Number | None = None,
        short_description: str | None = None,
        image: Upload | None = None,
        phase_id: int | None = None,
        shipping_cost: Number | None = None,
        shipping_price: Number | None = None,
        notes: str | None = None,
        favorite: bool | None = None,
        tax_equipment: bool | None = None,
        tax_labor: bool | None = None,
        tax_shipping: bool | None = None,
        warranty_value: Number | None = None,
        warranty_unit: WarrantyUnit | None = None,
        rack_value: Number | None = None,
        rack_unit: RackUnit | None = None,
        power_value: Number | None = None,
        power_unit: PowerUnit | None = None,
        poe_value: Number | None = None,
        poe_unit: PowerUnit | None = None,
        heat_load_value: Number | None = None,
        heat_load_unit: HeatLoadUnit | None = None,
        weight_value: Number | None = None,
        weight_unit: WeightUnit | None = None,
        height_value: Number | None = None,
        height_unit: LengthUnit | None = None,
        width_value: Number | None = None,
        width_unit: LengthUnit | None = None,
        depth_value: Number | None = None,
        depth_unit: LengthUnit | None = None,
    ) -> Product:
        """``PATCH /product_databases/<DB_ID>/products/<ID>`` (documented as PUT, and without
        the id): change the fields given. The manufacturer, model, currency and
        ``product_id`` cannot change after creation."""
        body = {
            "cost": cost,
            "price": price,
            "short_description": short_description,
            "phase_id": phase_id,
            "shipping_cost": shipping_cost,
            "shipping_price": shipping_price,
            "notes": notes,
            "favorite": favorite,
            "tax_equipment": tax_equipment,
            "tax_labor": tax_labor,
            "tax_shipping": tax_shipping,
            "warranty_value": warranty_value,
            "warranty_unit": warranty_unit,
            "rack_value": rack_value,
            "rack_unit": rack_unit,
            "power_value": power_value,
            "power_unit": power_unit,
            "poe_value": poe_value,
            "poe_unit": poe_unit,
            "heat_load_value": heat_load_value,
            "heat_load_unit": heat_load_unit,
            "weight_value": weight_value,
            "weight_unit": weight_unit,
            "height_value": height_value,
            "height_unit": height_unit,
            "width_value": width_value,
            "width_unit": width_unit,
            "depth_value": depth_value,
            "depth_unit": depth_unit,
        }
        _check_units(body)
        files = None if image is None else {"product[image]": image}
        path = build_path(
            "/product_databases/{db_id}/products/{product_id}", db_id=db_id, product_id=product_id
        )
        return await self._update(path, Product, body, files=files, form_prefix="product")
