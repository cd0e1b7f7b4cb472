"""Users of your company."""

from __future__ import annotations

from datetime import datetime

import attrs

from jbcrm._core.models import Model


@attrs.frozen
class User(Model):
    """An active user: ``GET /users``, ``GET /users/<ID>``."""

    id: int
    full_name: str | None = None
    email: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
