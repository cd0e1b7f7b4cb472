"""Base class and value types shared by every response model."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any, ClassVar, NewType

import attrs
import msgspec

from jbcrm._core.errors import ResponseDecodeError

#: Metadata key naming the JSON key of a field when it is not the attribute name
#: (Jetbuilt sends ``"requires_engineering?"``).
JSON_KEY = "jbcrm_json_key"

#: A point in time the API sends as unix seconds (int or numeric string); decoded to an
#: aware UTC ``datetime``. ``0``, ``-1``, ``false`` and ``""`` mean "none" and decode to ``None``.
UnixTime = NewType("UnixTime", datetime)

#: Fields a short repr shows first, when the model has them and they are set.
_NAMING_FIELDS = (
    "id",
    "company_product_id",
    "name",
    "full_name",
    "company_name",
    "title",
    "email",
    "model",
)
_REPR_VALUE_CHARS = 40


def json_field(key: str, **kwargs: Any) -> Any:
    """An attrs field read from (and written to) the JSON key ``key``."""
    metadata = {**kwargs.pop("metadata", {}), JSON_KEY: key}
    return attrs.field(metadata=metadata, **kwargs)


class LazyJSON:
    """A record's JSON, parsed only when it is asked for: the bytes of the record as the server
    sent them. Models decoded from a response body keep one of these instead of a parsed copy
    of their JSON; a nested model keeps its record's one and where its own part sits (a key,
    or a path of keys and indices), so it costs no copy at all and no object of its own, and a
    kept list of records costs about their bytes."""

    __slots__ = ("_text", "_value")

    def __init__(self, text: Any) -> None:
        self._text = text
        self._value: Any = None

    def value(self) -> Any:
        """The parsed JSON (parsed once, then kept)."""
        if self._text is not None:
            self._value = msgspec.json.decode(self._text)
            # Parsed once: the bytes, possibly a view into a whole page, are let go.
            self._text = None
        return self._value

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled (and copied) as the JSON value itself: the bytes may be a view into a body.
        return (_parsed, (self.value(),))


def _parsed(value: Any) -> LazyJSON:
    lazy = LazyJSON(None)
    lazy._value = value
    return lazy


def resolve(source: Any, at: Any) -> Any:
    """The JSON a model's ``_raw`` and ``_raw_at`` stand for: the source itself (a parsed
    value) or a :class:`LazyJSON`'s value, and inside it the part at key ``at`` (or at the
    path ``at``, a tuple of keys and indices)."""
    value = source.value() if source.__class__ is LazyJSON else source
    if at is None:
        return value
    if at.__class__ is tuple:
        for part in at:
            value = value[part]
        return value
    return value[at]


_KEYS: dict[type, frozenset[str]] = {}
#: The fields every model has for its JSON (not data of the record).
RAW_FIELDS = frozenset({"_raw", "_raw_at"})


def data_fields(cls: type) -> list[attrs.Attribute[Any]]:
    """The attrs fields of model class ``cls`` that hold the record's data."""
    return [f for f in attrs.fields(cls) if f.name not in RAW_FIELDS]


def json_keys(cls: type) -> frozenset[str]:
    """The JSON keys the fields of model class ``cls`` read."""
    keys = _KEYS.get(cls)
    if keys is None:
        keys = frozenset(f.metadata.get(JSON_KEY, f.name) for f in data_fields(cls))
        _KEYS[cls] = keys
    return keys


@attrs.frozen
class Model:
    """Base of every response model: frozen, slotted, and it remembers its JSON.

    ``raw`` is the exact JSON object the model was decoded from, ``extra`` the keys this
    version of the SDK does not know yet, so nothing the server sends is lost.
    :meth:`to_dict` and :meth:`to_json` give the typed fields back as JSON-safe values.

    Equality compares every field (not ``raw``). Models are hashable, so they can go in sets
    and be dict keys: the hash covers the fields whose values are not lists or dicts (the
    records' own fields and nested models), which equal models share. The repr is short: the
    identifying fields (``id``, ``name``...) and a few key ones, not every field.
    """

    _raw: Any = attrs.field(factory=dict, kw_only=True, repr=False, eq=False)
    #: Where in ``raw``'s source this model's JSON sits, for a nested model (set by decoding).
    _raw_at: Any = attrs.field(default=None, kw_only=True, repr=False, eq=False)

    #: Fields the short repr shows after the identifying ones.
    _repr_fields: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # attrs would generate a repr of every field and a hash that fails on list fields; it
        # keeps methods a class defines itself, so every model gets these two unless its own
        # body defines them.
        if "__repr__" not in cls.__dict__:
            cls.__repr__ = Model.__repr__  # type: ignore[method-assign]
        if cls.__dict__.get("__hash__") is None:
            cls.__hash__ = Model.__hash__  # type: ignore[method-assign]

    @property
    def raw(self) -> Mapping[str, Any]:
        """The JSON object this model was decoded from, exactly as the server sent it."""
        source = self._raw
        if source.__class__ is dict and self._raw_at is None:
            return source
        value: Mapping[str, Any] = resolve(source, self._raw_at)
        return value

    @property
    def extra(self) -> dict[str, Any]:
        """Keys of the JSON object that no field of this model reads."""
        known = json_keys(type(self))
        return {key: value for key, value in self.raw.items() if key not in known}

    def to_dict(self) -> dict[str, Any]:
        """The typed fields as JSON-safe values, keyed by attribute name: ``Decimal`` as a
        string, dates and times as ISO 8601, enums as their values, nested models as dicts.

        Unlike :attr:`raw` (the server's own JSON: its key names, numeric strings, ``false``
        for none, money as cents objects), this is what the model holds, normalised; keys the
        SDK does not know are only in :attr:`raw` and :attr:`extra`."""
        # The converter module imports this one; the one converter does the work.
        from jbcrm._core.convert import to_json_safe

        result: dict[str, Any] = to_json_safe(self)
        return result

    def to_json(self, *, indent: int | None = None) -> str:
        """:meth:`to_dict` as a JSON document."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    def __repr__(self) -> str:
        cls = type(self)
        names = [f.name for f in attrs.fields(cls)]
        shown = [n for n in _NAMING_FIELDS if n in names]
        shown += [n for n in cls._repr_fields if n in names and n not in shown]
        parts = []
        for name in shown:
            value = getattr(self, name)
            if value is not None:
                text = repr(value)
                if len(text) > _REPR_VALUE_CHARS:
                    text = text[: _REPR_VALUE_CHARS - 3] + "..."
                parts.append(f"{name}={text}")
        return f"{cls.__name__}({', '.join(parts)})"

    def __hash__(self) -> int:
        values = (getattr(self, f.name) for f in attrs.fields(type(self)) if f.eq)
        return hash((type(self), *(v for v in values if not isinstance(v, (list, dict)))))


@attrs.frozen
class UndecodedRecord:
    """A record of a listing that does not fit its model, yielded in its place when the
    paginator was asked to go on (``paginator.on_decode_error("keep_raw")``): its JSON as the
    server sent it, the error that decoding it raised, and its index in its page."""

    raw: Any
    error: ResponseDecodeError = attrs.field(repr=False)
    index: int

    @property
    def id(self) -> Any:
        """The record's ``id`` as sent, if it has one (to fetch it again, or to report it)."""
        return self.raw.get("id") if isinstance(self.raw, Mapping) else None
