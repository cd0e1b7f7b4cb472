"""The simulated site's rows: plain dicts built from a table's columns and insert defaults."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jbcrm.sandbox.jetpack._records import INVOICE, LINE_ITEM, TRANSACTION, Transaction, line_net
from jbcrm.sandbox.jetpack._store import JetpackStore


def test_an_insert_fills_the_columns_it_leaves_out_with_the_tables_defaults() -> None:
    store = JetpackStore()
    row = store.transactions.insert(
        owner=0, contact_id=None, ref="R-1", status="Paid", created=5, lastupdated=6
    )
    assert type(row) is dict
    assert list(row) == list(Transaction.__annotations__) == list(TRANSACTION.names)
    assert (row["id"], row["ref"], row["lastupdated"]) == (1, "R-1", 6)
    assert (row["net"], row["total"], row["currency"], row["date"]) == (
        Decimal("0.00"),
        Decimal("0.00"),
        "",
        0,
    )
    again = {column: value for column, value in row.items() if column != "id"}
    assert store.transactions.insert(**{**again, "ref": "R-2"})["id"] == 2
    assert list(store.transactions) == [1, 2]
    with pytest.raises(TypeError, match="id"):
        store.transactions.insert(**row)


def test_a_list_or_dict_default_is_a_fresh_one_for_each_row() -> None:
    store = JetpackStore()
    first, second = (
        store.contacts.insert(owner=1, fields={}, custom={}, created=0, lastupdated=0)
        for _ in range(2)
    )
    first["tag_ids"].append(7)
    assert (first["tag_ids"], second["tag_ids"]) == ([7], [])
    one, other = (
        store.transactions.insert(
            owner=0, contact_id=None, ref=ref, status="", created=0, lastupdated=0
        )
        for ref in ("a", "b")
    )
    one["custom"]["channel"] = "web"
    assert other["custom"] == {}


def test_an_unknown_column_is_refused_on_insert_and_on_update() -> None:
    store = JetpackStore()
    with pytest.raises(TypeError, match="email"):
        store.contacts.insert(owner=1, fields={}, custom={}, created=0, lastupdated=0, email="x")
    row = store.events.insert(
        owner=0, title="t", desc="", start=0, end=0, complete=0, created=0, lastupdated=0
    )
    with pytest.raises(TypeError, match="titel"):
        store.events.columns.update(row, {"titel": "typo"})
    assert row["title"] == "t"
    store.events.columns.update(row, {"title": "renamed"})
    assert row["title"] == "renamed"


def test_a_column_without_a_default_must_be_given() -> None:
    with pytest.raises(KeyError, match="hash"):
        INVOICE.row(id=1, owner=0, contact_id=None, company_id=None, id_override="", status="")


def test_a_line_items_net_is_its_quantity_times_its_price_in_cents() -> None:
    item = LINE_ITEM.row(
        id=1, title="t", desc="", quantity=Decimal("3"), price=Decimal("0.335"), created=0
    )
    assert (line_net(item), item["tax"], item["currency"]) == (Decimal("1.00"), Decimal("0.00"), "")
