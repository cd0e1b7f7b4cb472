"""The health check's answer."""

from __future__ import annotations

import attrs

from jbcrm._core.models import Model
from jbcrm.jetpackcrm.models._base import JetpackModel


@attrs.frozen
class Extension(Model):
    """An active pro extension."""

    name: str | None = None
    version: str | None = None


@attrs.frozen
class Status(JetpackModel):
    """``GET /status``: the connection works; versions, and with ``full`` the modules and
    extensions.

    ``modules`` maps module names to whether they are on; the plugin sends a list of the
    active names (the document shows an object), and both decode to this mapping.
    """

    status: str | None = None
    message: str | None = None
    crm_version: str | None = None
    db_version: str | None = None
    modules: dict[str, bool] | None = None
    extensions: dict[str, Extension] | None = None
