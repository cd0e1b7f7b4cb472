"""Invoices: ``GET /invoices``."""

from __future__ import annotations

from jbcrm._core.pagination import AsyncPaginator
from jbcrm.jetpackcrm._resource import DEFAULT_PER_PAGE, JetpackResource
from jbcrm.jetpackcrm.models.invoices import Invoice


class Invoices(JetpackResource):
    """The CRM's invoices (read only through the API)."""

    __slots__ = ()

    def list(
        self, *, perpage: int = DEFAULT_PER_PAGE, read_ahead: bool = False
    ) -> AsyncPaginator[Invoice]:
        """``GET /invoices``: every invoice, in ascending id order (the plugin reads no sort
        order)."""
        return self._list("invoices", Invoice, perpage=perpage, read_ahead=read_ahead)
