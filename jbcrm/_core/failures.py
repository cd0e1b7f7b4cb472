"""Where every error about a request is built: from the request, the response (if there is one)
and the redactor.

Each text an error shows (message, URL, body, excerpt, hint) passes through here exactly once:
redacted after it is rendered (a URL after percent-encoding, a body after decoding) and only
then cut short, so that neither encoding nor truncation can let part of a secret through.
"""

from __future__ import annotations

import json
from typing import Any, TypeVar

import httpx

from jbcrm._core import constants
from jbcrm._core.errors import (
    APIConnectionError,
    APIError,
    CrossOriginError,
    InvalidArgumentError,
    JBCRMError,
    ResponseDecodeError,
)
from jbcrm._core.redact import Redactor

E = TypeVar("E", bound=JBCRMError)
A = TypeVar("A", bound=APIError)
C = TypeVar("C", bound=APIConnectionError)

#: Error bodies nested deeper than this are kept as a text excerpt (no caller reads them).
MAX_BODY_DEPTH = 64
_UNSET: Any = object()


class ErrorContext:
    """The request an error is about, its response if any, and the redactor that scrubs every
    text shown. Cheap to create: the redacted URL and body are computed on first use."""

    __slots__ = ("_body", "_data", "_url", "attempt", "redactor", "request", "response")

    def __init__(
        self,
        request: httpx.Request,
        redactor: Redactor,
        response: httpx.Response | None = None,
        *,
        attempt: int = 1,
        data: Any = _UNSET,
    ) -> None:
        self.request = request
        self.redactor = redactor
        self.response = response
        self.attempt = attempt
        self._data = data
        self._url: str | None = None
        self._body: Any = _UNSET

    @property
    def method(self) -> str:
        return self.request.method

    @property
    def status(self) -> int:
        return 0 if self.response is None else self.response.status_code

    @property
    def url(self) -> str:
        """The request's URL, redacted."""
        if self._url is None:
            self._url = self.redactor.url(self.request.url)
        return self._url

    def text(self, value: str, limit: int | None = None) -> str:
        """``value`` redacted, then cut to ``limit`` characters."""
        cleaned = self.redactor.text(value)
        return cleaned if limit is None else cleaned[:limit]

    def excerpt(self) -> str:
        """The start of the response body as text, redacted, then cut to a short excerpt.

        Only the first bytes are decoded; enough of them that a secret starting inside the
        excerpt is read whole, and so redacted whole.
        """
        if self.response is None:
            return ""
        window = (constants.EXCERPT_CHARS + self.redactor.longest) * 4
        head = self.response.content[:window]
        try:
            text = head.decode(self.response.encoding or "utf-8", errors="replace")
        except LookupError:
            text = head.decode("utf-8", errors="replace")
        return self.text(text, constants.EXCERPT_CHARS)

    @property
    def body(self) -> Any:
        """The body for an error's ``body``: its JSON with every key and string redacted, or a
        short redacted excerpt of its text (not JSON, or absurdly deep), or ``None`` if empty."""
        if self._body is _UNSET:
            self._body = self._read_body()
        return self._body

    def _read_body(self) -> Any:
        data = self._data
        if data is _UNSET:
            content = b"" if self.response is None else self.response.content
            if not content.strip():
                return None
            data = _parse_json(content)
        if data is _UNSET or _deeper_than(data, MAX_BODY_DEPTH):
            return self.excerpt()
        return self.redactor.data(data)

    def api_error(
        self,
        cls: type[A],
        message: str,
        *,
        status: int | None = None,
        hint: str | None = None,
        body: Any = _UNSET,
    ) -> A:
        """An :class:`~jbcrm.APIError` of class ``cls`` about this response."""
        return cls(
            self.text(message, constants.MESSAGE_CHARS),
            status=self.status if status is None else status,
            method=self.method,
            url=self.url,
            body=self.body if body is _UNSET else body,
            hint=self._hint(hint),
            attempts=self.attempt,
        )

    def decode_error(
        self,
        message: str,
        *,
        hint: str | None = None,
        status: int | None = None,
        excerpt: str | None = None,
    ) -> ResponseDecodeError:
        """A :class:`~jbcrm.ResponseDecodeError`: the answer is not what the API promises."""
        return ResponseDecodeError(
            self.text(message, constants.MESSAGE_CHARS),
            status=self.status if status is None else status,
            method=self.method,
            url=self.url,
            excerpt=self.excerpt()
            if excerpt is None
            else self.text(excerpt, constants.EXCERPT_CHARS),
            hint=self._hint(hint),
        )

    def connection_error(
        self, cls: type[C], message: str, cause: BaseException, *, hint: str, sent: bool
    ) -> C:
        """An :class:`~jbcrm.APIConnectionError` of class ``cls``; ``cause`` is kept only as its
        type name and redacted message, never chained."""
        error = cls(
            self.text(message, constants.MESSAGE_CHARS),
            method=self.method,
            url=self.url,
            hint=self._hint(hint),
            attempts=self.attempt,
            sent=sent,
        )
        return with_cause(error, cause, self.redactor)

    def _hint(self, hint: str | None) -> str | None:
        return None if hint is None else self.text(hint, constants.MESSAGE_CHARS)


def with_cause(error: E, cause: BaseException, redactor: Redactor) -> E:
    """``error`` with the type name and redacted message of the exception that caused it.

    The cause itself is not chained (``raise ... from None``, raised outside the ``except``
    block): a third-party exception's text and attributes may hold the request, credentials
    included, and every traceback printer shows the chain.
    """
    error.cause_type = type(cause).__name__
    error.cause_message = redactor.text(str(cause))
    return error


def cross_origin(
    method: str,
    target: httpx.URL,
    reason: str,
    redactor: Redactor,
    *,
    status: int | None = None,
) -> CrossOriginError:
    """The error for a URL the server gave that would leave the base URL's origin."""
    what = "a link" if status is None else f"a {status} redirect"
    return CrossOriginError(
        f"not followed: {what} points to {reason}, which would receive the credentials",
        method=method,
        url=redactor.url(target),
        status=status,
        hint="if the API really moved, set the client's base URL to its new address",
    )


def unsendable(message: str, cause: BaseException, redactor: Redactor) -> InvalidArgumentError:
    """The error for a request that could not even be built (so nothing was sent)."""
    return with_cause(InvalidArgumentError(redactor.text(message)), cause, redactor)


def _parse_json(content: bytes) -> Any:
    try:
        return json.loads(content)
    except (ValueError, RecursionError):
        return _UNSET


def _deeper_than(data: Any, limit: int) -> bool:
    """Whether JSON ``data`` nests more than ``limit`` containers deep (without recursion)."""
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            children: Any = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth >= limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False
