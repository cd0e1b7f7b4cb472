"""Purchase orders."""

from __future__ import annotations

from jbcrm._core.pagination import AsyncPaginator
from jbcrm._core.paths import build_path
from jbcrm.jetbuilt._resource import JetbuiltResource, When
from jbcrm.jetbuilt.models import PurchaseOrder, PurchaseOrderDetail


class PurchaseOrders(JetbuiltResource):
    """``jb.purchase_orders``: your purchase orders."""

    __slots__ = ()

    def list(
        self,
        *,
        project_id: int | None = None,
        min_created_at: When | None = None,
        max_created_at: When | None = None,
        min_updated_at: When | None = None,
        max_updated_at: When | None = None,
    ) -> AsyncPaginator[PurchaseOrder]:
        """``GET /purchase_orders``: every purchase order, or those of ``project_id`` and/or
        created or updated after ``min_*`` / before ``max_*`` (a ``date`` or ``datetime``, sent
        as ISO 8601; the server reads a naive value as UTC)."""
        params = {
            "project_id": project_id,
            "min_created_at": min_created_at,
            "max_created_at": max_created_at,
            "min_updated_at": min_updated_at,
            "max_updated_at": max_updated_at,
        }
        return self._list("/purchase_orders", PurchaseOrder, params=params)

    async def get(self, purchase_order_id: int) -> PurchaseOrderDetail:
        """``GET /purchase_orders/<ID>``: one purchase order with its line items."""
        return await self._get(
            build_path("/purchase_orders/{purchase_order_id}", purchase_order_id=purchase_order_id),
            PurchaseOrderDetail,
        )
