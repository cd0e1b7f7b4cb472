"""Your company and its office locations."""

from __future__ import annotations

from jbcrm.jetbuilt._resource import JetbuiltResource
from jbcrm.jetbuilt.models import Company


class CompanyResource(JetbuiltResource):
    """``jb.company``: the company the API key belongs to."""

    __slots__ = ()

    async def get(self) -> Company:
        """``GET /company``: the company, its office locations and the product database each
        location uses (the ``db_id`` of :attr:`Jetbuilt.products` and :attr:`Jetbuilt.vendors`)."""
        return await self._get("/company", Company)
