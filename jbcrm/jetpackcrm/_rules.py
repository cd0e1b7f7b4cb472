"""How Jetpack CRM reports errors: inside HTTP 200 bodies, as HTML pages, and as PHP fatals."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from typing import Any

import httpx

from jbcrm._core.errors import JBCRMError
from jbcrm._core.failures import ErrorContext
from jbcrm._core.responses import ResponseRules, html_title, looks_like_html
from jbcrm.jetpackcrm.errors import RequestRejectedError

_TAG = re.compile(r"<[^>]+>")
_PHP_ERROR = re.compile(r"(fatal error|parse error|critical error|wordpress \S+ error)", re.I)
_PRETTY_CAUSES = (
    "pretty permalinks are off (Settings → Permalinks: any choice but Plain) or the rewrite "
    "rules were never flushed (open Settings → Permalinks and save), the CRM's API module is "
    "disabled (Jetpack CRM → Core Modules), or site_url is not the WordPress site's address. "
    "route='query' reaches the API as <site>/?zbs_api=<endpoint>, which works under any "
    "permalink setting"
)
_QUERY_CAUSES = (
    "the CRM's API module is disabled (Jetpack CRM → Core Modules), or site_url is not the "
    "WordPress site's address"
)
_EMPTY_BODY = (
    "the CRM answered with an empty body (create_company does this when the email is missing "
    "or not valid)"
)
_ERROR_CODES = {
    100: "the CRM saved nothing (error 100: an update by id that changed nothing, or an event "
    "with no fields)",
}


def html_page_hint(text: str, url: str) -> str:
    """What an HTML page at ``url`` most likely means, from its text."""
    if _PHP_ERROR.search(text):
        return (
            "the page is a PHP error on the site: the site's PHP error log says what failed "
            "(WP_DEBUG_LOG writes it to wp-content/debug.log)"
        )
    causes = _PRETTY_CAUSES if "/zbs_api/" in httpx.URL(url).path else _QUERY_CAUSES
    return f"likely causes: {causes}"


def describe_html(text: str) -> str:
    """``an HTML page ('<title>') came back instead of JSON``, without the title if none."""
    title = html_title(text)
    named = f" ({html.unescape(title)!r})" if title else ""
    return f"an HTML page{named} came back instead of JSON"


class JetpackRules(ResponseRules):
    """Errors in 200 bodies become :class:`RequestRejectedError`; HTML pages get a hint that
    names the likely misconfiguration."""

    def body_error(self, response: httpx.Response, data: Any) -> tuple[str, int] | None:
        return self._body_error(response, data)

    def _body_error(self, response: httpx.Response, data: Any) -> tuple[str, int] | None:
        if data is None:
            return _EMPTY_BODY, response.status_code
        if not isinstance(data, Mapping):
            return None
        if data.get("success") is False:
            inner = data.get("data")
            message = inner.get("message") if isinstance(inner, Mapping) else None
            return str(message or "the CRM reported a failure"), response.status_code
        # A record (an echo has "id") may carry a custom field named "error".
        if "id" in data:
            return None
        error, errors = data.get("error"), data.get("errors")
        message = data.get("message")
        if _is_set(error):
            if isinstance(message, str) and message:
                return message, response.status_code
            if isinstance(error, str):
                return error, response.status_code
            if isinstance(error, int) and not isinstance(error, bool):
                return _ERROR_CODES.get(error, f"the CRM reported error {error}"), 200
            return "the CRM reported an error", response.status_code
        if _is_set(errors):
            if errors in (1, True, "1"):
                return (
                    "the CRM refused the customer (errors: 1): send a valid email, or the id "
                    "of an existing customer",
                    response.status_code,
                )
            return self._join(errors), response.status_code
        return None

    def error_message(self, body: Any, response: httpx.Response) -> str:
        if isinstance(body, str) and looks_like_html(response):
            return describe_html(response.text)
        message = super().error_message(body, response)
        if "<" in message:
            message = " ".join(html.unescape(_TAG.sub(" ", message)).split())
        return message

    def error_hint(self, status: int, method: str) -> str | None:
        if status == 401:
            return (
                "check api_key and api_secret (Jetpack CRM → Settings → API); the plugin reads "
                "them only from the query string"
            )
        if status == 400:
            return "the plugin does not know this endpoint (names are case-sensitive)"
        if status == 405:
            return f"this endpoint does not accept {method}"
        if status >= 500:
            return (
                "a PHP fatal error on the site (its PHP error log has the details); "
                "create_company does this for an email that already exists, after saving it"
            )
        return super().error_hint(status, method)

    def decode_hint(self, response: httpx.Response) -> str | None:
        if looks_like_html(response):
            text = response.text
            return f"{describe_html(text)}; {html_page_hint(text, str(response.request.url))}"
        return super().decode_hint(response)

    def api_error(self, context: ErrorContext, status: int, message: str) -> JBCRMError:
        if status < 300:
            return context.api_error(RequestRejectedError, message, status=status)
        body = context.body
        if status < 500 and isinstance(body, str) and body.lstrip()[:1] == "<":
            # A theme's 404 page where the API should be: a misconfigured site, not an API
            # answer.
            return context.decode_error(
                message,
                excerpt=body,
                hint=html_page_hint(f"{message} {body}", str(context.request.url)),
            )
        return super().api_error(context, status, message)

    def _join(self, value: Any) -> str:
        if isinstance(value, Mapping):
            return "; ".join(f"{k}: {v}" for k, v in value.items())
        if isinstance(value, list):
            return "; ".join(str(v) for v in value)
        return str(value)


def _is_set(value: Any) -> bool:
    return value not in (None, False, 0, "", "0") and value != [] and value != {}
