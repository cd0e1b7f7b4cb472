"""The page guard: repeated pages caught by URL or content, repeated records dropped, and its
memory bounded however long the listing."""

from __future__ import annotations

import pytest

from jbcrm._core.pageguard import (
    MAX_STALE_PAGES,
    RECENT_IDS,
    RECENT_PAGES,
    PageGuard,
    item_id,
)


def page(*ids: int) -> list[dict[str, int]]:
    return [{"id": i} for i in ids]


def test_the_guards_memory_stays_bounded_over_a_long_listing() -> None:
    guard = PageGuard()
    for number in range(20_000):
        assert not guard.request_repeats(("things", number))
        kept, repeated = guard.admit(page(2 * number, 2 * number + 1), None)
        assert repeated is None
        assert len(kept) == 2
    assert len(guard._ids) == RECENT_IDS
    assert len(guard._id_order) == RECENT_IDS
    assert len(guard._requests._recent) == RECENT_PAGES
    assert len(guard._contents._recent) == RECENT_PAGES


@pytest.mark.parametrize("period", [1, 2, RECENT_PAGES, RECENT_PAGES + 1, 1_000])
def test_a_cycle_of_any_length_is_caught_within_two_rounds(period: int) -> None:
    guard = PageGuard()
    lead_in = 37
    for step in range(lead_in + 3 * period):
        key = step if step < lead_in else lead_in + (step - lead_in) % period
        if guard.request_repeats(("things", key)):
            assert step >= lead_in + period
            assert step <= lead_in + 2 * period + max(period, 1) + 1
            return
    pytest.fail("the cycle was never detected")


def test_a_page_whose_records_were_all_seen_is_dropped_then_taken_for_a_loop() -> None:
    guard = PageGuard()
    assert guard.admit(page(1, 2, 3), None) == (page(1, 2, 3), None)
    # Inserts shifted old records onto the next page: they are dropped, not yielded again.
    assert guard.admit(page(3, 4, 5), None) == (page(4, 5), None)
    assert guard.stats.repeats_dropped == 1
    for stale in range(1, MAX_STALE_PAGES):
        kept, repeated = guard.admit(page(5, 4, stale % 2 + 1), None)
        assert (kept, repeated) == ([], None)
    kept, repeated = guard.admit(page(1, 5, 4), None)
    assert repeated is not None
    assert "in a row" in repeated


def test_records_without_ids_are_recognised_by_the_page_digest() -> None:
    guard = PageGuard()
    rows = [{"name": "a"}, {"name": "a"}]
    assert guard.admit(rows, b"digest-1") == (rows, None)
    assert guard.admit(rows, b"digest-2") == (rows, None)
    assert guard.admit(rows, b"digest-1")[1] == "its content repeats a page already fetched"


def test_repeats_are_kept_when_dedupe_is_off() -> None:
    guard = PageGuard(dedupe=False)
    guard.admit(page(1, 2), None)
    assert guard.admit(page(2, 3), None) == (page(2, 3), None)
    assert guard.stats.repeats_dropped == 0


def test_only_int_and_string_ids_identify_a_record() -> None:
    class Obj:
        id = 7

    assert item_id(Obj()) == 7
    assert item_id({"id": "a-1"}) == "a-1"
    for odd in ({"id": True}, {"id": None}, {"id": [1]}, {"name": "x"}, 5):
        assert item_id(odd) is None


def test_a_link_back_to_the_first_page_is_caught_however_long_ago_it_was() -> None:
    guard = PageGuard()
    for number in range(1, 500):
        assert not guard.request_repeats(("things", number))
    assert guard.request_repeats(("things", 1))


def brent_catch(lead_in: int, period: int) -> int:
    """The token (counted from 1) at which Brent's checkpoints catch a cycle of ``period``
    tokens after ``lead_in`` others: the checkpoints are the tokens 1, 3, 7, ..., 2**k - 1, each
    compared with the next 2**k tokens; the first one inside the cycle whose round covers the
    period catches the cycle when its token comes back."""
    round_ = 1
    while not (round_ - 1 > lead_in and period <= round_):
        round_ *= 2
    return round_ - 1 + period


@pytest.mark.parametrize(("lead_in", "period"), [(100, 200), (300, 150), (5, 70), (1, 1_000)])
def test_a_cycle_longer_than_the_recent_pages_is_caught_at_its_checkpoints_return(
    lead_in: int, period: int
) -> None:
    guard = PageGuard()
    for count in range(1, lead_in + 5 * period):
        key = count if count <= lead_in else lead_in + 1 + (count - lead_in - 1) % period
        if guard.request_repeats(("things", key)):
            assert count == brent_catch(lead_in, period)
            return
    pytest.fail("the cycle was never caught")
