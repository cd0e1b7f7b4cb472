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
from jbcrm._core.errors import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ClientClosedError,
    ConfigurationError,
    CrossOriginError,
    EventLoopMismatchError,
    InternalServerError,
    InvalidArgumentError,
    JBCRMError,
    MethodNotAllowedError,
    NotAcceptableError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    RedisLimiterError,
    ResponseDecodeError,
    ResponseTooLargeError,
    UnprocessableEntityError,
)
from jbcrm._core.models import Model, UndecodedRecord
from jbcrm._core.pagination import AsyncPaginator, Page, PaginationLoopError
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
from jbcrm.jetbuilt.client import (
    JETBUILT_PRODUCTION_URL,
    JETBUILT_RATE_LIMIT,
    JETBUILT_SANDBOX_URL,
    Jetbuilt,
)
from jbcrm.jetpackcrm.client import JETPACKCRM_RATE_LIMIT, JetpackCRM
from jbcrm.jetpackcrm.errors import CustomerNotFoundError, RequestRejectedError

__all__ = [
    "JETBUILT_PRODUCTION_URL",
    "JETBUILT_RATE_LIMIT",
    "JETBUILT_SANDBOX_URL",
    "JETPACKCRM_RATE_LIMIT",
    "NULL",
    "APIConnectionError",
    "APIError",
    "APITimeoutError",
    "AdaptiveConcurrencyLimiter",
    "AsyncPaginator",
    "AuthenticationError",
    "BadRequestError",
    "ClientClosedError",
    "ConfigurationError",
    "CrossOriginError",
    "CustomerNotFoundError",
    "EventLoopMismatchError",
    "InternalServerError",
    "InvalidArgumentError",
    "JBCRMError",
    "Jetbuilt",
    "JetpackCRM",
    "LeakyBucketLimiter",
    "Limiter",
    "LimiterStats",
    "MethodNotAllowedError",
    "MirrorError",
    "Model",
    "NotAcceptableError",
    "NotFoundError",
    "Outcome",
    "Page",
    "PaginationLoopError",
    "PermissionDeniedError",
    "Permit",
    "RateLimit",
    "RateLimitError",
    "RedisLimiterError",
    "RequestRejectedError",
    "ResponseDecodeError",
    "ResponseTooLargeError",
    "SlidingWindowLimiter",
    "SyncJetbuilt",
    "SyncJetpackCRM",
    "SyncPaginator",
    "UndecodedRecord",
    "UnprocessableEntityError",
    "__version__",
    "errors",
    "fetch_as_completed",
    "fetch_each",
    "mirror",
    "sync_fetch_as_completed",
    "sync_fetch_each",
]

# Tracebacks and reprs name an error by the path users import it from (jbcrm.NotFoundError),
# not by the private module that defines it; pickle finds it there too.
for _name in __all__:
    _value = globals()[_name]
    if isinstance(_value, type) and issubclass(_value, JBCRMError):
        _value.__module__ = __name__
del _name, _value
