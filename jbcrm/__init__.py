"""jbcrm: async SDK for the Jetbuilt and Jetpack CRM APIs.

Typed models, lazy pagination, idempotency-aware retries, and rate limits that never trip a
429. Start with :class:`Jetbuilt` or :class:`JetpackCRM`.
"""

from jbcrm import errors
from jbcrm._blocking import (
    SyncJetbuilt,
    SyncJetpackCRM,
    SyncPaginator,
    sync_fetch_as_completed,
    sync_fetch_each,
)
from jbcrm._core.bulk import Outcome, fetch_as_completed, fetch_each
from jbcrm._core.convert import NULL
from jbcrm._core.models import Model, UndecodedRecord
from jbcrm._core.pagination import AsyncPaginator, Page
from jbcrm._core.ratelimit import (
    AdaptiveConcurrencyLimiter,
    LeakyBucketLimiter,
    Limiter,
    LimiterStats,
    Permit,
    RateLimit,
    SlidingWindowLimiter,
)
from jbcrm._mirror import MirrorError, mirror
from jbcrm._version import __version__
from jbcrm.errors import *  # noqa: F403
from jbcrm.errors import JBCRMError
from jbcrm.errors import __all__ as _error_names
from jbcrm.jetbuilt.client import *  # noqa: F403
from jbcrm.jetbuilt.client import __all__ as _jetbuilt_names
from jbcrm.jetpackcrm.client import JETPACKCRM_RATE_LIMIT, JetpackCRM

__all__ = [
    "JETPACKCRM_RATE_LIMIT",
    "NULL",
    "AdaptiveConcurrencyLimiter",
    "AsyncPaginator",
    "JetpackCRM",
    "LeakyBucketLimiter",
    "Limiter",
    "LimiterStats",
    "MirrorError",
    "Model",
    "Outcome",
    "Page",
    "Permit",
    "RateLimit",
    "SlidingWindowLimiter",
    "SyncJetbuilt",
    "SyncJetpackCRM",
    "SyncPaginator",
    "UndecodedRecord",
    "__version__",
    "errors",
    "fetch_as_completed",
    "fetch_each",
    "mirror",
    "sync_fetch_as_completed",
    "sync_fetch_each",
    *_error_names,
    *_jetbuilt_names,
]

# Tracebacks and reprs name an error by the path users import it from (jbcrm.NotFoundError),
# not by the private module that defines it; pickle finds it there too.
for _name in __all__:
    _value = globals()[_name]
    if isinstance(_value, type) and issubclass(_value, JBCRMError):
        _value.__module__ = __name__
del _name, _value
