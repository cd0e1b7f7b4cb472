"""The fast way from a response body to models.

msgspec decodes the body's bytes straight into the attrs models, in C: it reads an attrs class
from its ``__attrs_attrs__`` and annotations, so each model gets a *wire twin*, a subclass with
the same slots that names its fields by their JSON keys (a renamed key is an alias of the
field's slot) and gives msgspec the types the server really sends where they differ (a
``Decimal`` sent as a number or a cents object, a timestamp as text). One function generated
per model then finishes each decoded object: its class back to the model's own, its
:class:`~jbcrm._core.models.LazyJSON` source (a nested model gets its record's, and where its
part sits: no copy), and the few fields that need converting, through the reference hooks.

Only what the twins accept is decoded here. A record they refuse (``false`` for none, a US date,
anything that does not fit) goes to the reference path, :func:`~jbcrm._core.convert.structure`,
which holds the tolerant coercions and the errors; the differential tests prove both paths give
equal models for everything the twins accept.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable
from datetime import date, datetime, timezone
from decimal import Decimal
from typing import Any, Union

import attrs
import msgspec

from jbcrm._core.convert import cents_amount, converter, set_raw, set_raw_at
from jbcrm._core.locate import FAILURES
from jbcrm._core.models import JSON_KEY, LazyJSON, Model, data_fields

#: What refuses a record here: msgspec's errors for bytes that are not JSON or JSON that does
#: not fit a twin, and a reference hook's for a value it does not accept.
REFUSED = (msgspec.ValidationError, msgspec.DecodeError, *FAILURES)
_PLAIN: frozenset[Any] = frozenset({str, float, Any})
#: Elements of a list or dict that msgspec checks exactly as the reference path converts them.
_ELEMENTS: frozenset[Any] = frozenset({int, str, bool, float, Any})
_ABSENT: Any = msgspec.UNSET
_set_class = object.__dict__["__class__"].__set__


class _Cents(msgspec.Struct, gc=False):
    cents: int


#: What a Decimal field accepts: a decimal string (msgspec builds the Decimal), a JSON number
#: or a cents object (converted as the reference hook converts them).
_DECIMAL = Decimal | float | int | _Cents


class _Field:
    """What msgspec reads of an attrs field (an entry of ``__attrs_attrs__``)."""

    __slots__ = ("default", "inherited", "name", "type", "validator")

    def __init__(self, name: str, default: Any, tp: Any) -> None:
        self.name, self.default, self.type = name, default, tp
        self.validator = None
        self.inherited = False


@attrs.frozen
class Plan:
    """How one model class is decoded fast: decoders of its twin (one record, a page) and its
    finishing step."""

    decoder: msgspec.json.Decoder[Any]
    pages: dict[str | None, msgspec.json.Decoder[Any]]
    finish: Callable[[Any, Any, Any], None]


_RECORDS = msgspec.json.Decoder(list[msgspec.Raw])
#: Per item key: a decoder of the object wrapping a page's list, reading only that list.
_SPLITS: dict[str, msgspec.json.Decoder[Any]] = {}
_PLANS: dict[type, Plan | None] = {}
#: Twins under construction (models nest, and a client nests its subclients).
_TWINS: dict[type, type] = {}
_FINISH: dict[type, Callable[[Any, Any, Any], None]] = {}


def plan(cls: type) -> Plan | None:
    """The fast plan of model class ``cls``, or ``None`` if it has to take the reference path
    (validators, a post-init hook, fields left out of ``__init__``)."""
    if cls not in _PLANS:
        try:
            twin = _twin(cls)
            fast = None if twin is None else Plan(msgspec.json.Decoder(twin), {}, _FINISH[cls])
        except Exception:
            # A field type msgspec (or a hook) cannot read: the reference path decodes this
            # model, and says what is wrong with it if anything is.
            fast = None
        _PLANS[cls] = fast
    return _PLANS[cls]


def decode(text: bytes | msgspec.Raw, cls: type) -> Any:
    """``text`` (one JSON object) decoded into model ``cls``; raises one of :data:`REFUSED`
    when its twin does not accept it (the reference path then decides)."""
    fast = plan(cls)
    if fast is None:
        raise msgspec.ValidationError(f"{cls.__name__} has no fast path")
    model = fast.decoder.decode(text)
    fast.finish(model, LazyJSON(text), None)
    return model


def decode_page(
    content: bytes, cls: type, item_key: str | None, texts: list[msgspec.Raw]
) -> list[Any] | None:
    """Every record of a page body decoded into model ``cls`` in one pass (``texts`` are the
    records' bytes, from :func:`split`), or ``None`` if any record is refused."""
    fast = plan(cls)
    if fast is None:
        return None
    decoder = fast.pages.get(item_key)
    if decoder is None:
        records: Any = list[_TWINS[cls]]  # type: ignore[valid-type]
        if item_key is not None:
            records = _wrapped(item_key, records)
        decoder = fast.pages[item_key] = msgspec.json.Decoder(records)
    try:
        models = decoder.decode(content)
    except REFUSED:
        return None
    if item_key is not None:
        models = models.items or []
    if len(models) != len(texts):
        return None
    finish = fast.finish
    try:
        for model, text in zip(models, texts, strict=True):
            finish(model, LazyJSON(text), None)
    except REFUSED:
        return None
    return models  # type: ignore[no-any-return]


def _wrapped(item_key: str, records: Any) -> Any:
    """A struct reading only ``item_key`` (a page's list) of an object."""
    return msgspec.defstruct(
        "_Wrapped", [("items", records | None, None)], rename={"items": item_key}, gc=False
    )


def split(content: bytes, item_key: str | None) -> list[msgspec.Raw] | None:
    """The records of a page body as bytes, one each, or ``None`` if the body is not a list
    (or, with ``item_key``, an object holding one)."""
    try:
        if item_key is None:
            return _RECORDS.decode(content)
        decoder = _SPLITS.get(item_key)
        if decoder is None:
            decoder = _SPLITS[item_key] = msgspec.json.Decoder(
                _wrapped(item_key, list[msgspec.Raw])
            )
        return decoder.decode(content).items or []
    except REFUSED:
        return None


def _union_args(tp: Any) -> tuple[Any, ...]:
    origin = typing.get_origin(tp)
    return typing.get_args(tp) if origin is Union or origin is types.UnionType else ()


def _eligible(cls: Any) -> bool:
    if not (isinstance(cls, type) and issubclass(cls, Model)):
        return False
    if getattr(cls, "__attrs_post_init__", None) is not None:
        return False
    attrs.resolve_types(cls)
    fields = data_fields(cls)
    keys = [f.metadata.get(JSON_KEY, f.name) for f in fields]
    # A renamed key becomes an alias on the twin: it must not hide another attribute.
    clash = any(k != f.name and hasattr(cls, k) for k, f in zip(keys, fields, strict=True))
    return not clash and all(f.init and f.validator is None for f in fields)


def _twin(cls: type) -> type | None:
    """The wire twin of ``cls`` (made once, with those of the models it nests)."""
    if cls in _TWINS:
        return _TWINS[cls]
    if not _eligible(cls):
        return None
    twin = type(f"_{cls.__name__}Wire", (cls,), {"__slots__": (), "__module__": __name__})
    _TWINS[cls] = twin
    namespace: dict[str, Any] = {
        "_cls": cls,
        "_set_class": _set_class,
        "_set_raw": set_raw,
        "_set_at": set_raw_at,
        "_path": _path,
        "Decimal": Decimal,
        "_ABSENT": _ABSENT,
        "_dec": _decimal,
        "_fromiso": datetime.fromisoformat,
        "_fromisodate": date.fromisoformat,
        "_utc": timezone.utc,
        "_FINISH": _FINISH,
    }
    # ``root`` is the record's LazyJSON; ``at`` where this object's JSON sits in it.
    lines = ["def finish(o, root, at):", "    _set_class(o, _cls)", "    _set_raw(o, root)"]
    lines.append("    _set_at(o, at)")
    fields, hints = [], {}
    for index, field in enumerate(data_fields(cls)):
        key = field.metadata.get(JSON_KEY, field.name)
        namespace[f"_s{index}"] = getattr(cls, field.name).__set__
        wire_type, default, code = _field(field, key, index, namespace)
        if field.converter is not None:
            namespace[f"_c{index}"] = field.converter
            code = [*code, f"_s{index}(o, _c{index}(o.{field.name}))"]
        if key != field.name:
            setattr(twin, key, getattr(cls, field.name))
        fields.append(_Field(key, default, wire_type))
        hints[key] = wire_type
        if code:
            lines += [f"    v = o.{field.name}", *(f"    {line}" for line in code)]
    twin.__attrs_attrs__ = tuple(fields)  # type: ignore[attr-defined]
    twin.__annotations__ = hints
    # The source is built here from the class's own fields, never from input.
    exec("\n".join(lines), namespace)
    _FINISH[cls] = namespace["finish"]
    return twin


def _field(
    field: attrs.Attribute[Any], key: str, index: int, namespace: dict[str, Any]
) -> tuple[Any, Any, list[str]]:
    """(type msgspec decodes, its default, lines finishing the field's value ``v``: they
    set it with ``_s<index>`` only when it changes)."""
    tp = field.type
    default: Any = field.default
    args = _union_args(tp)
    optional = type(None) in args
    inner: Any = next((a for a in args if a is not type(None)), None) if len(args) == 2 else tp
    none = type(None) if optional else None
    namespace[f"_k{index}"] = key
    if inner in _PLAIN or _plain_container(inner):
        return tp, default, []
    if inner in (int, bool):
        # Numeric-string ids (Jetpack CRM sends every id so) and 0/1 flags: the reference hook.
        namespace[f"_h{index}"] = converter.get_structure_hook(inner)
        wire: Any = int | str if inner is int else bool | int | str
        lines = [
            f"if v.__class__ is not _t{index} and v is not None:",
            f"    _s{index}(o, _h{index}(v, _t{index}))",
        ]
        namespace[f"_t{index}"] = inner
        return wire | none if optional else wire, default, lines
    if inner is Decimal:
        lines = [f"if v is not None and v.__class__ is not Decimal: _s{index}(o, _dec(v))"]
        return _DECIMAL | none if optional else _DECIMAL, default, lines
    if inner == dict[str, Decimal]:
        wire = dict[str, _DECIMAL]
        lines = [
            "if v is not None:",
            "    v = {k: x if x.__class__ is Decimal else _dec(x) for k, x in v.items()}",
            f"    _s{index}(o, v)",
        ]
        return wire | none if optional else wire, default, lines
    nested = _twin(inner)
    if nested is not None:
        finish, here = _finisher(inner, index, namespace), _here(index)
        lines = [f"if v is not None: {finish}(v, root, {here})"]
        return nested | none if optional else nested, default, lines
    item: Any = typing.get_args(inner)[0] if typing.get_origin(inner) is list else None
    nested = None if item is None else _twin(item)
    if nested is not None:
        lines = [
            "if v:",
            f"    f, p = {_finisher(item, index, namespace)}, {_here(index)}",
            "    if p.__class__ is tuple:",
            "        for i, x in enumerate(v): f(x, root, (*p, i))",
            "    else:",
            "        for i, x in enumerate(v): f(x, root, (p, i))",
        ]
        wire = list[nested]  # type: ignore[valid-type]
        return wire | none if optional else wire, default, lines
    return _hooked(field, index, tp, inner if optional else None, namespace)


def _hooked(
    field: attrs.Attribute[Any], index: int, tp: Any, inner: Any, namespace: dict[str, Any]
) -> tuple[Any, Any, list[str]]:
    """A field read as plain JSON and handed to the reference hook of its type (timestamps,
    dates, unix times, enums, mappings of those): one definition of each coercion. ``inner``
    is the type inside an ``Optional`` (``None`` then stays ``None``, as there)."""
    hook_type = tp if inner is None else inner
    namespace[f"_h{index}"] = converter.get_structure_hook(hook_type)
    namespace[f"_t{index}"] = hook_type
    namespace[f"_d{index}"] = field.default
    hook = f"v = _h{index}(v, _t{index})"
    if hook_type is datetime:
        # The common form straight through fromisoformat, which the reference hook also ends
        # in (a string it refuses, "" or false go to the hook itself).
        convert = ["try: v = _fromiso(v)", f"except (TypeError, ValueError): {hook}"]
        convert += ["else:", "    if v.tzinfo is None: v = v.replace(tzinfo=_utc)"]
    elif hook_type is date:
        convert = ["try: d = _fromisodate(v) if v.__class__ is str and len(v) == 10 else None"]
        convert += ["except ValueError: d = None", f"if d is None: {hook}", "else: v = d"]
    else:
        convert = [hook]
    convert.append(f"_s{index}(o, v)")
    body = [f"    {line}" for line in convert]
    if inner is not None and field.default is None:
        # Absent or null: None, as the reference path leaves it; nothing to finish.
        return Any, None, ["if v is not None:", *body]
    if isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
        lines = [f"if v is _ABSENT: _s{index}(o, _d{index}.factory())"]
    else:
        lines = [f"if v is _ABSENT: _s{index}(o, _d{index})"]
    lines.append("elif v is not None:" if inner is not None else "else:")
    lines += body
    return Any, attrs.NOTHING if field.default is attrs.NOTHING else _ABSENT, lines


def _finisher(cls: type, index: int, namespace: dict[str, Any]) -> str:
    """How the finishing step of ``cls`` is called from another's: directly, or looked up at
    call time while it is still being made (a model nesting itself)."""
    if cls in _FINISH:
        namespace[f"_f{index}"] = _FINISH[cls]
        return f"_f{index}"
    namespace[f"_n{index}"] = cls
    return f"_FINISH[_n{index}]"


def _here(index: int) -> str:
    """The expression for where field ``index``'s JSON sits: its key, below ``at`` if any."""
    return f"_k{index} if at is None else _path(at, _k{index})"


def _path(at: Any, key: str) -> tuple[Any, ...]:
    """The path to ``key`` inside the JSON at ``at`` (a key, or a path already)."""
    return (*at, key) if at.__class__ is tuple else (at, key)


def _plain_container(tp: Any) -> bool:
    """``list``/``dict`` of plain values, which the reference path copies unchanged."""
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is list and len(args) == 1:
        return args[0] in _ELEMENTS
    return origin is dict and len(args) == 2 and args[0] is str and args[1] in _ELEMENTS


def _decimal(value: Any) -> Decimal:
    if value.__class__ is _Cents:
        return cents_amount(value.cents)
    # The reference hook's own conversion of a JSON number.
    return Decimal(str(value))
