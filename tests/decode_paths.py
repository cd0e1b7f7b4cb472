"""Decoding through the fast path and through the reference path, and comparing the two.

The fast path is what clients run (msgspec structs, the reference path for what they refuse);
the reference path is the cattrs converter alone, selected by taking the fast plans away.
"""

from __future__ import annotations

import contextlib
import enum
import json
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import attrs
import httpx
import pytest

from jbcrm import ResponseDecodeError
from jbcrm._core import wire
from jbcrm._core.models import Model, UndecodedRecord
from jbcrm._core.transport import Result
from jbcrm.jetbuilt import Jetbuilt


@contextlib.contextmanager
def reference_path() -> Iterator[None]:
    """Every decode in the block takes the reference path (no fast plan for any model)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(wire, "plan", lambda cls: None)
        yield


def canon(value: Any) -> Any:
    """A value in a form where equal means the same: Decimals by their digits, times by their
    ISO text (offset included), models by type, every field and their raw JSON."""
    if isinstance(value, Model):
        fields = tuple(
            (f.name, canon(getattr(value, f.name))) for f in attrs.fields(type(value)) if f.eq
        )
        return (type(value).__name__, fields, canon(value.raw))
    if isinstance(value, UndecodedRecord):
        return ("undecoded", canon(value.raw), value.index, outcome_of_error(value.error))
    if isinstance(value, list):
        return [canon(item) for item in value]
    if isinstance(value, dict):
        return sorted((str(k), canon(v)) for k, v in value.items())
    if isinstance(value, Decimal):
        return ("Decimal", str(value))
    if isinstance(value, (datetime, date)):
        return (type(value).__name__, value.isoformat())
    if isinstance(value, float):
        return ("float", repr(value))
    if isinstance(value, enum.Enum):
        return repr(value)
    return (type(value).__name__, value)


def outcome_of_error(error: BaseException) -> Any:
    shown = ("model", "path", "index", "value", "record", "body")
    return (type(error).__name__, str(error), *(repr(getattr(error, a, None)) for a in shown))


def _result(body: bytes) -> Result:
    request = httpx.Request("GET", "https://jetbuilt.test/api/x")
    response = httpx.Response(200, content=body, request=request)
    return Result(response, json.loads(body) if body.strip() else None)


_CLIENT = Jetbuilt("key", base_url="https://jetbuilt.test/api", rate_limit=None)


def decode_body(body: bytes, tp: Any) -> Any:
    """``body`` decoded into ``tp`` as a client's ``get`` does it: the outcome, canonical."""
    result = _result(body)
    try:
        return ("ok", canon(_CLIENT._decode(result.data, tp, result)))
    except ResponseDecodeError as exc:
        return ("error", outcome_of_error(exc))


def decode_page(body: bytes, tp: Any, item_key: str | None, mode: Any = "raise") -> Any:
    """``body`` decoded as one page of a listing of ``tp``: the outcome, canonical."""
    result = _result(body)
    data = result.data
    raw_items = data.get(item_key) if item_key and isinstance(data, dict) else data
    assert isinstance(raw_items, list)
    try:
        items = _CLIENT._decode_items(raw_items, tp, item_key, result, 1, None, mode)
        return ("ok", canon(items))
    except ResponseDecodeError as exc:
        return ("error", outcome_of_error(exc))


def both(decode: Any, *args: Any) -> tuple[Any, Any]:
    """(fast path outcome, reference path outcome)."""
    fast = decode(*args)
    with reference_path():
        reference = decode(*args)
    return fast, reference
