"""Keyword arguments declared once, as a ``TypedDict``: the typing names a signature uses
(``**fields: Unpack[ProjectUpdate]``, from typing_extensions on Python 3.10), and the check,
made before anything is sent, that the keywords given are ones the ``TypedDict`` declares, that
its required ones are there, and that an enumerated (``Literal``) value is one of its values."""

from __future__ import annotations

import difflib
import sys
import types
from collections.abc import Mapping
from typing import Any, Literal, Union, get_args, get_origin

import attrs

from jbcrm._core.errors import InvalidArgumentError

if sys.version_info >= (3, 11):
    from typing import (
        NotRequired,
        Required,
        TypedDict,
        Unpack,
        get_type_hints,
    )
else:
    from typing_extensions import (
        NotRequired,
        Required,
        TypedDict,
        Unpack,
        get_type_hints,
    )

__all__ = ["Fields", "NotRequired", "Required", "TypedDict", "Unpack", "checked", "fields_of"]

_UNIONS = (Union, types.UnionType)


@attrs.frozen
class Fields:
    """What a ``TypedDict`` of keyword arguments declares, read from its annotations."""

    #: Every key, in declaration order (inherited ones first).
    keys: tuple[str, ...]
    required: frozenset[str]
    #: The allowed values of each key annotated with a ``Literal`` (alone or in a union).
    choices: Mapping[str, tuple[Any, ...]]
    #: Each key's type, without ``Required``/``NotRequired``.
    types: Mapping[str, Any]


_FIELDS: dict[type, Fields] = {}


def fields_of(declared: type) -> Fields:
    """The keys, required keys and choices of the ``TypedDict`` ``declared`` (read once)."""
    found = _FIELDS.get(declared)
    if found is None:
        found = _FIELDS[declared] = _read(declared)
    return found


def _read(declared: type) -> Fields:
    hints = get_type_hints(declared, include_extras=True)
    # The class's own required keys are wrong for a stringified ``Required[...]`` (postponed
    # annotations): the markers are read from the evaluated hints instead.
    required = set(getattr(declared, "__required_keys__", frozenset()))
    plain: dict[str, Any] = {}
    for key, hint in hints.items():
        marker: Any = get_origin(hint)
        if marker is Required:
            required.add(key)
        elif marker is NotRequired:
            required.discard(key)
        plain[key] = get_args(hint)[0] if marker in (Required, NotRequired) else hint
    choices = {key: values for key, tp in plain.items() if (values := _literal_values(tp))}
    return Fields(tuple(hints), frozenset(required), choices, plain)


def _literal_values(tp: Any) -> tuple[Any, ...]:
    origin: Any = get_origin(tp)
    if origin is Literal:
        return get_args(tp)
    if origin in _UNIONS:
        return tuple(value for arg in get_args(tp) for value in _literal_values(arg))
    return ()


def checked(declared: type, given: Mapping[str, Any]) -> dict[str, Any]:
    """``given`` as a new dict, once it is known to fit the ``TypedDict`` ``declared``;
    :class:`~jbcrm.InvalidArgumentError` (naming the key, and what is accepted) otherwise.

    ``None`` stands for "not given" and passes any check (it is never sent)."""
    fields = fields_of(declared)
    for key in given:
        if key not in fields.types:
            raise InvalidArgumentError(_unknown(key, fields.keys))
    missing = [key for key in fields.keys if key in fields.required and key not in given]
    if missing:
        raise InvalidArgumentError(f"missing required argument {', '.join(missing)}")
    for key, allowed in fields.choices.items():
        value = given.get(key)
        if value is not None and value not in allowed:
            raise InvalidArgumentError(
                f"{key}={value!r} is not accepted; use one of: {', '.join(map(str, allowed))}"
            )
    return dict(given)


def _unknown(key: str, accepted: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(key, accepted, n=1)
    guess = f" (did you mean {close[0]}?)" if close else ""
    return f"cannot set {key}{guess}; the arguments are: {', '.join(sorted(accepted))}"
