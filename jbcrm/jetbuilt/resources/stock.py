"""Stock: items on hand, the locations they sit in, and stock levels per product."""

from __future__ import annotations

from jbcrm._core.pagination import AsyncPaginator
from jbcrm._core.params import Required, TypedDict, Unpack
from jbcrm._core.paths import build_path
from jbcrm.jetbuilt._resource import JetbuiltResource
from jbcrm.jetbuilt.enums import StockLocationKind
from jbcrm.jetbuilt.models import Deleted, StockItem, StockLocation, StockProduct


class StockItemCreate(TypedDict, total=False):
    """The arguments of ``jb.stock.items.create``."""

    company_product_id: Required[int]
    stock_location_id: Required[int]
    quantity: Required[int]
    serial_num: str | None


class StockItemUpdate(TypedDict):
    """The arguments of ``jb.stock.items.update``: only the quantity can change."""

    quantity: int


class StockLocationFields(TypedDict, total=False):
    """What a stock location's create and update both take."""

    position: str | None
    description: str | None


class StockLocationUpdate(StockLocationFields, total=False):
    """The arguments of ``jb.stock.locations.update``."""

    name: str | None


class StockLocationCreate(StockLocationFields, total=False):
    """The arguments of ``jb.stock.locations.create``."""

    kind: Required[StockLocationKind]
    name: Required[str]
    office_id: int | None
    project_id: int | None


class StockItems(JetbuiltResource):
    """``jb.stock.items``: stock items (serialized, quantity 1, or bulk)."""

    __slots__ = ()

    def list(self) -> AsyncPaginator[StockItem]:
        """``GET /stock/items``: every stock item."""
        return self._list("/stock/items", StockItem)

    async def get(self, item_id: int) -> StockItem:
        """``GET /stock/items/<ID>``: one stock item."""
        return await self._get(build_path("/stock/items/{item_id}", item_id=item_id), StockItem)

    async def create(self, **fields: Unpack[StockItemCreate]) -> StockItem:
        """``POST /stock/items``: put a company product (``jb.products``) in a stock location.
        With a ``serial_num`` the server ignores ``quantity`` and stores 1."""
        return await self._write("POST", "/stock/items", StockItem, StockItemCreate, fields)

    async def update(self, item_id: int, **fields: Unpack[StockItemUpdate]) -> StockItem:
        """``PATCH /stock/items/<ID>`` (documented as PUT): set the quantity (greater than 0;
        delete the item when none is left). Only the quantity can change."""
        path = build_path("/stock/items/{item_id}", item_id=item_id)
        return await self._write("PATCH", path, StockItem, StockItemUpdate, fields)

    async def delete(self, item_id: int) -> Deleted:
        """``DELETE /stock/items/<ID>``: remove a stock item."""
        return await self._delete(build_path("/stock/items/{item_id}", item_id=item_id))


class StockLocations(JetbuiltResource):
    """``jb.stock.locations``: where stock sits, at an office or at a project."""

    __slots__ = ()

    def list(self) -> AsyncPaginator[StockLocation]:
        """``GET /stock/locations``: every stock location."""
        return self._list("/stock/locations", StockLocation)

    async def get(self, location_id: int) -> StockLocation:
        """``GET /stock/locations/<ID>``: one stock location."""
        return await self._get(
            build_path("/stock/locations/{location_id}", location_id=location_id), StockLocation
        )

    async def create(self, **fields: Unpack[StockLocationCreate]) -> StockLocation:
        """``POST /stock/locations``: a ``"company"`` location needs ``office_id`` (an id from
        ``jb.company.get()``'s locations) and ``position``; a ``"project"`` location needs
        ``project_id`` instead."""
        return await self._write(
            "POST", "/stock/locations", StockLocation, StockLocationCreate, fields
        )

    async def update(
        self, location_id: int, **fields: Unpack[StockLocationUpdate]
    ) -> StockLocation:
        """``PATCH /stock/locations/<ID>`` (documented as PUT): change the fields given."""
        path = build_path("/stock/locations/{location_id}", location_id=location_id)
        return await self._write("PATCH", path, StockLocation, StockLocationUpdate, fields)

    async def delete(self, location_id: int) -> Deleted:
        """``DELETE /stock/locations/<ID>``: remove a stock location."""
        return await self._delete(
            build_path("/stock/locations/{location_id}", location_id=location_id)
        )


class StockProductItems(JetbuiltResource):
    """``jb.stock.products.items``: the stock items of one company product."""

    __slots__ = ()

    def list(self, company_product_id: int) -> AsyncPaginator[StockItem]:
        """``GET /stock/products/<COMPANY_PRODUCT_ID>/items``: every stock item of a product."""
        return self._list(
            build_path(
                "/stock/products/{company_product_id}/items", company_product_id=company_product_id
            ),
            StockItem,
        )


class StockProducts(JetbuiltResource):
    """``jb.stock.products``: stock levels per company product."""

    __slots__ = ()

    @property
    def items(self) -> StockProductItems:
        """``/stock/products/<COMPANY_PRODUCT_ID>/items``."""
        return StockProductItems(self._client)

    def list(self) -> AsyncPaginator[StockProduct]:
        """``GET /stock/products``: the quantity available of every product in stock."""
        return self._list("/stock/products", StockProduct)

    async def get(self, company_product_id: int) -> StockProduct:
        """``GET /stock/products/<COMPANY_PRODUCT_ID>``: a product's quantity available, also
        per office."""
        return await self._get(
            build_path(
                "/stock/products/{company_product_id}", company_product_id=company_product_id
            ),
            StockProduct,
        )


class Stock(JetbuiltResource):
    """``jb.stock``: the ``/stock`` family."""

    __slots__ = ()

    @property
    def items(self) -> StockItems:
        """``/stock/items``."""
        return StockItems(self._client)

    @property
    def locations(self) -> StockLocations:
        """``/stock/locations``."""
        return StockLocations(self._client)

    @property
    def products(self) -> StockProducts:
        """``/stock/products``."""
        return StockProducts(self._client)
