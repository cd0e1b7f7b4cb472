"""Products of a company product database."""

from __future__ import annotations

from jbcrm._core.pagination import AsyncPaginator
from jbcrm._core.params import TypedDict, Unpack
from jbcrm._core.paths import build_path
from jbcrm.jetbuilt._resource import Form, JetbuiltResource
from jbcrm.jetbuilt.enums import (
    HeatLoadUnit,
    LengthUnit,
    PowerUnit,
    RackUnit,
    WarrantyUnit,
    WeightUnit,
)
from jbcrm.jetbuilt.models import Product
from jbcrm.jetbuilt.params import Number, TimeFilters, Upload

#: With an image, a write is a multipart form of ``product[...]`` fields instead of JSON.
_IMAGE_FORM = Form(prefix="product", files=("image",))


class ProductFilters(TimeFilters, total=False):
    """The filters of ``jb.products.list``."""

    manufacturer_name: str | None
    model: str | None
    currency_code: str | None
    query: str | None


class ProductUpdate(TypedDict, total=False):
    """The arguments of ``jb.products.update`` (and of a create); each ``*_unit`` is one of the
    units the API names (:mod:`jbcrm.jetbuilt.enums`)."""

    cost: Number | None
    price: Number | None
    short_description: str | None
    image: Upload | None
    phase_id: int | None
    shipping_cost: Number | None
    shipping_price: Number | None
    notes: str | None
    favorite: bool | None
    tax_equipment: bool | None
    tax_labor: bool | None
    tax_shipping: bool | None
    warranty_value: Number | None
    warranty_unit: WarrantyUnit | None
    rack_value: Number | None
    rack_unit: RackUnit | None
    power_value: Number | None
    power_unit: PowerUnit | None
    poe_value: Number | None
    poe_unit: PowerUnit | None
    heat_load_value: Number | None
    heat_load_unit: HeatLoadUnit | None
    weight_value: Number | None
    weight_unit: WeightUnit | None
    height_value: Number | None
    height_unit: LengthUnit | None
    width_value: Number | None
    width_unit: LengthUnit | None
    depth_value: Number | None
    depth_unit: LengthUnit | None


class ProductCreate(ProductUpdate, total=False):
    """The arguments of ``jb.products.create``: these four cannot change afterwards."""

    manufacturer_name: str | None
    model: str | None
    product_id: int | None
    currency_code: str | None


class Products(JetbuiltResource):
    """``jb.products``: the products of a company product database (its id comes first; each
    office location's ``product_database_id`` is in ``jb.company.get()``)."""

    __slots__ = ()

    def list(self, db_id: int, **filters: Unpack[ProductFilters]) -> AsyncPaginator[Product]:
        """``GET /product_databases/<DB_ID>/products``: the products of a database.

        ``manufacturer_name``, ``model`` and ``currency_code`` (default USD on the server) must
        match exactly; all three together find at most one product. ``query`` matches loosely
        across manufacturer and model names and, when given, the server ignores the other
        filters. Date filters take a ``date`` or ``datetime`` (sent as ISO 8601, UTC when naive).
        """
        path = build_path("/product_databases/{db_id}/products", db_id=db_id)
        return self._list(path, Product, ProductFilters, filters)

    async def get(self, db_id: int, product_id: int) -> Product:
        """``GET /product_databases/<DB_ID>/products/<ID>``: one product."""
        path = build_path(
            "/product_databases/{db_id}/products/{product_id}", db_id=db_id, product_id=product_id
        )
        return await self._get(path, Product)

    async def create(self, db_id: int, **fields: Unpack[ProductCreate]) -> Product:
        """``POST /product_databases/<DB_ID>/products``: add a product to your database.

        Give ``manufacturer_name`` and ``model``, or the ``product_id`` of a manufacturer's
        product (see ``jb.vendors.products``): the server links it to direct pricing when it
        finds the product, else it becomes a custom product. With an ``image`` the request is
        sent as a multipart form (``product[...]`` fields) instead of JSON.
        """
        path = build_path("/product_databases/{db_id}/products", db_id=db_id)
        return await self._write("POST", path, Product, ProductCreate, fields, form=_IMAGE_FORM)

    async def update(self, db_id: int, product_id: int, **fields: Unpack[ProductUpdate]) -> Product:
        """``PATCH /product_databases/<DB_ID>/products/<ID>`` (documented as PUT, and without
        the id): change the fields given. The manufacturer, model, currency and
        ``product_id`` cannot change after creation."""
        path = build_path(
            "/product_databases/{db_id}/products/{product_id}", db_id=db_id, product_id=product_id
        )
        return await self._write("PATCH", path, Product, ProductUpdate, fields, form=_IMAGE_FORM)
