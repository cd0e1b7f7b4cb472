"""The exception hierarchy, and the one mapping from HTTP status to exception class.

Every exception the SDK raises derives from :class:`JBCRMError`. Messages and reprs carry only
redacted URLs and short excerpts, never a credential.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jbcrm._core.redact import scrub_known


class JBCRMError(Exception):
    """Base of every error raised by jbcrm.

    An error caused by another library's exception does not chain it (its text may hold the
    request, credentials included); ``cause_type`` and ``cause_message`` keep its type name and
    its redacted message instead.
    """

    #: The type name of the third-party exception behind this error, if any.
    cause_type: str | None = None
    #: That exception's message, redacted.
    cause_message: str | None = None

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        # A last net for text built outside the error context (a pagination link in a loop
        # error, say): the known secrets of every live client are replaced.
        message = scrub_known(message)
        hint = None if hint is None else scrub_known(hint)
        self.message = message
        self.hint = hint
        super().__init__(message if hint is None else f"{message} Hint: {hint}")

    def __reduce__(self) -> tuple[Any, ...]:
        # Keyword-only constructors defeat Exception's pickling (``cls(*args)``); process pools
        # and task queues (Celery) send errors between processes, so rebuild from the state.
        return (_rebuild, (type(self), self.args, self.__dict__))


class APIError(JBCRMError):
    """The server answered, and the answer is an error (including errors sent with HTTP 200)."""

    #: The server's ``Retry-After`` in seconds (sent with 429 and 503), if any.
    retry_after: float | None = None
    #: Whether trying again can help: ``None`` lets the retry policy decide by status; an API's
    #: rules set ``False`` for a failure known to repeat (a deterministic server crash).
    retryable: bool | None = None

    def __init__(
        self,
        message: str,
        *,
        status: int,
        method: str,
        url: str,
        body: Any = None,
        hint: str | None = None,
        attempts: int = 1,
    ) -> None:
        self.status = status
        self.method = method
        self.url = url
        self.body = body
        self.attempts = attempts
        super().__init__(f"{method} {url} -> {status}: {message}", hint=hint)

    def __repr__(self) -> str:
        name = type(self).__name__
        return f"{name}(status={self.status}, method={self.method!r}, url={self.url!r})"


class BadRequestError(APIError):
    """HTTP 400: the request is invalid, or (Jetpack CRM) the endpoint is unknown."""


class AuthenticationError(APIError):
    """HTTP 401: the credentials are missing or wrong (or, on a write, not allowed to write)."""


class PermissionDeniedError(APIError):
    """HTTP 403: the credentials are valid but may not do this."""


class NotFoundError(APIError):
    """HTTP 404: no such record or route."""


class MethodNotAllowedError(APIError):
    """HTTP 405: the endpoint does not accept this HTTP method."""


class NotAcceptableError(APIError):
    """HTTP 406: the server does not speak the requested API version."""


class UnprocessableEntityError(APIError):
    """HTTP 422: validation failed; ``field_errors`` maps each field to its messages."""

    @property
    def field_errors(self) -> dict[str, list[str]]:
        errors = self.body.get("errors") if isinstance(self.body, Mapping) else None
        if not isinstance(errors, Mapping):
            return {}
        return {
            str(field): [str(m) for m in (msgs if isinstance(msgs, list) else [msgs])]
            for field, msgs in errors.items()
        }


class RateLimitError(APIError):
    """HTTP 429 that retries did not get past; ``retry_after`` is the server's wait, in seconds."""

    def __init__(self, message: str, *, retry_after: float | None = None, **kwargs: Any) -> None:
        self.retry_after = retry_after
        super().__init__(message, **kwargs)


class InternalServerError(APIError):
    """HTTP 5xx: the server failed."""


class APIConnectionError(JBCRMError):
    """No usable answer: the connection failed, was reset, or the response was cut short."""

    def __init__(
        self,
        message: str,
        *,
        method: str,
        url: str,
        hint: str | None = None,
        attempts: int = 1,
        sent: bool = True,
    ) -> None:
        #: False when the request certainly never reached the server.
        self.sent = sent
        self.method = method
        self.url = url
        self.attempts = attempts
        super().__init__(f"{method} {url}: {message}", hint=hint)


class APITimeoutError(APIConnectionError):
    """The request timed out: one of httpx's per-phase timeouts (connect, read, write, pool),
    or the call's deadline, which bounds the whole call."""

    #: When the call's deadline ran out: the phase that was running ("waiting for the rate
    #: limiter", "connecting", "sending the request", "waiting for the response", "reading
    #: the body", "backing off before a retry"); ``None`` for one of httpx's timeouts.
    phase: str | None = None


class CrossOriginError(JBCRMError):
    """The server pointed at a URL on another origin (another host or port, or ``http://`` after
    an ``https://`` base): a pagination link or a redirect. It was not followed, so that the
    credentials could not travel there; ``url`` is that URL, redacted, and ``status`` the
    redirect's status (``None`` for a link)."""

    def __init__(
        self,
        message: str,
        *,
        method: str,
        url: str,
        status: int | None = None,
        hint: str | None = None,
    ) -> None:
        self.method = method
        self.url = url
        self.status = status
        super().__init__(f"{method} {url}: {message}", hint=hint)


class ResponseDecodeError(JBCRMError):
    """The server answered 2xx with something that is not what the API promises: not JSON,
    an HTML page, JSON of the wrong shape, or values that do not fit the model."""

    def __init__(
        self,
        message: str,
        *,
        status: int,
        method: str,
        url: str,
        excerpt: str = "",
        hint: str | None = None,
    ) -> None:
        self.status = status
        self.method = method
        self.url = url
        self.excerpt = excerpt
        detail = f" Body starts: {excerpt!r}." if excerpt else ""
        super().__init__(f"{method} {url} -> {status}: {message}.{detail}", hint=hint)


class ResponseTooLargeError(ResponseDecodeError):
    """The body passed the client's ``max_response_size`` (counted decoded, so a compressed
    bomb stops early); reading stopped there. ``limit`` is that size in bytes."""

    limit: int = 0


class RedisLimiterError(JBCRMError):
    """Redis could not be reached and the limiter was told to raise (``on_redis_error="raise"``)."""


class ConfigurationError(JBCRMError, ValueError):
    """The client was set up wrongly (missing key, bad URL, bad option)."""


class InvalidArgumentError(JBCRMError, ValueError):
    """An argument was refused before anything was sent."""


class ClientClosedError(JBCRMError, RuntimeError):
    """The client was used after ``aclose()`` (or after its ``async with`` block)."""


class EventLoopMismatchError(JBCRMError, RuntimeError):
    """The client was used from an event loop other than the one it was opened on."""


def _rebuild(cls: type[JBCRMError], args: tuple[Any, ...], state: dict[str, Any]) -> JBCRMError:
    """An unpickled error: the same class, message and attributes, without calling
    ``__init__``."""
    error = cls.__new__(cls, *args)
    error.args = args
    error.__dict__.update(state)
    return error


_BY_STATUS: dict[int, type[APIError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    405: MethodNotAllowedError,
    406: NotAcceptableError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def error_class_for(status: int) -> type[APIError]:
    """The exception class for an HTTP error status."""
    if status in _BY_STATUS:
        return _BY_STATUS[status]
    return InternalServerError if status >= 500 else APIError
