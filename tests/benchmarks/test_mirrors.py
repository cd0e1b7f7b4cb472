"""The benchmarks' contenders decode the same fields as jbcrm: the pydantic, githubkit-based and
msgspec mirrors of a model give the same values for the documented project."""

from __future__ import annotations

import json
from decimal import Decimal

import msgspec
from githubkit.compat import GitHubModel, type_validate_json

from benchmarks._mirrors import msgspec_struct, pydantic_model
from jbcrm._core import wire
from jbcrm.jetbuilt.models import ProjectDetail
from tests.jetbuilt.fixtures import load


def test_every_mirror_reads_the_documented_project_as_jbcrm_does() -> None:
    body = json.dumps(load("project_get")).encode()
    ours = wire.decode(body, ProjectDetail)
    mirrors = [
        pydantic_model(ProjectDetail).model_validate_json(body),
        type_validate_json(pydantic_model(ProjectDetail, GitHubModel), body),
        msgspec.json.decode(body, type=msgspec_struct(ProjectDetail)),
    ]
    for mirror in mirrors:
        assert (mirror.id, mirror.total, mirror.created_at) == (
            ours.id,
            ours.total,
            ours.created_at,
        )
        assert mirror.requires_engineering is ours.requires_engineering is True
        assert mirror.paid_to_date.cents == 500
        assert ours.paid_to_date == Decimal("5.00")
        assert [room.name for room in mirror.rooms] == [room.name for room in ours.rooms]
        assert mirror.owner.full_name == ours.owner.full_name
