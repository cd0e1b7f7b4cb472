"""A Jetpack CRM mirrored: every collection scanned whole, only changed rows written, and
deletions found by a full run."""

from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal

import jbcrm
from jbcrm.sandbox import JetpackSandbox
from tests._mirror.conftest import as_json, count, query

TABLES = {
    "jetpack_customers": "contacts",
    "jetpack_companies": "companies",
    "jetpack_quotes": "quotes",
    "jetpack_invoices": "invoices",
    "jetpack_transactions": "transactions",
    "jetpack_events": "events",
}


async def test_every_collection_is_copied_with_typed_columns(
    jetpack: jbcrm.JetpackCRM, jp_sandbox: JetpackSandbox, database_url: str
) -> None:
    summary = await jbcrm.mirror(jetpack, database_url)
    assert summary.ok
    # One page of 100 per collection (the site is small), and at most one more to confirm a
    # short first page is the end (the plugin may cap perpage).
    assert summary.requests == len(TABLES)
    assert len(TABLES) <= jp_sandbox.stats.requests <= 2 * len(TABLES)
    for table, collection in TABLES.items():
        expected = len(getattr(jp_sandbox.store, collection))
        assert expected > 0, collection
        assert await count(database_url, table) == expected, table
    customer = next(iter(jp_sandbox.store.contacts.values()))
    [row] = await query(
        database_url,
        "SELECT email, fname, created_at, raw FROM jetpack_customers WHERE id = :id",
        id=customer["id"],
    )
    assert (row.email, row.fname) == (customer["fields"]["email"], customer["fields"]["fname"])
    created = datetime.fromtimestamp(customer["created"], timezone.utc)
    assert str(row.created_at)[:19] == created.strftime("%Y-%m-%d %H:%M:%S")
    assert as_json(row.raw)["email"] == customer["fields"]["email"]
    invoice = next(iter(jp_sandbox.store.invoices.values()))
    [stored] = await query(
        database_url, "SELECT total, raw FROM jetpack_invoices WHERE id = :id", id=invoice["id"]
    )
    assert Decimal(str(stored.total)) == Decimal(str(as_json(stored.raw)["total"]))


async def test_a_rescan_writes_only_the_rows_whose_json_changed(
    jetpack: jbcrm.JetpackCRM, jp_sandbox: JetpackSandbox, database_url: str
) -> None:
    await jbcrm.mirror(jetpack, database_url)
    unchanged = await jbcrm.mirror(jetpack, database_url)
    assert all(counts.changed == 0 for counts in unchanged.tables.values())
    first, second = list(jp_sandbox.store.contacts.values())[:2]
    for customer in (first, second):
        await jetpack.customers.upsert(
            email=customer["fields"]["email"], fname="Changed", lname="Twice"
        )
    await jetpack.customers.upsert(email="new.one@example.com", fname="New")
    before = await query(
        database_url, "SELECT id, synced_at FROM jetpack_customers ORDER BY id LIMIT 5"
    )
    summary = await jbcrm.mirror(jetpack, database_url)
    counts = summary.tables["jetpack_customers"]
    assert (counts.inserted, counts.updated) == (1, 2)
    assert counts.unchanged == len(jp_sandbox.store.contacts) - 3
    after = {
        row.id: row.synced_at
        for row in await query(database_url, "SELECT id, synced_at FROM jetpack_customers")
    }
    untouched = [row for row in before if row.id not in (first["id"], second["id"])]
    assert all(after[row.id] == row.synced_at for row in untouched)
    [row] = await query(
        database_url, "SELECT fname FROM jetpack_customers WHERE id = :id", id=first["id"]
    )
    assert row.fname == "Changed"


async def test_a_full_run_marks_deleted_the_records_no_longer_listed(
    jetpack: jbcrm.JetpackCRM, jp_sandbox: JetpackSandbox, database_url: str
) -> None:
    await jbcrm.mirror(jetpack, database_url)
    gone = max(jp_sandbox.store.contacts)
    del jp_sandbox.store.contacts[gone]
    await jbcrm.mirror(jetpack, database_url)
    assert await count(database_url, "jetpack_customers", "deleted_at IS NOT NULL") == 0
    summary = await jbcrm.mirror(jetpack, database_url, full=True)
    assert summary.tables["jetpack_customers"].deleted == 1
    rows = await query(
        database_url, "SELECT id FROM jetpack_customers WHERE deleted_at IS NOT NULL"
    )
    assert [row.id for row in rows] == [gone]
    # Rewritten, but nothing else changed.
    assert summary.tables["jetpack_companies"].changed == 0
