"""Tasks, with their steps and notes."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import attrs

from jbcrm._core.models import Model


@attrs.frozen
class TaskStep(Model):
    """A step of a task: a task's ``steps`` (``GET /tasks/<ID>``)."""

    description: str | None = None
    minutes: Decimal | None = None
    photo_required: bool | None = None


@attrs.frozen
class TaskNote(Model):
    """A note or comment on a task: a task's ``notes`` (``GET /tasks/<ID>``)."""

    user_id: int | None = None
    comment: str | None = None


@attrs.frozen
class Task(Model):
    """A task: ``GET /tasks``.

    ``start_date`` arrives as ``"10/30/2023"`` and ``start_time`` as a local clock time
    (``"8:30 AM"``) in ``time_zone``.
    """

    id: int
    name: str | None = None
    client_id: int | None = None
    project_id: int | None = None
    created_by_id: int | None = None
    completed_by_id: int | None = None
    completed_at: datetime | None = None
    minutes: Decimal | None = None
    lineitem_id: int | None = None
    phase_id: int | None = None
    labor_type_id: int | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    assigned_to_id: int | None = None
    due_on: date | None = None
    start_date: date | None = None
    start_time: str | None = None
    time_zone: str | None = None
    all_day: bool | None = None


@attrs.frozen
class TaskDetail(Task):
    """A task with its steps and notes: ``GET /tasks/<ID>``."""

    steps: list[TaskStep] = attrs.field(factory=list)
    notes: list[TaskNote] = attrs.field(factory=list)
