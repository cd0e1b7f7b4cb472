"""The Jetbuilt sandbox supports incremental sync: edits move `updated_at`, a change inside a
project touches the project, and `min_updated_at` lists exactly what changed."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

import jbcrm
from jbcrm.sandbox import JetbuiltSandbox


def _recently() -> datetime:
    return datetime.now(timezone.utc) - timedelta(minutes=1)


async def test_edited_records_are_what_min_updated_at_lists(
    jetbuilt: jbcrm.Jetbuilt, jb_sandbox: JetbuiltSandbox
) -> None:
    since = _recently()
    assert await jetbuilt.projects.list(min_updated_at=since).to_list() == []
    edits = jb_sandbox.edit(projects=3, products=2, seed=1)
    listed = await jetbuilt.projects.list(min_updated_at=since).to_list()
    assert sorted(p.id for p in listed) == sorted(edits.projects)
    assert all(p.name is not None and p.name.endswith("(revised)") for p in listed)
    for db_id, product_id in edits.products:
        products = await jetbuilt.products.list(db_id, min_updated_at=since).to_list()
        assert product_id in {p.id for p in products}


async def test_an_edited_project_has_a_changed_line_item(
    jetbuilt: jbcrm.Jetbuilt, jb_sandbox: JetbuiltSandbox
) -> None:
    [project_id] = jb_sandbox.edit(projects=1, seed=2).projects
    items = await jetbuilt.projects.items.list(project_id).to_list()
    assert [i.external_notes for i in items].count("Changed on site") == 1


async def test_a_client_edit_shows_in_its_contacts_too(
    jetbuilt: jbcrm.Jetbuilt, jb_sandbox: JetbuiltSandbox
) -> None:
    [client_id] = jb_sandbox.edit(clients=1, seed=3).clients
    client = await jetbuilt.clients.get(client_id)
    assert client.city == "Springfield"
    assert client.updated_at is not None
    assert client.updated_at > _recently()
    primary = [c for c in client.contacts if c.primary]
    assert [c.title for c in primary] == ["Director"]
    assert client.primary_contact_title == "Director"


async def test_removed_projects_are_not_listed_and_answer_404(
    jetbuilt: jbcrm.Jetbuilt, jb_sandbox: JetbuiltSandbox
) -> None:
    before = len(jb_sandbox.store.listed_projects())
    [gone] = jb_sandbox.edit(remove_projects=1, seed=4).removed_projects
    listed = await jetbuilt.projects.list().to_list()
    assert len(listed) == before - 1
    assert gone not in {p.id for p in listed}
    with pytest.raises(jbcrm.NotFoundError):
        await jetbuilt.with_options(max_retries=0).projects.get(gone)


async def test_a_change_inside_a_project_moves_the_projects_updated_at(
    jetbuilt: jbcrm.Jetbuilt, jb_sandbox: JetbuiltSandbox
) -> None:
    project = jb_sandbox.store.listed_projects()[2]
    since = _recently()
    item = jb_sandbox.store.detail(project["id"]).line_items[0]
    await jetbuilt.projects.items.update(project["id"], item["id"], short_description="new")
    created = await jetbuilt.projects.items.create(
        project["id"], manufacturer_name="Shure", model="SM58"
    )
    assert created.id
    listed = await jetbuilt.projects.list(min_updated_at=since).to_list()
    assert [p.id for p in listed] == [project["id"]]
