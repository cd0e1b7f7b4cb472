"""Purchase orders."""

from __future__ import annotations

from jbcrm._core.pagination import AsyncPaginator
from jbcrm._core.params import Unpack
from jbcrm._core.paths import build_path
from jbcrm.jetbuilt._resource import JetbuiltResource
from jbcrm.jetbuilt.models import PurchaseOrder, PurchaseOrderDetail
from jbcrm.jetbuilt.params import TimeFilters


class PurchaseOrderFilters(TimeFilters, total=False):
    """The filters of ``jb.purchase_orders.list``."""

    project_id: int | None


class PurchaseOrders(JetbuiltResource):
    """``jb.purchase_orders``: your purchase orders."""

    __slots__ = ()

    def list(self, **filters: Unpack[PurchaseOrderFilters]) -> AsyncPaginator[PurchaseOrder]:
        """``GET /purchase_orders``: every purchase order, or those of ``project_id`` and/or
        created or updated after ``min_*`` / before ``max_*`` (a ``date`` or ``datetime``, sent
        as ISO 8601; the server reads a naive value as UTC)."""
        return self._list("/purchase_orders", PurchaseOrder, PurchaseOrderFilters, filters)

    async def get(self, purchase_order_id: int) -> PurchaseOrderDetail:
        """``GET /purchase_orders/<ID>``: one purchase order with its line items."""
        return await self._get(
            build_path("/purchase_orders/{purchase_order_id}", purchase_order_id=purchase_order_id),
            PurchaseOrderDetail,
        )
