"""The base of every Jetpack CRM model: its columns, its custom fields, its printed companions.

The plugin sends a record's custom fields as top-level keys named by slug (hyphens kept, and
``addr_<slug>``/``secaddr_<slug>`` for address fields) beside its own columns. Which key is
which is read from the record itself: a key is a column when a field of the model reads it or
the plugin sends it for every record of the type; ``<column>_date`` is a column's
site-formatted companion; ``<slug>_cfdate``, ``<slug>_datetime_str`` and ``<slug>_date_str``
are the printed forms of the date custom field ``<slug>`` beside them. The other plain values
are the custom fields.
"""

from __future__ import annotations

from typing import Any, ClassVar

import attrs

from jbcrm._core.models import JSON_KEY, Model

__all__ = ["JetpackModel", "column", "columns_of", "owner_id", "read_names_of"]

_SCALARS = (str, int, float, bool, type(None))
_COLUMN = "jbcrm_jetpack_column"
_CUSTOM_COMPANIONS = ("_cfdate", "_datetime_str", "_date_str")
_KNOWN: dict[type[Model], frozenset[str]] = {}


def column(read_as: str | None = None) -> Any:
    """A text column of the record: upserts write it under the attribute's name, the read
    endpoints send it under ``read_as`` when that differs (a contact's ``secaddr_city``)."""
    metadata: dict[str, Any] = {_COLUMN: True}
    if read_as is not None:
        metadata[JSON_KEY] = read_as
    return attrs.field(default=None, metadata=metadata)


def columns_of(cls: type[Model]) -> tuple[str, ...]:
    """The text columns an upsert of ``cls`` writes, by the names it writes them under."""
    return tuple(f.name for f in attrs.fields(cls) if f.metadata.get(_COLUMN))


def read_names_of(cls: type[Model]) -> dict[str, str]:
    """The columns the read endpoints name differently: written name -> read name."""
    return {
        f.name: f.metadata[JSON_KEY]
        for f in attrs.fields(cls)
        if f.metadata.get(_COLUMN) and JSON_KEY in f.metadata
    }


def owner_id(value: int | None) -> int | None:
    """A WordPress user id, or None: the plugin writes "no owner" as -1 or 0."""
    return value if value is not None and value > 0 else None


def _known_keys(cls: type[JetpackModel]) -> frozenset[str]:
    keys = _KNOWN.get(cls)
    if keys is None:
        fields = attrs.fields(cls)
        read = {f.metadata.get(JSON_KEY, f.name) for f in fields if f.name != "raw"}
        # An upsert's echo holds the written names of the columns read under other names.
        written = {f.name for f in fields if f.metadata.get(_COLUMN)}
        keys = frozenset(read | written | cls._columns)
        _KNOWN[cls] = keys
    return keys


@attrs.frozen
class JetpackModel(Model):
    """A record as the plugin sends it; see :attr:`custom_fields` and :attr:`extra`."""

    #: Keys the plugin sends for this kind of record that no field reads (never custom).
    _columns: ClassVar[frozenset[str]] = frozenset()
    #: Whether this kind of record carries custom fields.
    _has_custom_fields: ClassVar[bool] = False

    def _is_companion(self, key: str, known: frozenset[str]) -> bool:
        if key.endswith("_date") and key[: -len("_date")] in known:
            return True
        raw = self.raw
        return any(
            key.endswith(suffix) and key[: -len(suffix)] in raw for suffix in _CUSTOM_COMPANIONS
        )

    @property
    def custom_fields(self) -> dict[str, Any]:
        """Custom field values by slug, as the server sent them (``""`` when unset; a date
        field as unix seconds in text, its printed forms in :attr:`extra`)."""
        if not self._has_custom_fields:
            return {}
        known = _known_keys(type(self))
        return {
            key: value
            for key, value in self.raw.items()
            if isinstance(value, _SCALARS)
            and key not in known
            and not self._is_companion(key, known)
        }

    @property
    def extra(self) -> dict[str, Any]:
        """Keys no field reads that are not custom fields: the plugin's other columns, the
        site-formatted ``*_date`` companions (the site's own date format and time zone, kept as
        text), a date custom field's printed forms, and keys of newer plugin versions."""
        fields = {f.metadata.get(JSON_KEY, f.name) for f in attrs.fields(type(self))}
        custom = self.custom_fields
        return {k: v for k, v in self.raw.items() if k not in fields and k not in custom}
