"""Tests driven by the ``TypedDict`` of an operation's keyword arguments: which one a method
takes, and a value of each argument's type to call it with."""

from __future__ import annotations

import inspect
import types
import typing
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime, timezone
from decimal import Decimal
from typing import Any, Literal, Union

import typing_extensions

from jbcrm._core.params import Unpack, fields_of

#: A datetime with whole seconds (Jetpack CRM keeps no fraction), aware.
MOMENT = datetime(2030, 1, 2, 3, 4, 5, tzinfo=timezone.utc)


def declared(method: Callable[..., Any]) -> type | None:
    """The ``TypedDict`` of ``method``'s ``**fields: Unpack[...]``, or ``None`` without one."""
    hints = typing.get_type_hints(method)
    for parameter in inspect.signature(method).parameters.values():
        if parameter.kind is inspect.Parameter.VAR_KEYWORD:
            hint = hints[parameter.name]
            assert typing.get_origin(hint) is Unpack, f"**{parameter.name} is not Unpack[...]"
            (typed_dict,) = typing.get_args(hint)
            # typing's own check does not know typing_extensions' TypedDicts on Python 3.10.
            assert typing_extensions.is_typeddict(typed_dict)
            return typed_dict  # type: ignore[no-any-return]
    return None


def sample(key: str, tp: Any) -> Any:
    """A value of type ``tp`` for the argument ``key``, recognisable in what is sent."""
    origin = typing.get_origin(tp)
    if origin is Literal:
        return typing.get_args(tp)[0]
    if origin in (Union, types.UnionType):
        # The first type of a union: Decimal of a Number, date of a When, bytes of an Upload.
        first = next(arg for arg in typing.get_args(tp) if arg is not type(None))
        return sample(key, first)
    if origin is not None and issubclass(origin, Mapping):
        return {"probe": f"probe {key}"}
    if origin is not None and issubclass(origin, Sequence):
        return ["probe"]
    if tp is str and "email" in key:
        return f"probe.{key}@example.com"
    values: dict[Any, Any] = {
        str: f"probe {key}",
        bool: True,
        int: 7,
        Decimal: Decimal("1.25"),
        datetime: MOMENT,
        date: date(2030, 1, 2),
        bytes: b"probe bytes",
    }
    return values[tp]


def required_arguments(method: Callable[..., Any]) -> dict[str, Any]:
    """A value for every keyword ``method`` requires: its keyword-only parameters without a
    default, and the required keys of its ``TypedDict``."""
    hints = typing.get_type_hints(method)
    found = {
        name: sample(name, hints[name])
        for name, parameter in inspect.signature(method).parameters.items()
        if parameter.kind is inspect.Parameter.KEYWORD_ONLY
        and parameter.default is inspect.Parameter.empty
    }
    typed_dict = declared(method)
    if typed_dict is not None:
        fields = fields_of(typed_dict)
        found |= {key: sample(key, fields.types[key]) for key in fields.required}
    return found


def positional_values(method: Callable[..., Any]) -> list[Any]:
    """A value for each positional parameter of ``method``."""
    hints = typing.get_type_hints(method)
    kinds = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    return [
        sample(name, hints[name])
        for name, parameter in inspect.signature(method).parameters.items()
        if parameter.kind in kinds and name != "self"
    ]


def positional_ids(method: Callable[..., Any]) -> list[int]:
    """Distinct ids for the positional parameters (the path's ids, in path order)."""
    kinds = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    names = [
        name
        for name, parameter in inspect.signature(method).parameters.items()
        if parameter.kind in kinds and name != "self"
    ]
    return [101 + index for index in range(len(names))]
