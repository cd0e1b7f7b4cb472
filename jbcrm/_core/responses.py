"""How an API reports errors. The core's rules are generic; each API overrides what differs
(Jetpack CRM's errors inside HTTP 200 bodies, Jetbuilt's hint about write access)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import httpx

from jbcrm._core import constants
from jbcrm._core.errors import JBCRMError, error_class_for

if TYPE_CHECKING:
    from jbcrm._core.failures import ErrorContext

# Two searches, each linear: a lazy ``<title>(.*?)</title>`` rescans the rest of the page from
# every unclosed ``<title>``, which on a hostile page blocks the event loop for seconds.
_TITLE_OPEN = re.compile(r"<title\b[^<>]{0,200}>", re.I)
_TITLE_CLOSE = re.compile(r"</title\s*>", re.I)
#: A page's title is looked for in its first characters only.
TITLE_SCAN_CHARS = 16_384
#: The leading bytes of a body that tell an HTML page (``<!doctype``, ``<html``) from data.
HTML_SNIFF_BYTES = 200
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def html_title(text: str) -> str | None:
    """The first ``<title>`` of an HTML page (within its first characters), whitespace
    collapsed, if it has one. Not cut short: the error context cuts after redacting."""
    head = text[:TITLE_SCAN_CHARS]
    opening = _TITLE_OPEN.search(head)
    if opening is None:
        return None
    closing = _TITLE_CLOSE.search(head, opening.end())
    if closing is None:
        return None
    return " ".join(head[opening.end() : closing.start()].split())


def looks_like_html(response: httpx.Response) -> bool:
    content_type = response.headers.get("Content-Type", "")
    head = response.content[:HTML_SNIFF_BYTES].lstrip().lower()
    return "html" in content_type or head.startswith((b"<!doctype", b"<html"))


class ResponseRules:
    """Generic rules; subclass per API and override what the API does differently."""

    def body_error(self, response: httpx.Response, data: Any) -> tuple[str, int] | None:
        """An error reported inside a 2xx body, as (message, status to report), or None."""
        return None

    def error_message(self, body: Any, response: httpx.Response) -> str:
        """The server's own words for an error response (``body`` is already redacted), cut to
        a readable length."""
        return _server_words(body, response)[: constants.MESSAGE_CHARS]

    def error_hint(self, status: int, method: str) -> str | None:
        """A one-line hint for an error status, where one is known."""
        if status == 401:
            return "check the API credentials"
        if status >= 500:
            return "the server failed; idempotent requests were retried"
        return None

    def decode_hint(self, response: httpx.Response) -> str | None:
        """A hint for a 2xx body that is not JSON."""
        if looks_like_html(response):
            return "an HTML page came back where JSON was expected: check the base URL"
        return "the response was cut short or is not JSON; retry, or check the server"

    def api_error(self, context: ErrorContext, status: int, message: str) -> JBCRMError:
        """The exception for an error ``status`` (an HTTP error, or the status an error inside a
        2xx body is reported as), built through ``context``, which redacts what it shows (an API
        may decide that, say, an HTML 404 page is a :class:`~jbcrm.ResponseDecodeError`)."""
        return context.api_error(
            error_class_for(status),
            message,
            status=status,
            hint=self.error_hint(status, context.method),
        )


def _server_words(body: Any, response: httpx.Response) -> str:
    if isinstance(body, Mapping):
        for key in ("message", "error", "errors", "detail"):
            value = body.get(key)
            if isinstance(value, str) and value:
                return value
            if isinstance(value, Mapping) and value:
                return "; ".join(f"{k}: {_join(v)}" for k, v in value.items())
        data = body.get("data")
        if isinstance(data, Mapping) and isinstance(data.get("message"), str):
            return str(data["message"])
    if isinstance(body, str) and body.strip():
        if looks_like_html(response):
            title = html_title(body)
            return f"HTML page{f' ({title!r})' if title else ''}"
        return body.strip()
    return response.reason_phrase or "error"


def _join(value: Any) -> str:
    return ", ".join(str(v) for v in value) if isinstance(value, list) else str(value)
