"""Invoices: ``GET /invoices``."""

from __future__ import annotations

from jbcrm._core.pagination import AsyncPaginator
from jbcrm.jetpackcrm._resource import DEFAULT_PER_PAGE, JetpackResource, Order
from jbcrm.jetpackcrm.models.invoices import Invoice


class Invoices(JetpackResource):
    """The CRM's invoices (read only through the API)."""

    __slots__ = ()

    def list(
        self,
        *,
        order: Order | None = None,
        perpage: int = DEFAULT_PER_PAGE,
        read_ahead: bool = False,
    ) -> AsyncPaginator[Invoice]:
        """``GET /invoices``: every invoice, newest first unless ``order="ASC"``."""
        return self._list(
            "invoices", Invoice, filters={"order": order}, perpage=perpage, read_ahead=read_ahead
        )
