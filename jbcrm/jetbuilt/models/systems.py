"""Systems of a project."""

from __future__ import annotations

from datetime import datetime

import attrs

from jbcrm._core.models import Model


@attrs.frozen
class System(Model):
    """A system: ``GET /projects/<PROJECT_ID>/systems``, and each of a project's ``systems``
    (``GET /projects/<ID>``, which adds ``scope`` and ``active``)."""

    id: int
    name: str | None = None
    scope: str | None = None
    active: bool | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
