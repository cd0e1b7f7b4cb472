"""Tags of a project."""

from __future__ import annotations

from datetime import datetime

import attrs

from jbcrm._core.models import Model


@attrs.frozen
class Tag(Model):
    """A tag: ``GET /projects/<PROJECT_ID>/tags``, and each of a project's ``tags``
    (``GET /projects/<ID>``)."""

    id: int
    name: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
