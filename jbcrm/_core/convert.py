"""The one cattrs converter: JSON values to models, and request values to JSON.

Hooks are registered once, here. Decoding is tolerant of the types real servers send (ids as
numeric strings, ``false``/``-1``/``""`` for "none", money as strings or cents objects) and
strict about everything else: anything that does not fit raises :class:`DecodeError`, which the
transport turns into a :class:`~jbcrm.errors.ResponseDecodeError` with the request's context.
"""

from __future__ import annotations

import contextlib
import enum
import re
import types
import typing
from collections.abc import Callable, Mapping
from datetime import date, datetime, timezone
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar, Union

import attrs
import cattrs
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from jbcrm._core.errors import InvalidArgumentError
from jbcrm._core.locate import locate
from jbcrm._core.models import JSON_KEY, RAW_FIELDS, Model, UnixTime, data_fields

T = TypeVar("T")

_NONE_MARKERS: tuple[object, ...] = (False, "", -1, "-1", 0, "0")
_SHOW_CHARS = 60
_US_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


class DecodeError(ValueError):
    """A JSON value does not fit the model it was decoded into.

    :func:`structure` sets where: ``model`` (the class name), ``path`` (the field path inside
    it, ``"rooms[2].quantity"``) and ``value`` (the value that did not fit).
    """

    model: str | None = None
    path: str | None = None
    value: Any = None


def show(value: object) -> str:
    """A value for an error message: its repr, cut short."""
    text = repr(value)
    return text if len(text) <= _SHOW_CHARS else text[: _SHOW_CHARS - 3] + "..."


class _Null:
    """Sentinel: send an explicit JSON ``null`` (plain ``None`` means "do not send")."""

    _instance: _Null | None = None

    def __new__(cls) -> _Null:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "jbcrm.NULL"


NULL: Any = _Null()


def _is_none_marker(value: object) -> bool:
    return any(value is m or (type(value) is type(m) and value == m) for m in _NONE_MARKERS)


def _structure_int(value: object, _: type) -> int:
    if value.__class__ is int:
        return value
    if isinstance(value, bool):
        raise DecodeError(f"expected an integer, got {show(value)}")
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    raise DecodeError(f"expected an integer, got {show(value)}")


def _structure_float(value: object, _: type) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise DecodeError(f"expected a number, got {show(value)}")
    try:
        return float(value)
    except ValueError:
        raise DecodeError(f"expected a number, got {show(value)}") from None


def _structure_str(value: object, _: type) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    raise DecodeError(f"expected a string, got {type(value).__name__}")


def _structure_bool(value: object, _: type) -> bool:
    if isinstance(value, bool):
        return value
    if value in (0, 1, "0", "1"):
        return value in (1, "1")
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    raise DecodeError(f"expected a boolean, got {show(value)}")


def _structure_decimal(value: object, _: type) -> Decimal | None:
    if type(value) is str and value:
        try:
            return Decimal(value)
        except InvalidOperation:
            raise DecodeError(f"expected a decimal amount, got {show(value)}") from None
    if value == "" or value is False:
        return None
    if isinstance(value, Mapping):
        return _cents(value)
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise DecodeError(f"expected a decimal amount, got {show(value)}")
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise DecodeError(f"expected a decimal amount, got {show(value)}") from None


def _cents(value: Mapping[Any, Any]) -> Decimal:
    # Jetbuilt announces money as {"cents": 500, "currency_iso": "USD"}: the amount is kept
    # as a Decimal like every other amount; the object itself stays in the model's raw JSON.
    if "cents" not in value:
        raise DecodeError(f"expected a decimal amount or a money object, got {show(value)}")
    return cents_amount(_structure_int(value["cents"], int))


def cents_amount(cents: int) -> Decimal:
    """The amount of a ``{"cents": ...}`` money object, in currency units."""
    return Decimal(cents).scaleb(-2)


def parse_datetime(value: object) -> datetime:
    """Parse an ISO 8601 timestamp (with or without milliseconds and offset) to an aware
    ``datetime``; a timestamp without an offset is taken as UTC."""
    if not isinstance(value, str):
        raise DecodeError(f"expected an ISO 8601 timestamp, got {show(value)}")
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        parsed = _parse_loose_datetime(text, value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def _parse_loose_datetime(text: str, original: str) -> datetime:
    # Python 3.10's fromisoformat accepts only 3 or 6 fractional digits.
    match = re.match(r"^(.*T\d{2}:\d{2}:\d{2})\.(\d+)(.*)$", text)
    if match:
        head, fraction, tail = match.groups()
        try:
            return datetime.fromisoformat(f"{head}.{(fraction + '000000')[:6]}{tail}")
        except ValueError:
            pass
    raise DecodeError(f"expected an ISO 8601 timestamp, got {show(original)}")


def _structure_datetime(value: object, _: type) -> datetime | None:
    if value is False or value == "":
        return None
    return parse_datetime(value)


def _structure_date(value: object, _: type) -> date | None:
    if value is False or value == "" or value is None:
        return None
    if isinstance(value, str):
        us = _US_DATE.match(value.strip())
        if us:
            month, day, year = (int(part) for part in us.groups())
            with contextlib.suppress(ValueError):
                return date(year, month, day)
            raise DecodeError(f"expected a date, got {show(value)}")
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            pass
    raise DecodeError(f"expected a date, got {show(value)}")


def _structure_unix_time(value: object, _: type) -> datetime | None:
    if value is None or _is_none_marker(value):
        return None
    seconds = _structure_float(value, float)
    try:
        return datetime.fromtimestamp(seconds, tz=timezone.utc)
    except (OverflowError, OSError, ValueError):
        raise DecodeError(f"expected a unix time, got {show(value)}") from None


def _structure_enum(cls: type[enum.Enum]) -> Callable[[object, type], object]:
    def hook(value: object, _: type) -> object:
        try:
            return cls(value)
        except ValueError:
            # Values this SDK does not know yet still decode, as the plain value.
            return value

    return hook


def _union_args(tp: Any) -> tuple[Any, ...]:
    """The members of a ``Union``/``X | Y`` type, or ``()`` for anything else."""
    origin = typing.get_origin(tp)
    return typing.get_args(tp) if origin is Union or origin is types.UnionType else ()


def _is_optional(tp: Any) -> bool:
    args = _union_args(tp)
    return len(args) == 2 and type(None) in args


def _optional_hook(converter: cattrs.Converter) -> Callable[[Any], Callable[[object, Any], Any]]:
    # cattrs' own Optional handling looks the inner hook up on every call; decoding a page of
    # projects spends most of its time there, so the lookup is done once per type instead.
    def factory(tp: Any) -> Callable[[object, Any], Any]:
        inner = next(arg for arg in typing.get_args(tp) if arg is not type(None))
        handler = converter.get_structure_hook(inner)

        if inner in (str, int, bool):
            # The common case (the value already has the right type) costs no call at all.
            def structure_plain(value: object, _: Any) -> Any:
                if value is None or type(value) is inner:
                    return value
                return handler(value, inner)

            return structure_plain

        def structure(value: object, _: Any) -> Any:
            return None if value is None else handler(value, inner)

        return structure

    return factory


# The slot's own setter: a frozen model's fields can still be set once, right after decoding.
set_raw = Model.__dict__["_raw"].__set__
set_raw_at = Model.__dict__["_raw_at"].__set__


def _model_hook(converter: cattrs.Converter) -> Callable[[type[Model]], Callable[..., Model]]:
    def factory(cls: type[Model]) -> Callable[..., Model]:
        overrides: dict[str, Any] = {name: override(omit=True) for name in RAW_FIELDS}
        for field in data_fields(cls):
            key = field.metadata.get(JSON_KEY, field.name)
            if key != field.name:
                overrides[field.name] = override(rename=key)
        build = make_dict_structure_fn(cls, converter, **overrides)
        name = cls.__name__

        def structure(data: object, _: type) -> Model:
            if data.__class__ is not dict:
                raise DecodeError(f"expected a JSON object for {name}, got {type(data).__name__}")
            model = build(data, cls)
            set_raw(model, data)
            return model

        return structure

    return factory


def _unstructure_model(converter: cattrs.Converter) -> Callable[[type[Model]], Callable[..., Any]]:
    def factory(cls: type[Model]) -> Callable[..., Any]:
        omit = override(omit=True)
        return make_dict_unstructure_fn(cls, converter, _raw=omit, _raw_at=omit)

    return factory


def _make_converter() -> cattrs.Converter:
    converter = cattrs.Converter(detailed_validation=False)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(float, _structure_float)
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_structure_hook(Decimal, _structure_decimal)
    converter.register_structure_hook(datetime, _structure_datetime)
    converter.register_structure_hook(date, _structure_date)
    converter.register_structure_hook(UnixTime, _structure_unix_time)
    # A predicate, not a class: Python 3.10 cannot single-dispatch on typing.Any.
    converter.register_structure_hook_func(lambda tp: tp is Any, lambda value, _: value)
    converter.register_structure_hook_factory(_is_optional, _optional_hook(converter))
    converter.register_structure_hook_factory(
        lambda tp: isinstance(tp, type) and issubclass(tp, enum.Enum), _structure_enum
    )
    converter.register_structure_hook_factory(_is_model, _model_hook(converter))
    # The other way, for Model.to_dict: JSON-safe values of the typed fields.
    converter.register_unstructure_hook(Decimal, str)
    converter.register_unstructure_hook(datetime, datetime.isoformat)
    converter.register_unstructure_hook(date, date.isoformat)
    converter.register_unstructure_hook_factory(_is_model, _unstructure_model(converter))
    return converter


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, Model)


converter = _make_converter()


def structure(data: object, tp: type[T]) -> T:
    """Decode JSON data into ``tp``; anything that does not fit raises :class:`DecodeError`,
    which says which field of which model and the value that did not fit."""
    try:
        return converter.structure(data, tp)
    except (cattrs.BaseValidationError, KeyError, TypeError, ValueError, AttributeError):
        pass
    # Decoding again, field by field, only to say where: errors are rare, decoding is not.
    raise locate(converter, data, tp, DecodeError)


def to_json_safe(model: Model) -> Any:
    """A model's fields as JSON-safe values (see :meth:`Model.to_dict`)."""
    return converter.unstructure(model)


def encode(value: Any) -> Any:
    """Encode request values for JSON: Decimal, datetime and date to strings, attrs models to
    their fields, ``None`` values in mappings dropped (send :data:`NULL` for an explicit null)."""
    if value is NULL:
        return None
    if isinstance(value, Mapping):
        return {str(k): encode(v) for k, v in value.items() if v is not None}
    if isinstance(value, (list, tuple)):
        return [encode(v) for v in value]
    if isinstance(value, bool) or value is None or isinstance(value, (int, float, str)):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return encode(value.value)
    if attrs.has(type(value)):
        return encode(
            {
                field.metadata.get(JSON_KEY, field.name): getattr(value, field.name)
                for field in data_fields(type(value))
            }
        )
    raise InvalidArgumentError(
        f"cannot send a value of type {type(value).__name__}; use str, int, float, bool, "
        "Decimal, date, datetime, a list or a mapping of those"
    )
