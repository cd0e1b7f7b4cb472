"""How an answer becomes data or a typed error: HTTP status, errors inside 2xx bodies, bodies
that are not JSON, and failed sends. The API's :class:`~jbcrm._core.responses.ResponseRules`
decide the details; :class:`~jbcrm._core.failures.ErrorContext` builds (and redacts) the error.
"""

from __future__ import annotations

import json
from typing import Any

import httpx

from jbcrm._core.errors import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    JBCRMError,
    RateLimitError,
)
from jbcrm._core.failures import ErrorContext, cross_origin
from jbcrm._core.origin import crossing
from jbcrm._core.redact import Redactor
from jbcrm._core.responses import ResponseRules

#: What to do about a 429 that retries did not get past.
RATE_LIMITED_HINT = (
    "wait `retry_after` seconds (the server's wait, when it sent one) before calling again; if "
    "other programs or processes share the budget (Jetbuilt counts per IP address), lower "
    "`rate_limit` (e.g. RateLimit(40, per=10.0)) or share one budget with "
    "RateLimit(..., redis_url=...)"
)
#: Failures that prove the server never saw the request (safe to retry even a POST).
NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


def check_response(
    response: httpx.Response,
    *,
    rules: ResponseRules,
    redactor: Redactor,
    retry_after: float | None = None,
    attempt: int = 1,
) -> Any:
    """The decoded JSON of a successful answer (``None`` for an empty body); any other answer
    raises the typed error the rules give for it."""
    request = response.request
    if response.status_code >= 300:
        context = ErrorContext(request, redactor, response, attempt=attempt)
        raise status_error(context, response, rules, retry_after)
    data = _json(response)
    if data is _NOT_JSON:
        # A ResponseDecodeError counts no attempts: the context needs none.
        context = ErrorContext(request, redactor, response)
        raise context.decode_error("the body is not JSON", hint=rules.decode_hint(response))
    error = rules.body_error(response, data)
    if error is not None:
        message, status = error
        context = ErrorContext(request, redactor, response, attempt=attempt, data=data)
        raise rules.api_error(context, status, message)
    return data


def status_error(
    context: ErrorContext,
    response: httpx.Response,
    rules: ResponseRules,
    retry_after: float | None,
) -> JBCRMError:
    """The error for an answer with a 3xx, 4xx or 5xx status."""
    if response.is_redirect:
        following = response.next_request
        reason = None if following is None else crossing(context.request.url, following.url)
        if following is not None and reason is not None:
            return cross_origin(
                context.method,
                following.url,
                reason,
                context.redactor,
                status=response.status_code,
            )
        location = response.headers.get("Location", "?")
        return context.api_error(
            APIError,
            f"redirected to {location}; not followed (another origin would receive the "
            "credentials, and a redirected write would turn into a GET)",
            body=None,
            hint="set the client's base URL to the address the server redirects to",
        )
    message = rules.error_message(context.body, response)
    if response.status_code == 429:
        error: JBCRMError = context.api_error(
            RateLimitError,
            message,
            hint=RATE_LIMITED_HINT,
        )
    else:
        error = rules.api_error(context, response.status_code, message)
    if isinstance(error, APIError):
        error.retry_after = retry_after
    return error


_TIMEOUT_HINTS = {
    "ConnectTimeout": "no connection within the connect timeout: check the base URL, the "
    "network and that the server is up",
    "PoolTimeout": "every pooled connection stayed busy: raise the client's `concurrency`, or "
    "start fewer calls at once",
    "WriteTimeout": "the server stopped reading the request: it is stalled or overloaded "
    "(a stalled server is tried once more, not max_retries times)",
    "ReadTimeout": "the server took the request and then sent nothing for a whole read "
    "timeout: it is stalled or overloaded (a stalled server is tried once more, not "
    "max_retries times); a shorter `timeout` gives up sooner, a longer one waits for a "
    "slow endpoint, and `deadline` bounds the whole call",
}


def connection_error(
    context: ErrorContext, exc: httpx.RequestError, *, sent: bool
) -> APIConnectionError:
    """The error for a send that got no usable answer (refused, reset, timed out, cut short)."""
    name = type(exc).__name__
    detail = str(exc) or name
    if isinstance(exc, httpx.TimeoutException):
        return context.connection_error(
            APITimeoutError,
            f"timed out ({name}: {detail})",
            exc,
            hint=_TIMEOUT_HINTS.get(name, _TIMEOUT_HINTS["ReadTimeout"]),
            sent=sent,
        )
    return context.connection_error(
        APIConnectionError,
        f"connection failed ({name}: {detail})",
        exc,
        hint="check the base URL and the network; the request is retried when safe",
        sent=sent,
    )


_NOT_JSON: Any = object()


def _json(response: httpx.Response) -> Any:
    content = response.content
    if not content.strip():
        return None
    try:
        return json.loads(content)
    except (ValueError, RecursionError):
        return _NOT_JSON
