"""Discussions of a project and their comments."""

from __future__ import annotations

from datetime import datetime

import attrs

from jbcrm._core.models import Model
from jbcrm.jetbuilt.models.common import UserRef


@attrs.frozen
class Comment(Model):
    """A comment in a discussion: a discussion's ``comments``."""

    id: int
    created_at: datetime | None = None
    updated_at: datetime | None = None
    user: UserRef | None = None
    comment: str | None = None


@attrs.frozen
class Discussion(Model):
    """A discussion with its comments: ``GET /projects/<PROJECT_ID>/discussions``."""

    id: int
    title: str | None = None
    comments: list[Comment] = attrs.field(factory=list)
