"""Where a value did not fit: the model, the field path inside it and the value.

Decoding runs without cattrs' detailed validation (it costs on every record); when a record
fails, it is decoded again here, field by field, only to name what failed.
"""

from __future__ import annotations

import types
import typing
from typing import Any, TypeVar, Union

import attrs
import cattrs

from jbcrm._core.models import JSON_KEY, Model, data_fields

E = TypeVar("E", bound=ValueError)
#: The failures a hook or an attrs class may raise on a value that does not fit.
FAILURES = (cattrs.BaseValidationError, KeyError, TypeError, ValueError, AttributeError)
_MISSING: Any = object()


def locate(converter: cattrs.Converter, data: Any, tp: Any, error: type[E]) -> E:
    """The ``error`` (a :class:`~jbcrm._core.convert.DecodeError`) for ``data`` that does not
    decode into ``tp``, with ``model``, ``path`` and ``value`` set and a message naming them."""
    model = _model_name(tp)
    found = _find(converter, data, tp, ())
    if found is None:
        path: tuple[str | int, ...] = ()
        reason, value = "does not fit", data
    else:
        path, reason, value = found
    where = format_path(model, path)
    exc = error(f"{where}: {reason}")
    exc.model = model  # type: ignore[attr-defined]
    exc.path = format_path(None, path) or None  # type: ignore[attr-defined]
    exc.value = None if value is _MISSING else value  # type: ignore[attr-defined]
    return exc


def format_path(model: str | None, path: tuple[str | int, ...]) -> str:
    """``Model.field[2].inner`` (or ``field[2].inner`` without a model)."""
    text = model or ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else f"{'.' if text else ''}{part}"
    return text


def _model_name(tp: Any) -> str:
    args = typing.get_args(tp)
    if typing.get_origin(tp) is list and args:
        return _model_name(args[0])
    return getattr(tp, "__name__", str(tp))


def _find(
    converter: cattrs.Converter, data: Any, tp: Any, path: tuple[str | int, ...]
) -> tuple[tuple[str | int, ...], str, Any] | None:
    """The first place inside ``data`` that does not fit ``tp``: (path, reason, value)."""
    if isinstance(tp, type) and issubclass(tp, Model):
        if data.__class__ is not dict:
            return path, f"expected a JSON object, got {type(data).__name__}", data
        attrs.resolve_types(tp)
        for field in data_fields(tp):
            key = field.metadata.get(JSON_KEY, field.name)
            if key not in data:
                if field.default is attrs.NOTHING:
                    return (*path, field.name), f"required key {key!r} is missing", _MISSING
                continue
            found = _check(converter, data[key], field.type, (*path, field.name))
            if found is not None:
                return found
        return None
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is list and args and isinstance(data, list):
        for index, item in enumerate(data):
            found = _check(converter, item, args[0], (*path, index))
            if found is not None:
                return found
        return None
    if origin is dict and len(args) == 2 and isinstance(data, dict):
        for key, item in data.items():
            found = _check(converter, item, args[1], (*path, str(key)))
            if found is not None:
                return found
        return None
    if (origin is Union or origin is types.UnionType) and data is not None:
        inner = [arg for arg in args if arg is not type(None)]
        if len(inner) == 1:
            return _find(converter, data, inner[0], path)
    return _check(converter, data, tp, path, look_inside=False)


def _check(
    converter: cattrs.Converter,
    data: Any,
    tp: Any,
    path: tuple[str | int, ...],
    *,
    look_inside: bool = True,
) -> tuple[tuple[str | int, ...], str, Any] | None:
    try:
        converter.structure(data, tp)
    except FAILURES as exc:
        found = _find(converter, data, tp, path) if look_inside else None
        return found if found is not None else (path, _reason(exc), data)
    return None


def _reason(exc: BaseException) -> str:
    if isinstance(exc, KeyError):
        return f"required key {exc.args[0]!r} is missing"
    return str(exc) or type(exc).__name__
