"""Vendors (manufacturers and distributors) of a product database, and their products."""

from __future__ import annotations

from jbcrm._core.pagination import AsyncPaginator
from jbcrm._core.params import TypedDict, Unpack
from jbcrm._core.paths import build_path
from jbcrm.jetbuilt._resource import JetbuiltResource
from jbcrm.jetbuilt.models import Vendor, VendorProduct


class VendorProductFilters(TypedDict, total=False):
    """The filters of ``jb.vendors.products.list``."""

    manufacturer_id: int | None
    distributed_products: bool | None


class VendorProducts(JetbuiltResource):
    """``jb.vendors.products``: a vendor's products with your connected pricing (the product
    database id and the vendor id come first)."""

    __slots__ = ()

    def list(
        self, db_id: int, vendor_id: int, **filters: Unpack[VendorProductFilters]
    ) -> AsyncPaginator[VendorProduct]:
        """``GET /product_databases/<DB_ID>/vendors/<VENDOR_ID>/products``: needs an approved
        dealer pricing integration. A vendor that both manufactures and distributes lists its
        own products unless ``distributed_products=True`` or ``manufacturer_id`` is given."""
        path = build_path(
            "/product_databases/{db_id}/vendors/{vendor_id}/products",
            db_id=db_id,
            vendor_id=vendor_id,
        )
        return self._list(path, VendorProduct, VendorProductFilters, filters)

    async def get(self, db_id: int, vendor_id: int, product_id: int) -> VendorProduct:
        """``GET /product_databases/<DB_ID>/vendors/<VENDOR_ID>/products/<ID>``: one product.

        The server answers a one-element array; an empty one raises
        :class:`~jbcrm.NotFoundError`.
        """
        path = build_path(
            "/product_databases/{db_id}/vendors/{vendor_id}/products/{product_id}",
            db_id=db_id,
            vendor_id=vendor_id,
            product_id=product_id,
        )
        return await self._get_only(
            path, VendorProduct, what=f"product {product_id} for vendor {vendor_id}"
        )


class Vendors(JetbuiltResource):
    """``jb.vendors``: the vendors connected to a product database (its id comes first; see
    ``jb.company.get()``)."""

    __slots__ = ()

    @property
    def products(self) -> VendorProducts:
        """``/product_databases/<DB_ID>/vendors/<VENDOR_ID>/products``."""
        return VendorProducts(self._client)

    def list(self, db_id: int) -> AsyncPaginator[Vendor]:
        """``GET /product_databases/<DB_ID>/vendors``: every connected vendor; distributors
        carry the manufacturers they distribute."""
        return self._list(build_path("/product_databases/{db_id}/vendors", db_id=db_id), Vendor)

    async def get(self, db_id: int, vendor_id: int) -> Vendor:
        """``GET /product_databases/<DB_ID>/vendors/<ID>``: one vendor (details need an
        approved dealer pricing integration)."""
        return await self._get(
            build_path(
                "/product_databases/{db_id}/vendors/{vendor_id}", db_id=db_id, vendor_id=vendor_id
            ),
            Vendor,
        )
