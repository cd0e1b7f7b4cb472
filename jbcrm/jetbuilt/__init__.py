"""The Jetbuilt API: the client, its typed models and the values the API enumerates."""

from jbcrm.jetbuilt import enums, models
from jbcrm.jetbuilt.client import *  # noqa: F403
from jbcrm.jetbuilt.client import __all__ as _client_names
from jbcrm.jetbuilt.models import *  # noqa: F403
from jbcrm.jetbuilt.models import __all__ as _model_names
from jbcrm.jetbuilt.resources import LineItemsPaginator

__all__ = [
    *_client_names,
    "LineItemsPaginator",
    "enums",
    "models",
    *_model_names,
]
