"""The base of every Jetpack CRM model: custom fields apart from unknown keys.

The plugin sends custom fields as top-level keys named by their slug (hyphens kept, and
``addr_<slug>``/``secaddr_<slug>`` for address fields), beside its own columns. A key that is
neither a field of the model, nor a column the plugin is known to send, nor the site-formatted
``<key>_date`` companion of one, and whose value is a plain value, is taken as a custom field.
"""

from __future__ import annotations

from typing import Any, ClassVar

import attrs

from jbcrm._core.models import JSON_KEY, Model

_SCALARS = (str, int, float, bool, type(None))


_FIELD_KEYS: dict[type[Model], frozenset[str]] = {}


def _field_keys(cls: type[Model]) -> frozenset[str]:
    keys = _FIELD_KEYS.get(cls)
    if keys is None:
        fields = attrs.fields(cls)
        keys = frozenset(f.metadata.get(JSON_KEY, f.name) for f in fields if f.name != "raw")
        _FIELD_KEYS[cls] = keys
    return keys


@attrs.frozen
class JetpackModel(Model):
    """A record as the plugin sends it; see :attr:`custom_fields` and :attr:`extra`."""

    #: Keys the plugin sends for this record that are not modelled as fields (never custom).
    _native_keys: ClassVar[frozenset[str]] = frozenset()
    #: Whether this kind of record carries custom fields.
    _has_custom_fields: ClassVar[bool] = False

    def _is_known(self, key: str) -> bool:
        known = _field_keys(type(self)) | self._native_keys
        return key in known or (key.endswith("_date") and key[: -len("_date")] in known)

    @property
    def custom_fields(self) -> dict[str, Any]:
        """Custom field values by slug, as the server sent them (``""`` when unset)."""
        if not self._has_custom_fields:
            return {}
        return {
            key: value
            for key, value in self.raw.items()
            if isinstance(value, _SCALARS) and not self._is_known(key)
        }

    @property
    def extra(self) -> dict[str, Any]:
        """Keys no field reads that are not custom fields (site-formatted ``*_date``
        companions, columns added by newer plugin versions)."""
        fields = _field_keys(type(self))
        custom = self.custom_fields
        return {k: v for k, v in self.raw.items() if k not in fields and k not in custom}
