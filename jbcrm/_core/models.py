"""Base class and value types shared by every response model."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any, ClassVar, NewType

import attrs

#: Metadata key naming the JSON key of a field when it is not the attribute name
#: (Jetbuilt sends ``"requires_engineering?"``).
JSON_KEY = "jbcrm_json_key"

#: A point in time the API sends as unix seconds (int or numeric string); decoded to an
#: aware UTC ``datetime``. ``0``, ``-1``, ``false`` and ``""`` mean "none" and decode to ``None``.
UnixTime = NewType("UnixTime", datetime)


def json_field(key: str, **kwargs: Any) -> Any:
    """An attrs field read from (and written to) the JSON key ``key``."""
    metadata = {**kwargs.pop("metadata", {}), JSON_KEY: key}
    return attrs.field(metadata=metadata, **kwargs)


@attrs.frozen
class Model:
    """Base of every response model: frozen, slotted, and it remembers its JSON.

    ``raw`` is the exact JSON object the model was decoded from (not a copy), ``extra`` the
    keys this version of the SDK does not know yet, so nothing the server sends is lost.
    """

    raw: Mapping[str, Any] = attrs.field(factory=dict, kw_only=True, repr=False, eq=False)

    _json_keys: ClassVar[frozenset[str]] = frozenset()

    @property
    def extra(self) -> dict[str, Any]:
        """Keys of the JSON object that no field of this model reads."""
        known = type(self)._json_keys
        return {key: value for key, value in self.raw.items() if key not in known}


@attrs.frozen
class Money:
    """An amount sent as ``{"cents": ..., "currency_iso": ...}``."""

    cents: int
    currency_iso: str | None = None

    @property
    def amount(self) -> Decimal:
        """The amount in currency units (``cents / 100``)."""
        return Decimal(self.cents).scaleb(-2)
