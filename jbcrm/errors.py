"""Every exception jbcrm raises (also importable from ``jbcrm`` itself)."""

from jbcrm._core.errors import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConfigurationError,
    EventLoopMismatchError,
    InternalServerError,
    InvalidArgumentError,
    JBCRMError,
    MethodNotAllowedError,
    NotAcceptableError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ResponseDecodeError,
    UnprocessableEntityError,
)
from jbcrm._core.pagination import PaginationLoopError
from jbcrm.jetpackcrm.errors import CustomerNotFoundError, RequestRejectedError

__all__ = [
    "APIConnectionError",
    "APIError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConfigurationError",
    "CustomerNotFoundError",
    "EventLoopMismatchError",
    "InternalServerError",
    "InvalidArgumentError",
    "JBCRMError",
    "MethodNotAllowedError",
    "NotAcceptableError",
    "NotFoundError",
    "PaginationLoopError",
    "PermissionDeniedError",
    "RateLimitError",
    "RequestRejectedError",
    "ResponseDecodeError",
    "UnprocessableEntityError",
]
