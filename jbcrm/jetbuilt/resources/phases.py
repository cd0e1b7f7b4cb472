"""Project phases."""

from __future__ import annotations

from jbcrm._core.pagination import AsyncPaginator
from jbcrm.jetbuilt._resource import JetbuiltResource
from jbcrm.jetbuilt.models import Phase


class Phases(JetbuiltResource):
    """``jb.phases``: the phases (Prewire, Trim, ...) your projects use."""

    __slots__ = ()

    def list(self) -> AsyncPaginator[Phase]:
        """``GET /phases``: every phase."""
        return self._list("/phases", Phase)
