"""The fast decoding path on whole pages: the records of a body split as bytes, a page decoded
by the twins in one pass (bare or wrapped in an object) or refused whole, its decoders made once;
and every documented Jetbuilt answer and recorded Jetpack CRM page decoded by the twins
themselves into the models the reference path makes."""

from __future__ import annotations

import gc
import json

import msgspec
import pytest

from jbcrm._core import wire
from jbcrm._core.convert import structure
from tests._core.test_wire import FULL, Record, on_the_fast_path, page
from tests.decode_paths import canon
from tests.jetbuilt.fixtures import load
from tests.jetbuilt.test_models import CASES
from tests.jetpackcrm.test_decode_paths import LISTED
from tests.recorded_exchanges import Exchange, exchanges

pytestmark = pytest.mark.usefixtures("fresh_decoding")


def test_split_gives_each_records_bytes_or_none_for_a_body_that_is_no_list() -> None:
    assert wire.split(b'[{"id": 1}, {"id": [2, 3]}]', None) == [
        msgspec.Raw(b'{"id": 1}'),
        msgspec.Raw(b'{"id": [2, 3]}'),
    ]
    assert wire.split(b'{"items": [{"id": 1}], "other": 2}', "items") == [msgspec.Raw(b'{"id": 1}')]
    assert wire.split(b'{"stuff": [{"id": 1}]}', "stuff") == [msgspec.Raw(b'{"id": 1}')]
    assert wire.split(b'{"items": null}', "items") == []
    assert wire.split(b'{"other": 1}', "items") == []
    assert wire.split(b'{"id": 1}', None) is None
    assert wire.split(b"[1, ", None) is None
    assert wire.split(b'[{"id": 1}]', "items") is None
    assert wire.split(b'{"items": {"id": 1}}', "items") is None


def test_a_page_is_decoded_by_the_twins_in_one_pass() -> None:
    records = [FULL, {"id": 2}, {**FULL, "id": 3, "day": "11/28/2026"}]
    content = json.dumps(records).encode()
    models = page(content, Record)
    assert models is not None
    assert canon(models) == canon(structure(records, list[Record]))
    assert on_the_fast_path(models)
    assert [model._raw_at for model in models] == [None, None, None]
    assert models[2].raw == records[2]
    assert models[0].parts[1].raw == FULL["parts"][1]


def test_a_page_wrapped_in_an_object_is_read_from_its_key() -> None:
    records = [{"id": 1}, {"id": "2", "amount": "1.5"}]
    content = json.dumps({"count": 2, "records": records}).encode()
    models = page(content, Record, "records")
    assert models is not None
    assert canon(models) == canon(structure(records, list[Record]))
    assert on_the_fast_path(models)
    # The same class under another key: a decoder of its own.
    other = json.dumps({"rows": records, "records": []}).encode()
    assert canon(page(other, Record, "rows")) == canon(models)
    assert page(json.dumps({"records": None}).encode(), Record, "records") == []


def test_a_page_with_any_record_the_twins_refuse_is_refused_whole() -> None:
    for odd in ({"id": "x"}, {"id": 1, "amount": ""}, {"id": 1, "created": "yesterday"}):
        content = json.dumps([{"id": 1}, odd]).encode()
        assert page(content, Record) is None


def test_a_page_whose_records_are_not_those_split_from_it_is_refused() -> None:
    content = b'[{"id": 1}, {"id": 2}]'
    assert wire.decode_page(content, Record, None, [msgspec.Raw(b'{"id": 1}')]) is None
    assert wire.decode_page(b"[1, ", Record, None, []) is None


def test_a_page_decoder_is_made_once_per_item_key_and_kept() -> None:
    bare = json.dumps([{"id": 1}]).encode()
    wrapped = json.dumps({"rows": [{"id": 2}]}).encode()
    assert canon(page(bare, Record)) == canon(structure([{"id": 1}], list[Record]))
    assert canon(page(wrapped, Record, "rows")) == canon(structure([{"id": 2}], list[Record]))
    fast = wire.plan(Record)
    assert fast is not None
    kept = dict(fast.pages)
    assert sorted(kept, key=str) == [None, "rows"]
    assert on_the_fast_path(page(wrapped, Record, "rows"))
    assert on_the_fast_path(page(bare, Record))
    assert all(fast.pages[key] is decoder for key, decoder in kept.items())
    splitter = wire._SPLITS["rows"]
    wire.split(wrapped, "rows")
    assert wire._SPLITS["rows"] is splitter


def test_the_object_wrapping_a_page_is_left_out_of_garbage_collection() -> None:
    wrapper = wire._wrapped("rows", list[int])
    assert not gc.is_tracked(msgspec.json.decode(b'{"rows": [1]}', type=wrapper))


# A fixture that is a list is decoded as a page of its records; the rest as one object.
_PAGES = {name: case for name, case in CASES.items() if getattr(case[0], "__origin__", None)}


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_documented_jetbuilt_answer_is_decoded_by_the_twins_as_the_reference_decodes_it(
    name: str,
) -> None:
    tp, key = CASES[name]
    data = load(name)
    content = json.dumps(data).encode()
    if name in _PAGES:
        models = page(content, tp.__args__[0], key)
        assert models is not None
        assert canon(models) == canon(structure(data[key] if key else data, tp))
    else:
        models = wire.decode(content, tp)
        assert canon(models) == canon(structure(data, tp))
    assert on_the_fast_path(models)


def _recorded_pages(endpoint: str) -> list[Exchange]:
    return [
        e
        for e in exchanges()
        if e.endpoint == endpoint and e.status == 200 and e.body.startswith("[")
    ]


# One test per endpoint, not per exchange: each test builds its plans afresh.
@pytest.mark.parametrize("endpoint", sorted(LISTED))
def test_every_recorded_jetpack_page_is_decoded_by_the_twins_as_the_reference_decodes_it(
    endpoint: str,
) -> None:
    cls = LISTED[endpoint]
    recorded = _recorded_pages(endpoint)
    assert recorded
    for exchange in recorded:
        content = exchange.body.encode()
        models = page(content, cls)
        assert models is not None, exchange.name
        assert canon(models) == canon(structure(json.loads(content), list[cls])), exchange.name
        assert on_the_fast_path(models) or models == [], exchange.name
