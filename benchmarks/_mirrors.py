"""The same models in other stacks, made from jbcrm's attrs models so that every contender
decodes the same fields, names and nesting: pydantic models (the githubkit variant on
githubkit's own model base) and msgspec structs.

Money fields accept what Jetbuilt sends (a decimal string or a cents object) in each stack.
"""

from __future__ import annotations

import functools
import types
import typing
from datetime import datetime
from decimal import Decimal
from typing import Any, Union

import attrs
import msgspec
import pydantic

from jbcrm._core.models import JSON_KEY, Model, UnixTime, data_fields


class PydanticCents(pydantic.BaseModel):
    cents: int
    currency_iso: str | None = None


class MsgspecCents(msgspec.Struct):
    cents: int
    currency_iso: str | None = None


def _fields(cls: type) -> list[attrs.Attribute[Any]]:
    attrs.resolve_types(cls)
    return data_fields(cls)


def _translate(tp: Any, nested: Any, money: Any) -> Any:
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is Union or origin is types.UnionType:
        return functools.reduce(lambda a, b: a | b, [_translate(a, nested, money) for a in args])
    if origin is list:
        return list[_translate(args[0], nested, money)]  # type: ignore[misc]
    if origin is dict:
        return dict[args[0], _translate(args[1], nested, money)]  # type: ignore[misc]
    if tp is UnixTime:
        return datetime
    if tp is Decimal:
        return money
    if isinstance(tp, type) and issubclass(tp, Model):
        return nested(tp)
    return tp


@functools.cache
def pydantic_model(cls: type, base: type = pydantic.BaseModel) -> Any:
    """A pydantic model with ``cls``'s fields (JSON keys as aliases), on ``base``."""
    definitions: dict[str, Any] = {}
    for field in _fields(cls):
        tp = _translate(field.type, lambda c: pydantic_model(c, base), Decimal | PydanticCents)
        default, alias = field.default, field.metadata.get(JSON_KEY, field.name)
        if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            info = pydantic.Field(default_factory=default.factory, alias=alias)
        elif default is attrs.NOTHING:
            info = pydantic.Field(alias=alias)
        else:
            info = pydantic.Field(default=default, alias=alias)
        definitions[field.name] = (tp, info)
    return pydantic.create_model(f"{cls.__name__}Pydantic", __base__=base, **definitions)


@functools.cache
def msgspec_struct(cls: type) -> Any:
    """A msgspec struct with ``cls``'s fields, read from their JSON keys."""
    fields, renames = [], {}
    for field in _fields(cls):
        tp = _translate(field.type, msgspec_struct, Decimal | float | int | MsgspecCents)
        default = field.default
        if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            default = msgspec.field(default_factory=default.factory)
        elif default is attrs.NOTHING:
            default = msgspec.NODEFAULT
        fields.append((field.name, tp, default))
        key = field.metadata.get(JSON_KEY, field.name)
        if key != field.name:
            renames[field.name] = key
    return msgspec.defstruct(f"{cls.__name__}Struct", fields, kw_only=True, rename=renames)
