"""Time sessions (clocked work) and their time entries."""

from __future__ import annotations

from datetime import datetime

import attrs

from jbcrm._core.models import Model
from jbcrm.jetbuilt.models.common import NamedRef, UserRef


@attrs.frozen
class ProjectRef(Model):
    """The project a time session is for, with its display name: a time session's ``project``."""

    id: int
    full_name: str | None = None


@attrs.frozen
class TimeEntry(Model):
    """A stretch of work or a break within a time session: a time session's ``time_entries``.

    ``duration`` is in seconds; ``type`` is ``"work"`` or ``"break"``.
    """

    id: int
    start_at: datetime | None = None
    end_at: datetime | None = None
    time_zone: str | None = None
    duration: int | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    type: str | None = None
    running: bool | None = None
    labor_type: NamedRef | None = None


@attrs.frozen
class TimeSession(Model):
    """A time session with its entries: ``GET /time_sessions``, ``GET /time_sessions/<ID>``.

    Durations are in seconds; ``running`` says whether the clock is running now.
    """

    id: int
    start_at: datetime | None = None
    end_at: datetime | None = None
    time_zone: str | None = None
    duration: int | None = None
    work_duration: int | None = None
    break_duration: int | None = None
    num_breaks: int | None = None
    description: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    running: bool | None = None
    user: UserRef | None = None
    project: ProjectRef | None = None
    category: str | None = None
    time_entries: list[TimeEntry] = attrs.field(factory=list)
