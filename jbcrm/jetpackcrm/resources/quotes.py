"""Quotes: ``GET /quotes``."""

from __future__ import annotations

from jbcrm._core.pagination import AsyncPaginator
from jbcrm.jetpackcrm._resource import DEFAULT_PER_PAGE, JetpackResource
from jbcrm.jetpackcrm.models.quotes import Quote


class Quotes(JetpackResource):
    """The CRM's quotes (read only through the API)."""

    __slots__ = ()

    def list(
        self, *, perpage: int = DEFAULT_PER_PAGE, read_ahead: bool = False
    ) -> AsyncPaginator[Quote]:
        """``GET /quotes``: every quote, newest first (the plugin's fixed order; it reads no
        sort order), without its HTML ``content``."""
        return self._list("quotes", Quote, perpage=perpage, read_ahead=read_ahead)
