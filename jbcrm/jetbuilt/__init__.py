"""The Jetbuilt API: the client, its typed models and the values the API enumerates."""

from jbcrm.jetbuilt import enums, models
from jbcrm.jetbuilt.client import (
    JETBUILT_PRODUCTION_URL,
    JETBUILT_RATE_LIMIT,
    JETBUILT_SANDBOX_URL,
    Jetbuilt,
)
from jbcrm.jetbuilt.models import *  # noqa: F403
from jbcrm.jetbuilt.models import __all__ as _model_names
from jbcrm.jetbuilt.resources import LineItemsPaginator

__all__ = [
    "JETBUILT_PRODUCTION_URL",
    "JETBUILT_RATE_LIMIT",
    "JETBUILT_SANDBOX_URL",
    "Jetbuilt",
    "LineItemsPaginator",
    "enums",
    "models",
    *_model_names,
]
