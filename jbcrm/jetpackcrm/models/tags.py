"""Tags attached to customers and companies."""

from __future__ import annotations

import attrs

from jbcrm._core.models import UnixTime
from jbcrm.jetpackcrm.models._base import JetpackModel


@attrs.frozen
class Tag(JetpackModel):
    """A tag as the read endpoints send it; a create echo gives only the ``name``."""

    name: str
    id: int | None = None
    objtype: int | None = None
    slug: str | None = None
    created: UnixTime | None = None
    lastupdated: UnixTime | None = None
