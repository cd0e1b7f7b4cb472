"""The fast decoding path and the reference path agree on everything a real Jetpack CRM 6.4.4
answered: each recorded exchange, replayed through its SDK call on both paths, gives equal
models (raw JSON included) or the same error; and random contacts shaped like the plugin's
give the same outcome on both."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jbcrm import JBCRMError
from jbcrm._core import wire
from jbcrm.jetpackcrm import Company, Customer, Event, Invoice, Quote, Transaction
from tests.decode_paths import both, canon, decode_page, outcome_of_error, reference_path
from tests.jetpackcrm.test_replay import REPLAYS
from tests.recorded_exchanges import Exchange, exchange, exchanges


async def _outcome(replay: Any, recorded_site: Any, name: str) -> Any:
    _, crm = recorded_site(name, route=replay.route)
    try:
        return ("ok", canon(await replay.call(crm)))
    except JBCRMError as exc:
        return ("error", outcome_of_error(exc))


@pytest.mark.parametrize("recorded", exchanges(), ids=lambda e: e.name)
async def test_every_recorded_answer_gives_the_same_outcome_on_both_paths(
    recorded: Exchange, recorded_site: Any
) -> None:
    replay = REPLAYS[recorded.name]
    fast = await _outcome(replay, recorded_site, recorded.name)
    with reference_path():
        reference = await _outcome(replay, recorded_site, recorded.name)
    assert fast == reference


CONTACTS = exchange("customers--page1-perpage5").data()
EVENTS = exchange("events--list").data()
VALUES = st.none() | st.booleans() | st.integers(-2, 2**40) | st.text(max_size=8) | st.sampled_from(
    ["", "-1", "0", "1764322237", "2026-11-28 09:30:37", "11/28/2026", "false"]
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(key=st.sampled_from(sorted(CONTACTS[0])), value=VALUES)
def test_a_contact_with_one_random_value_gives_the_same_outcome_on_both_paths(
    key: str, value: Any
) -> None:
    page = json.dumps([dict(CONTACTS[0], **{key: value}), *CONTACTS[1:]]).encode()
    fast, reference = both(decode_page, page, Customer, None, "keep_raw")
    assert fast == reference


@settings(max_examples=100, deadline=None)
@given(key=st.sampled_from(sorted(EVENTS[0])), value=VALUES)
def test_an_event_with_one_random_value_gives_the_same_outcome_on_both_paths(
    key: str, value: Any
) -> None:
    page = json.dumps([dict(EVENTS[0], **{key: value})]).encode()
    fast, reference = both(decode_page, page, Event, None, "keep_raw")
    assert fast == reference


LISTED = {
    "customers": Customer,
    "events": Event,
    "transactions": Transaction,
    "invoices": Invoice,
    "quotes": Quote,
    "companies": Company,
}


@pytest.mark.parametrize(
    "recorded",
    [e for e in exchanges() if e.endpoint in LISTED and e.status == 200 and e.body.startswith("[")],
    ids=lambda e: e.name,
)
def test_the_fast_path_itself_accepts_every_recorded_record(recorded: Exchange) -> None:
    # Not a formality: the plugin's string ids and owners, -1 and unix times are read by the
    # fast path itself, not handed over to the reference path.
    texts = wire.split(recorded.body.encode(), None)
    assert texts is not None
    for text in texts:
        wire.decode(text, LISTED[recorded.endpoint])
