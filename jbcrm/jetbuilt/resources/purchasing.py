"""Purchasing: the sources (suppliers) you buy from."""

from __future__ import annotations

from jbcrm._core.pagination import AsyncPaginator
from jbcrm._core.paths import build_path
from jbcrm.jetbuilt._resource import JetbuiltResource
from jbcrm.jetbuilt.models import PurchasingSource


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


class Purchasing(JetbuiltResource):
    """``jb.purchasing``: the ``/purchasing`` family (a project's purchasing view is
    ``jb.projects.purchasing``)."""

    __slots__ = ()

    @property
    def sources(self) -> PurchasingSources:
        """``/purchasing/sources``."""
        return PurchasingSources(self._client)
