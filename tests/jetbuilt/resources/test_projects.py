"""Projects, their revisions and the lists inside a project: each operation sends the documented
request and decodes the document's example."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
import respx

from jbcrm import InvalidArgumentError, Jetbuilt
from tests.jetbuilt.fixtures import load
from tests.jetbuilt.resources.support import assert_sent, operation, spot

LIST_CASES = [
    pytest.param(
        lambda jb: jb.projects.options.list(97739),
        "/projects/97739/options",
        "project_options_list",
        {"id": 27409, "name": "option1", "upgrade_total": Decimal("870.70"), "room": None},
        marks=operation("projects.options.list"),
        id="options",
    ),
    pytest.param(
        lambda jb: jb.projects.options.rooms.list(97739, 27409),
        "/projects/97739/options/27409/rooms",
        "project_option_rooms_list",
        {"id": 3234, "name": "Main Room", "quantity": Decimal(1)},
        marks=operation("projects.options.rooms.list"),
        id="option-rooms",
    ),
    pytest.param(
        lambda jb: jb.projects.options.purchasing.list(97739, 27409),
        "/projects/97739/options/27409/purchasing",
        "project_purchasing_list",
        {"ids": [123, 145, 167], "source.name": "Audio Supplier", "sold_change_order": False},
        marks=operation("projects.options.purchasing.list"),
        id="option-purchasing",
    ),
    pytest.param(
        lambda jb: jb.projects.rooms.list(97739),
        "/projects/97739/rooms",
        "project_rooms_list",
        {"id": 3234, "name": "Main Room"},
        marks=operation("projects.rooms.list"),
        id="rooms",
    ),
    pytest.param(
        lambda jb: jb.projects.systems.list(97739),
        "/projects/97739/systems",
        "project_systems_list",
        {"id": 3234, "name": "Audio system"},
        marks=operation("projects.systems.list"),
        id="systems",
    ),
    pytest.param(
        lambda jb: jb.projects.tags.list(97739),
        "/projects/97739/tags",
        "project_tags_list",
        {"id": 3234, "name": "Tag"},
        marks=operation("projects.tags.list"),
        id="tags",
    ),
    pytest.param(
        lambda jb: jb.projects.discussions.list(97739),
        "/projects/97739/discussions",
        "project_discussions_list",
        {"title": "discussion name", "comments.0.user.full_name": "John S"},
        marks=operation("projects.discussions.list"),
        id="discussions",
    ),
    pytest.param(
        lambda jb: jb.projects.purchasing.list(97739),
        "/projects/97739/purchasing",
        "project_purchasing_list",
        {"full_name": "ACME 123", "total_order_cost": Decimal("300.0")},
        marks=operation("projects.purchasing.list"),
        id="purchasing",
    ),
    pytest.param(
        lambda jb: jb.projects.service_packages.list(97739),
        "/projects/97739/service_packages",
        "project_service_packages_list",
        {"id": 3395, "name": "Annual Maintenance", "taxable_amount_percent": Decimal("100.0")},
        marks=operation("projects.service_packages.list"),
        id="service-packages",
    ),
]


@pytest.mark.parametrize(("call", "path", "fixture", "expected"), LIST_CASES)
async def test_project_part_list_gets_its_path_and_decodes_items(
    jb: Jetbuilt,
    api: respx.MockRouter,
    call: Any,
    path: str,
    fixture: str,
    expected: dict[str, Any],
) -> None:
    route = api.get(path).respond(json=load(fixture))
    items = await call(jb).to_list()
    assert_sent(route, "GET", path)
    assert len(items) == 1
    spot(items[0], expected)


@operation("projects.list")
async def test_projects_list_sends_stage_and_iso_dates(jb: Jetbuilt, api: respx.MockRouter) -> None:
    route = api.get("/projects").respond(json=load("projects_list"))
    projects = await jb.projects.list(
        stage="lost", min_created_at=date(2018, 7, 1), max_updated_at=date(2018, 11, 1)
    ).to_list()
    assert_sent(
        route,
        "GET",
        "/projects",
        query={"stage": "lost", "min_created_at": "2018-07-01", "max_updated_at": "2018-11-01"},
    )
    project = projects[0]
    spot(project, {"id": 97739, "stage": "lost", "requires_engineering": True, "budget": None})
    assert project.paid_to_date == Decimal("5.00")
    assert project.exchange_rates == {"CAD": Decimal("1.243825")}


@operation("projects.get")
async def test_projects_get_decodes_rooms_labor_and_versions(
    jb: Jetbuilt, api: respx.MockRouter
) -> None:
    route = api.get("/projects/97739").respond(json=load("project_get"))
    project = await jb.projects.get(97739)
    assert_sent(route, "GET", "/projects/97739")
    spot(project, {"total_margin": Decimal("42.0"), "owner.full_name": "John Smith"})
    assert [room.name for room in project.rooms] == ["Room 1", "Room 2"]
    assert project.labor[0].total_hours == Decimal("1.5")
    assert [version.id for version in project.versions] == [97737, 97738]


@operation("projects.create")
async def test_projects_create_posts_flat_json(jb: Jetbuilt, api: respx.MockRouter) -> None:
    route = api.post("/projects").respond(201, json=load("project_get"))
    project = await jb.projects.create(
        location_id=4,
        user_id=12,
        name="Big Project",
        budget=Decimal("150000"),
        paid_to_date=Decimal("5.0"),
        probability=Decimal("0.5"),
        close_date=date(2021, 1, 3),
        client_id=689,
        custom_id="P - 123",
        currency="USD",
        short_description="Project description",
        city="",
        price_valid_until=date(2021, 10, 13),
        tax=Decimal("0.05"),
        project_type="design",
        avso_region="Québec",
    )
    assert_sent(
        route,
        "POST",
        "/projects",
        body={
            "location_id": 4,
            "user_id": 12,
            "name": "Big Project",
            "budget": "150000",
            "paid_to_date": "5.0",
            "probability": "0.5",
            "close_date": "2021-01-03",
            "client_id": 689,
            "custom_id": "P - 123",
            "currency": "USD",
            "short_description": "Project description",
            "city": "",
            "price_valid_until": "2021-10-13",
            "tax": "0.05",
            "project_type": "design",
            "avso_region": "Québec",
        },
    )
    assert project.id == 97739


@operation("projects.update")
async def test_projects_update_patches_given_fields(jb: Jetbuilt, api: respx.MockRouter) -> None:
    route = api.patch("/projects/97739").respond(json=load("project_get"))
    project = await jb.projects.update(
        97739, user_id=5, stage="estimate", probability=0.8, close_date=date(2021, 3, 1)
    )
    assert_sent(
        route,
        "PATCH",
        "/projects/97739",
        body={"user_id": 5, "stage": "estimate", "probability": 0.8, "close_date": "2021-03-01"},
    )
    assert project.stage == "lost"


@pytest.mark.parametrize(
    ("call", "argument"),
    [
        (lambda jb: jb.projects.update(1, stage="done"), "stage"),
        (lambda jb: jb.projects.update(1, project_type="retail"), "project_type"),
        (lambda jb: jb.projects.update(1, avso_region="Quebec"), "avso_region"),
        (
            lambda jb: jb.projects.create(
                location_id=1, user_id=1, client_id=1, name="x", project_type="retail"
            ),
            "project_type",
        ),
        (
            lambda jb: jb.projects.create(
                location_id=1, user_id=1, client_id=1, name="x", avso_region="Yukon"
            ),
            "avso_region",
        ),
    ],
)
async def test_projects_refuse_unknown_enumerated_values_before_sending(
    jb: Jetbuilt, api: respx.MockRouter, call: Any, argument: str
) -> None:
    with pytest.raises(InvalidArgumentError, match=f"{argument}=.*use one of"):
        await call(jb)
    assert not api.calls


async def test_projects_list_refuses_an_unknown_stage_before_sending(
    jb: Jetbuilt, api: respx.MockRouter
) -> None:
    with pytest.raises(InvalidArgumentError, match=r"stage='won'.*opportunity, estimate"):
        jb.projects.list(stage="won")  # type: ignore[arg-type]
    assert not api.calls


@operation("projects.revisions.create")
async def test_revisions_create_posts_name_and_description(
    jb: Jetbuilt, api: respx.MockRouter
) -> None:
    route = api.post("/projects/97739/revisions").respond(201, json=load("project_get"))
    version = await jb.projects.revisions.create(
        97739, name="1.2", description="Changed a few things"
    )
    assert_sent(
        route,
        "POST",
        "/projects/97739/revisions",
        body={"name": "1.2", "description": "Changed a few things"},
    )
    assert version.version == "1.3"
