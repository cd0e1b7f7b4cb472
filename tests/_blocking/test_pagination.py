"""The sync paginator is a plain iterator over the async one's items and pages."""

from __future__ import annotations

import pytest

import jbcrm
from jbcrm.sandbox import JetbuiltSandbox


def test_iterating_yields_every_item_in_order_and_sets_total_and_stats(
    sync_jetbuilt_client: jbcrm.SyncJetbuilt, jetbuilt_sandbox: JetbuiltSandbox
) -> None:
    listed = sync_jetbuilt_client.projects.list()
    ids = [project.id for project in listed]
    expected = [p["id"] for p in jetbuilt_sandbox.store.listed_projects()]
    assert ids == expected
    assert listed.total == len(expected)
    assert listed.stats.items == len(expected)
    assert listed.stats.pages == -(-len(expected) // 25)


def test_pages_come_in_order_with_their_numbers(sync_jetbuilt_client: jbcrm.SyncJetbuilt) -> None:
    pages = list(sync_jetbuilt_client.projects.list().pages())
    assert [page.number for page in pages] == list(range(1, len(pages) + 1))
    assert all(isinstance(page, jbcrm.Page) for page in pages)


def test_breaking_out_of_the_loop_sends_no_further_requests(
    sync_jetbuilt_client: jbcrm.SyncJetbuilt, jetbuilt_sandbox: JetbuiltSandbox
) -> None:
    listed = sync_jetbuilt_client.projects.list()
    for _ in listed:
        break
    sent = jetbuilt_sandbox.stats.requests
    assert sent >= 1
    assert jetbuilt_sandbox.stats.requests == sent
    assert listed.stats.pages == 1


def test_to_list_with_a_limit_stops_fetching_once_it_has_enough(
    sync_jetbuilt_client: jbcrm.SyncJetbuilt, jetbuilt_sandbox: JetbuiltSandbox
) -> None:
    first = sync_jetbuilt_client.projects.list().to_list(limit=30)
    assert len(first) == 30
    assert jetbuilt_sandbox.stats.requests == 2


def test_first_page_is_not_fetched_again_by_the_iteration_after_it(
    sync_jetbuilt_client: jbcrm.SyncJetbuilt, jetbuilt_sandbox: JetbuiltSandbox
) -> None:
    listed = sync_jetbuilt_client.projects.list()
    first = listed.first_page()
    assert listed.total is not None
    again = next(iter(listed.pages()))
    assert again.items == first.items
    assert jetbuilt_sandbox.stats.requests == 1


def test_the_line_items_paginator_gives_the_factors(
    sync_jetbuilt_client: jbcrm.SyncJetbuilt, jetbuilt_sandbox: JetbuiltSandbox
) -> None:
    project = jetbuilt_sandbox.store.listed_projects()[0]["id"]
    items = sync_jetbuilt_client.projects.items.list(project)
    factors = items.factors()
    assert isinstance(items, jbcrm.SyncPaginator)
    assert factors == list(items.extras["factors"])
    assert len(items.to_list()) == len(jetbuilt_sandbox.store.detail(project).line_items)


def test_dedupe_set_on_the_sync_paginator_is_the_async_paginators(
    sync_jetpack_client: jbcrm.SyncJetpackCRM,
) -> None:
    listed = sync_jetpack_client.customers.list(perpage=5)
    listed.dedupe = False
    assert listed.dedupe is False
    assert listed._async.dedupe is False


def test_the_sync_paginator_offers_everything_the_async_paginator_does(
    sync_jetbuilt_client: jbcrm.SyncJetbuilt,
) -> None:
    paginator = sync_jetbuilt_client.projects.list()._async
    offered = {n for n in [*dir(jbcrm.AsyncPaginator), *vars(paginator)] if not n.startswith("_")}
    missing = {n for n in offered if not hasattr(jbcrm.SyncPaginator, n)}
    assert offered
    assert missing == set()


def test_on_decode_error_keep_raw_yields_the_odd_record_and_goes_on(
    sync_jetbuilt_client: jbcrm.SyncJetbuilt, jetbuilt_sandbox: JetbuiltSandbox
) -> None:
    odd = jetbuilt_sandbox.store.listed_projects()[3]
    odd["total"] = "N/A"
    listed = sync_jetbuilt_client.projects.list()
    lenient = listed.on_decode_error("keep_raw")
    assert isinstance(lenient, jbcrm.SyncPaginator)
    assert lenient is not listed
    items = lenient.to_list()
    undecoded = [item for item in items if isinstance(item, jbcrm.UndecodedRecord)]
    assert [record.id for record in undecoded] == [odd["id"]]
    assert len(items) == len(jetbuilt_sandbox.store.listed_projects())
    with pytest.raises(jbcrm.ResponseDecodeError):
        listed.to_list()
    with pytest.raises(jbcrm.InvalidArgumentError, match="keep_raw"):
        listed.on_decode_error("skip")  # type: ignore[call-overload]
