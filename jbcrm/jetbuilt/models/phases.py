"""Project phases (Prewire, Trim, ...)."""

from __future__ import annotations

from datetime import datetime

import attrs

from jbcrm._core.models import Model


@attrs.frozen
class Phase(Model):
    """A phase: ``GET /phases``, and each of a project's ``phases`` (``GET /projects/<ID>``)."""

    id: int
    name: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
