"""The fast way from a response body to models.

msgspec reads the body's bytes straight into a struct generated once per model (JSON key names,
nested models and the plain types checked in C, nothing GC-tracked), and a function generated
once per model moves the values into the frozen attrs model, converting only what needs it
(a ``Decimal`` sent as a number or a cents object, a timestamp through the reference hook).
Models keep a :class:`~jbcrm._core.models.LazyJSON` of their bytes instead of a parsed copy.

Only what the structs accept is decoded here. A record they refuse (a numeric-string id,
``false`` for none, a US date, anything that does not fit) goes to the reference path,
:func:`~jbcrm._core.convert.structure`, which holds the tolerant coercions and the errors; the
differential tests prove both paths give equal models for everything the structs accept.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable
from decimal import Decimal
from typing import Any, Union

import attrs
import msgspec

from jbcrm._core.convert import cents_amount, converter, set_raw
from jbcrm._core.models import JSON_KEY, LazyJSON, Model

#: What msgspec raises for bytes that are not JSON or JSON that does not fit a struct.
REFUSED = (msgspec.ValidationError, msgspec.DecodeError)
_PLAIN: frozenset[Any] = frozenset({int, str, bool, float, Any})
_ABSENT: Any = msgspec.UNSET


class _Cents(msgspec.Struct, gc=False):
    cents: int


_RECORDS = msgspec.json.Decoder(list[msgspec.Raw])


@attrs.frozen
class Plan:
    """How one model class is decoded fast: its struct's decoder and its builder."""

    decoder: msgspec.json.Decoder[Any]
    build: Callable[[Any, LazyJSON], Any]


_PLANS: dict[type, Plan | None] = {}
_BUILDING: set[type] = set()
#: Per item key: a decoder of the object wrapping a page's list, reading only that list.
_SPLITS: dict[str, msgspec.json.Decoder[Any]] = {}


def plan(cls: type) -> Plan | None:
    """The fast plan of model class ``cls``, or ``None`` if it has to take the reference path
    (validators, a post-init hook, fields left out of ``__init__``)."""
    if cls not in _PLANS:
        _PLANS[cls] = _make_plan(cls)
    return _PLANS[cls]


def decode(text: bytes | msgspec.Raw, cls: type) -> Any:
    """``text`` (one JSON object) decoded into model ``cls``; raises one of :data:`REFUSED`
    when the struct does not accept it (the reference path then decides)."""
    fast = plan(cls)
    if fast is None:
        raise msgspec.ValidationError(f"{cls.__name__} has no fast path")
    return fast.build(fast.decoder.decode(text), LazyJSON(text))


def split(content: bytes, item_key: str | None) -> list[msgspec.Raw] | None:
    """The records of a page body as bytes, one each, or ``None`` if the body is not a list
    (or, with ``item_key``, an object holding one)."""
    try:
        if item_key is None:
            return _RECORDS.decode(content)
        decoder = _SPLITS.get(item_key)
        if decoder is None:
            wrapper = msgspec.defstruct(
                "_Wrapped", [("items", list[msgspec.Raw] | None, None)], rename={"items": item_key}
            )
            decoder = _SPLITS[item_key] = msgspec.json.Decoder(wrapper)
        return decoder.decode(content).items or []
    except REFUSED:
        return None


def _union_args(tp: Any) -> tuple[Any, ...]:
    origin = typing.get_origin(tp)
    return typing.get_args(tp) if origin is Union or origin is types.UnionType else ()


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, Model)


def _make_plan(cls: type) -> Plan | None:
    if not _is_model(cls) or getattr(cls, "__attrs_post_init__", None) is not None:
        return None
    attrs.resolve_types(cls)
    fields = [f for f in attrs.fields(cls) if f.name != "_raw"]
    if any(not f.init or f.validator is not None for f in fields):
        return None
    _BUILDING.add(cls)
    try:
        wire_fields: list[Any] = []
        renames: dict[str, str] = {}
        namespace: dict[str, Any] = {
            "_new": object.__new__,
            "_cls": cls,
            "_set_raw": set_raw,
            "Decimal": Decimal,
            "LazyJSON": LazyJSON,
            "_ABSENT": _ABSENT,
            "_dec": _decimal,
        }
        lines = ["def build(w, src):", "    o = _new(_cls)"]
        for index, field in enumerate(fields):
            key = field.metadata.get(JSON_KEY, field.name)
            if key != field.name:
                renames[field.name] = key
            wire_type, default, code = _field(field, key, index, namespace)
            wire_fields.append((field.name, wire_type, default))
            lines.append(f"    v = w.{field.name}")
            lines.extend(f"    {line}" for line in code)
            if field.converter is not None:
                namespace[f"_c{index}"] = field.converter
                lines.append(f"    v = _c{index}(v)")
            namespace[f"_s{index}"] = getattr(cls, field.name).__set__
            lines.append(f"    _s{index}(o, v)")
        lines += ["    _set_raw(o, src)", "    return o"]
        struct = msgspec.defstruct(
            f"_{cls.__name__}Wire", wire_fields, kw_only=True, gc=False, rename=renames or None
        )
        exec("\n".join(lines), namespace)
        return Plan(msgspec.json.Decoder(struct), namespace["build"])
    finally:
        _BUILDING.discard(cls)


def _field(
    field: attrs.Attribute[Any], key: str, index: int, namespace: dict[str, Any]
) -> tuple[Any, Any, list[str]]:
    """(struct type, struct default, builder lines turning ``v`` into the field's value)."""
    tp = field.type
    default: Any = field.default
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        default = msgspec.field(default_factory=default.factory)
    elif default is attrs.NOTHING:
        default = msgspec.NODEFAULT
    args = _union_args(tp)
    optional = type(None) in args
    inner: Any = next((a for a in args if a is not type(None)), None) if len(args) == 2 else tp
    none = type(None) if optional else None
    if inner in _PLAIN or _plain_container(inner):
        return tp, default, []
    if inner is Decimal:
        wire: Any = Decimal | float | int | _Cents
        return wire | none if optional else wire, default, _decimal_lines()
    if _is_model(inner) and inner not in _BUILDING and plan(inner) is not None:
        namespace[f"_b{index}"] = _built(inner)
        namespace[f"_k{index}"] = key
        wire = _wire(inner)
        lines = [f"if v is not None: v = _b{index}(v, LazyJSON(parent=src, key=_k{index}))"]
        return wire | none if optional else wire, default, lines
    item: Any = typing.get_args(inner)[0] if typing.get_origin(inner) is list else None
    if item is not None and _is_model(item) and item not in _BUILDING and plan(item) is not None:
        namespace[f"_b{index}"] = _built(item)
        namespace[f"_k{index}"] = key
        wire = list[_wire(item)]  # type: ignore[misc]
        lines = [
            "if v is not None:",
            f"    r = LazyJSON(parent=src, key=_k{index})",
            f"    v = [_b{index}(x, LazyJSON(parent=r, key=i)) for i, x in enumerate(v)]",
        ]
        return wire | none if optional else wire, default, lines
    # Everything else (timestamps, dates, unix times, enums, mappings of those) is read as
    # plain JSON and handed to the reference hook for the field's type: one definition.
    namespace[f"_h{index}"] = converter.get_structure_hook(tp)
    namespace[f"_t{index}"] = tp
    namespace[f"_d{index}"] = field.default
    if isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
        absent = f"v = _d{index}.factory()"
    else:
        absent = f"v = _d{index}"
    lines = [f"if v is _ABSENT: {absent}", f"else: v = _h{index}(v, _t{index})"]
    return Any, _ABSENT if default is not msgspec.NODEFAULT else default, lines


def _plain_container(tp: Any) -> bool:
    """``list``/``dict`` of plain values, which the reference path copies unchanged."""
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is list and len(args) == 1:
        return args[0] in _PLAIN
    return origin is dict and len(args) == 2 and args[0] is str and args[1] in _PLAIN


def _wire(cls: type) -> Any:
    fast = _PLANS[cls]
    assert fast is not None
    return fast.decoder.type


def _built(cls: type) -> Callable[[Any, LazyJSON], Any]:
    fast = _PLANS[cls]
    assert fast is not None
    return fast.build


def _decimal_lines() -> list[str]:
    return ["if v is not None and v.__class__ is not Decimal: v = _dec(v)"]


def _decimal(value: Any) -> Decimal:
    if value.__class__ is _Cents:
        return cents_amount(value.cents)
    # The reference hook's own conversion of a JSON number.
    return Decimal(str(value))
