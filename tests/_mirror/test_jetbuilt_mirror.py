"""A Jetbuilt account mirrored into SQLite and into a real PostgreSQL server: row counts and
contents against the sandbox, and the requests each incremental rule needs."""

from __future__ import annotations

from collections.abc import Awaitable
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest
import sqlalchemy as sa

import jbcrm
from jbcrm._mirror._database import Database
from jbcrm._mirror._jetbuilt_tables import USERS
from jbcrm.sandbox import JetbuiltSandbox
from tests._mirror.conftest import as_json, count, query
from tests._mirror.sandbox_counts import (
    detail_requests,
    full_run,
    incremental_listings,
    whole_listings,
)


async def _all(result: Awaitable[sa.Result[Any]]) -> list[sa.Row[Any]]:
    return list((await result).all())


def _stamp(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(timezone.utc)


async def test_first_run_copies_every_record_with_typed_columns_and_raw_json(
    jetbuilt: jbcrm.Jetbuilt, jb_sandbox: JetbuiltSandbox, database_url: str
) -> None:
    summary = await jbcrm.mirror(jetbuilt, database_url)
    store = jb_sandbox.store
    listed = store.listed_projects()
    assert summary.ok
    assert summary.requests == full_run(jb_sandbox) == jb_sandbox.stats.requests
    assert summary.tables["jetbuilt_projects"].inserted == len(listed)
    expected = {
        "jetbuilt_projects": len(listed),
        "jetbuilt_line_items": sum(len(store.detail(p["id"]).line_items) for p in listed),
        "jetbuilt_options": sum(len(store.detail(p["id"]).options) for p in listed),
        "jetbuilt_rooms": sum(len(store.detail(p["id"]).rooms) for p in listed),
        "jetbuilt_systems": sum(len(store.detail(p["id"]).systems) for p in listed),
        "jetbuilt_clients": len(store.clients),
        "jetbuilt_contacts": len(store.contacts),
        "jetbuilt_users": len(store.users),
        "jetbuilt_products": sum(len(products) for products in store.products.values()),
        "jetbuilt_vendors": sum(len(vendors) for vendors in store.vendors.values()),
        "jetbuilt_purchase_orders": len(store.purchase_orders),
        "jetbuilt_tasks": len(store.tasks),
        "jetbuilt_time_sessions": len(store.time_sessions),
        "jetbuilt_stock_items": len(store.stock_items),
        "jetbuilt_stock_locations": len(store.stock_locations),
    }
    for table, records in expected.items():
        assert await count(database_url, table) == records, table
        assert summary.tables[table].inserted == records, table

    project = listed[7]
    [row] = await query(
        database_url,
        "SELECT name, stage, client_id, total, close_date, updated_at, raw, details_updated_at "
        "FROM jetbuilt_projects WHERE id = :id",
        id=project["id"],
    )
    assert (row.name, row.stage, row.client_id) == (
        project["name"], project["stage"], project["client"]["id"]
    )  # fmt: skip
    assert Decimal(str(row.total)) == Decimal(project["total"])
    assert str(row.close_date)[:10] == project["close_date"]
    raw = as_json(row.raw)
    assert raw == (await jetbuilt.projects.get(project["id"])).raw
    assert raw["rooms"]
    item = store.detail(project["id"]).line_items[0]
    [line] = await query(
        database_url,
        "SELECT model, quantity, room_id, updated_at FROM jetbuilt_line_items "
        "WHERE project_id = :project AND id = :id",
        project=project["id"],
        id=item["id"],
    )
    assert (line.model, Decimal(str(line.quantity)), line.room_id) == (
        item["model"], Decimal(item["quantity"]), item["room"]["id"]
    )  # fmt: skip


async def test_aware_utc_times_come_back_from_both_databases(
    jetbuilt: jbcrm.Jetbuilt, jb_sandbox: JetbuiltSandbox, database_url: str
) -> None:
    await jbcrm.mirror(jetbuilt, database_url, resources=["users"])
    database = await Database.open(database_url)
    try:
        rows = await database.read(
            lambda connection: _all(connection.execute(sa.select(USERS.table)))
        )
    finally:
        await database.close()
    stored = {row.id: row.updated_at for row in rows}
    for user_id, user in jb_sandbox.store.users.items():
        assert stored[user_id] == _stamp(user["updated_at"])
        assert stored[user_id].tzinfo is timezone.utc


async def test_a_second_run_right_after_sends_only_the_listings_the_rules_need(
    jetbuilt: jbcrm.Jetbuilt, jb_sandbox: JetbuiltSandbox, database_url: str
) -> None:
    await jbcrm.mirror(jetbuilt, database_url)
    jb_sandbox.reset_stats()
    summary = await jbcrm.mirror(jetbuilt, database_url)
    assert summary.ok
    expected = incremental_listings(jb_sandbox, 0) + whole_listings(jb_sandbox)
    assert summary.requests == jb_sandbox.stats.requests == expected
    assert all(counts.changed == 0 for counts in summary.tables.values())


async def test_changed_projects_alone_have_their_details_fetched_again(
    jetbuilt: jbcrm.Jetbuilt, jb_sandbox: JetbuiltSandbox, database_url: str
) -> None:
    await jbcrm.mirror(jetbuilt, database_url)
    edits = jb_sandbox.edit(projects=3, clients=2, products=2, seed=5)
    jb_sandbox.reset_stats()
    summary = await jbcrm.mirror(jetbuilt, database_url)
    details = sum(detail_requests(jb_sandbox, project_id) for project_id in edits.projects)
    expected = incremental_listings(jb_sandbox, 3) + whole_listings(jb_sandbox) + details
    assert summary.requests == jb_sandbox.stats.requests == expected
    assert summary.tables["jetbuilt_projects"].updated == 3
    assert summary.tables["jetbuilt_line_items"].updated == 3
    # A client's JSON holds its subclients: editing one changes its parent's row too.
    parents = {jb_sandbox.store.clients[c]["parent_id"] for c in edits.clients} - {None}
    assert summary.tables["jetbuilt_clients"].updated == len(set(edits.clients) | parents)
    assert summary.tables["jetbuilt_contacts"].updated == 2
    assert summary.tables["jetbuilt_products"].updated == 2
    for project_id in edits.projects:
        [row] = await query(
            database_url, "SELECT name FROM jetbuilt_projects WHERE id = :id", id=project_id
        )
        assert row.name.endswith("(revised)")
        notes = await query(
            database_url,
            "SELECT count(*) FROM jetbuilt_line_items WHERE project_id = :id "
            "AND raw_hash IS NOT NULL AND CAST(raw AS TEXT) LIKE '%Changed on site%'",
            id=project_id,
        )
        assert notes[0][0] == 1
    for client_id in edits.clients:
        [row] = await query(
            database_url, "SELECT city FROM jetbuilt_clients WHERE id = :id", id=client_id
        )
        assert row.city == "Springfield"
    for db_id, product_id in edits.products:
        [row] = await query(
            database_url,
            "SELECT price FROM jetbuilt_products WHERE db_id = :db AND id = :id",
            db=db_id,
            id=product_id,
        )
        assert Decimal(str(row.price)) == Decimal(
            jb_sandbox.store.products[db_id][product_id]["price"]
        )

    # Listed again (the overlap), but already read at their updated_at: no details this time.
    jb_sandbox.reset_stats()
    again = await jbcrm.mirror(jetbuilt, database_url)
    assert again.requests == incremental_listings(jb_sandbox, 3) + whole_listings(jb_sandbox)


async def test_only_a_full_run_marks_deleted_what_the_api_no_longer_lists(
    jetbuilt: jbcrm.Jetbuilt, jb_sandbox: JetbuiltSandbox, database_url: str
) -> None:
    await jbcrm.mirror(jetbuilt, database_url)
    edits = jb_sandbox.edit(remove_projects=2, seed=9)
    del jb_sandbox.store.users[min(jb_sandbox.store.users)]
    await jbcrm.mirror(jetbuilt, database_url)
    assert await count(database_url, "jetbuilt_projects", "deleted_at IS NOT NULL") == 0

    summary = await jbcrm.mirror(jetbuilt, database_url, full=True)
    assert summary.tables["jetbuilt_projects"].deleted == 2
    assert summary.tables["jetbuilt_users"].deleted == 1
    gone = await query(
        database_url, "SELECT id FROM jetbuilt_projects WHERE deleted_at IS NOT NULL"
    )
    assert sorted(row.id for row in gone) == sorted(edits.removed_projects)
    live_items = await query(
        database_url,
        "SELECT count(*) FROM jetbuilt_line_items i JOIN jetbuilt_projects p "
        "ON p.id = i.project_id WHERE p.deleted_at IS NOT NULL AND i.deleted_at IS NULL",
    )
    assert live_items[0][0] == 0
    assert await count(database_url, "jetbuilt_projects") == len(jb_sandbox.store.listed_projects())


async def test_a_new_revision_replaces_the_version_it_came_from(
    jetbuilt: jbcrm.Jetbuilt, jb_sandbox: JetbuiltSandbox, database_url: str
) -> None:
    await jbcrm.mirror(jetbuilt, database_url, resources=["projects"])
    old = jb_sandbox.store.listed_projects()[0]["id"]
    revision = await jetbuilt.projects.revisions.create(old, name="2.0")
    summary = await jbcrm.mirror(jetbuilt, database_url, resources=["projects"])
    assert summary.tables["jetbuilt_projects"].inserted == 1
    assert summary.tables["jetbuilt_projects"].deleted == 1
    rows = await query(
        database_url,
        "SELECT id, deleted_at FROM jetbuilt_projects WHERE id IN (:old, :new)",
        old=old,
        new=revision.id,
    )
    state = {row.id: row.deleted_at is not None for row in rows}
    assert state == {old: True, revision.id: False}


async def test_a_change_inside_a_project_through_the_api_is_found_by_the_next_run(
    jetbuilt: jbcrm.Jetbuilt, jb_sandbox: JetbuiltSandbox, database_url: str
) -> None:
    await jbcrm.mirror(jetbuilt, database_url, resources=["projects"])
    project_id = jb_sandbox.store.listed_projects()[3]["id"]
    item = jb_sandbox.store.detail(project_id).line_items[0]
    await jetbuilt.projects.items.update(project_id, item["id"], external_notes="moved")
    summary = await jbcrm.mirror(jetbuilt, database_url, resources=["projects"])
    assert summary.tables["jetbuilt_projects"].updated == 1
    assert summary.tables["jetbuilt_line_items"].updated == 1


async def test_a_record_that_does_not_decode_is_kept_with_its_json_and_the_rest_is_mirrored(
    jetbuilt: jbcrm.Jetbuilt, jb_sandbox: JetbuiltSandbox, database_url: str
) -> None:
    store = jb_sandbox.store
    bad_project = store.listed_projects()[4]
    bad_project["total"] = "N/A"
    bad_client = min(store.clients)
    store.clients[bad_client]["delinquent"] = {"unexpected": True}
    summary = await jbcrm.mirror(jetbuilt, database_url, resources=["projects", "clients"])
    assert not summary.ok
    assert summary.failures == []
    assert summary.tables["jetbuilt_projects"].errors == 1
    assert summary.tables["jetbuilt_clients"].errors == 1
    assert await count(database_url, "jetbuilt_projects") == len(store.listed_projects()) - 1
    assert await count(database_url, "jetbuilt_clients") == len(store.clients) - 1
    errors = await query(
        database_url, "SELECT resource, record_key, error, message, raw FROM sync_errors"
    )
    found = {row.resource: row for row in errors}
    assert set(found) == {"jetbuilt.projects", "jetbuilt.clients"}
    project_error = found["jetbuilt.projects"]
    assert project_error.record_key == f"id={bad_project['id']}"
    assert project_error.error == "DecodeError"
    assert "total" in project_error.message or "N/A" in project_error.message
    raw = as_json(project_error.raw)
    assert (raw["id"], raw["total"]) == (bad_project["id"], "N/A")
    assert found["jetbuilt.clients"].record_key == f"id={bad_client}"
    # The checkpoint moved on: the bad record does not block the next incremental run.
    state = await query(database_url, "SELECT checkpoint FROM sync_state "
                                      "WHERE resource = 'jetbuilt.projects'")  # fmt: skip
    assert state[0].checkpoint is not None


async def test_resources_choose_the_tables_written(
    jetbuilt: jbcrm.Jetbuilt, sqlite_url: str
) -> None:
    summary = await jbcrm.mirror(jetbuilt, sqlite_url, resources=["users", "stock"])
    assert set(summary.tables) == {
        "jetbuilt_users",
        "jetbuilt_stock_items",
        "jetbuilt_stock_locations",
        "jetbuilt_stock_products",
    }
    assert await count(sqlite_url, "jetbuilt_projects") == 0


@pytest.mark.parametrize("resources", [["invoices"], []])
async def test_a_resource_the_api_does_not_have_is_refused_before_anything_is_sent(
    jetbuilt: jbcrm.Jetbuilt, jb_sandbox: JetbuiltSandbox, sqlite_url: str, resources: list[str]
) -> None:
    with pytest.raises(jbcrm.InvalidArgumentError, match="choose from projects, clients"):
        await jbcrm.mirror(jetbuilt, sqlite_url, resources=resources)
    assert jb_sandbox.stats.requests == 0


async def test_the_overlap_reaches_back_before_the_checkpoint(
    jetbuilt: jbcrm.Jetbuilt, jb_sandbox: JetbuiltSandbox, sqlite_url: str
) -> None:
    await jbcrm.mirror(jetbuilt, sqlite_url, resources=["projects"])
    [state] = await query(
        sqlite_url, "SELECT checkpoint FROM sync_state WHERE resource = 'jetbuilt.projects'"
    )
    checkpoint = datetime.fromisoformat(str(state.checkpoint)).replace(tzinfo=timezone.utc)
    # A project saved on the server shortly before the checkpoint (its clock may lag ours).
    project = jb_sandbox.store.listed_projects()[0]
    moment = checkpoint - timedelta(minutes=3)
    project["updated_at"] = moment.astimezone(timezone(timedelta(hours=-8))).isoformat(
        timespec="milliseconds"
    )
    summary = await jbcrm.mirror(jetbuilt, sqlite_url, resources=["projects"])
    assert summary.tables["jetbuilt_projects"].updated == 1
    late = await jbcrm.mirror(
        jetbuilt, sqlite_url, resources=["projects"], overlap=timedelta(minutes=1)
    )
    assert late.tables["jetbuilt_projects"].updated == 0
