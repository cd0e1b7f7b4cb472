"""Purchasing: the sources (suppliers) you buy from, and a project's line items grouped for
ordering."""

from __future__ import annotations

from jbcrm._core.pagination import AsyncPaginator
from jbcrm._core.paths import build_path
from jbcrm.jetbuilt._resource import JetbuiltResource
from jbcrm.jetbuilt.models import PurchasingLineItem, PurchasingSource


class PurchasingSources(JetbuiltResource):
    """``jb.purchasing.sources``: your purchasing sources."""

    __slots__ = ()

    def list(self) -> AsyncPaginator[PurchasingSource]:
        """``GET /purchasing/sources``: every purchasing source."""
        return self._list("/purchasing/sources", PurchasingSource)

    async def get(self, source_id: int) -> PurchasingSource:
        """``GET /purchasing/sources/<ID>``: one purchasing source."""
        return await self._get(
            build_path("/purchasing/sources/{source_id}", source_id=source_id), PurchasingSource
        )


class ProjectPurchasing(JetbuiltResource):
    """``jb.projects.purchasing``: a project's line items grouped for purchasing."""

    __slots__ = ()

    def list(self, project_id: int) -> AsyncPaginator[PurchasingLineItem]:
        """``GET /projects/<PROJECT_ID>/purchasing``: the line items consolidated for
        ordering (``ids`` lists the grouped items), with their purchasing source when set."""
        path = build_path("/projects/{project_id}/purchasing", project_id=project_id)
        return self._list(path, PurchasingLineItem, item_key="line_items")


class Purchasing(JetbuiltResource):
    """``jb.purchasing``: the ``/purchasing`` family (a project's purchasing view is
    ``jb.projects.purchasing``)."""

    __slots__ = ()

    @property
    def sources(self) -> PurchasingSources:
        """``/purchasing/sources``."""
        return PurchasingSources(self._client)
