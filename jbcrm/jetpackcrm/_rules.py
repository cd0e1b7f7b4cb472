"""How Jetpack CRM reports errors: inside HTTP 200 bodies, as HTML pages, and as PHP fatals."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from typing import Any

import httpx

from jbcrm._core.errors import JBCRMError, error_class_for
from jbcrm._core.failures import ErrorContext
from jbcrm._core.responses import ResponseRules, html_title, looks_like_html
from jbcrm.jetpackcrm.errors import RequestRejectedError

#: How much of a PHP notice printed before the JSON a hint quotes.
_NOTICE_CHARS = 120

_TAG = re.compile(r"<[^>]+>")
_PHP_ERROR = re.compile(r"(fatal error|parse error|critical error|wordpress \S+ error)", re.I)
_NOTICE = re.compile(r"^\s*<div[^>]*>(.*?)</div>\s*[\[{]", re.S)
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
# What an answer the plugin gives without saving means, by endpoint.
_EMPTY_BODY = {
    "create_company": "create_company answers so when the email is missing or not valid",
    "create_transaction": "create_transaction answers so when the orderid is empty",
}
_NOT_SAVED = {
    "create_customer": "create_customer saves a customer only through its email, even when "
    "updating by id",
    "create_event": "create_event needs a title, from and to, and an id that exists",
    "create_transaction": "create_transaction needs a status and a total that are not empty",
}
_FATAL_AFTER = {
    "create_company": "create_company dies this way after replacing the company whose email "
    "already exists, so that company may have been changed: read it back before writing again",
    "create_transaction": "create_transaction dies this way on a body that is not a JSON object",
}


def endpoint_of(url: str) -> str:
    """The API endpoint a (redacted) request URL reaches, by either route."""
    parsed = httpx.URL(url)
    routed = parsed.params.get("zbs_api")
    if routed:
        return str(routed)
    parts = parsed.path.split("/zbs_api/", 1)
    return parts[1].split("/", 1)[0] if len(parts) == 2 else ""


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


def _is_php_fatal(message: str, body: Any) -> bool:
    """WordPress's "critical error" answer: JSON for a JSON request, its error page otherwise."""
    if isinstance(body, Mapping) and body.get("code") == "internal_server_error":
        return True
    return bool(_PHP_ERROR.search(message))


def _server_failure_hint(status: int, message: str, body: Any, url: str) -> tuple[str, bool]:
    """The hint for a 5xx, and whether it is a PHP fatal (which repeats)."""
    if _is_php_fatal(message, body):
        after = _FATAL_AFTER.get(endpoint_of(url))
        hint = (
            "a PHP fatal error on the site, which happens again on every try, so it was not "
            "retried; the site's PHP error log says what failed (WP_DEBUG_LOG writes "
            "wp-content/debug.log)"
        )
        return (f"{hint}. {after}" if after else hint), True
    return (
        f"the web server or a proxy in front of WordPress answered {status}, not the plugin: "
        "whether the request reached the CRM is unknown; idempotent requests were retried",
        False,
    )


def _is_set(value: Any) -> bool:
    return value not in (None, False, 0, "", "0") and value != [] and value != {}


def _join(value: Any) -> str:
    if isinstance(value, Mapping):
        return "; ".join(f"{k}: {v}" for k, v in value.items())
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


class JetpackRules(ResponseRules):
    """Errors in 200 bodies become :class:`RequestRejectedError`; HTML pages get a hint that
    names the likely misconfiguration; PHP fatals are not retried."""

    def body_error(self, response: httpx.Response, data: Any) -> tuple[str, int] | None:
        endpoint = endpoint_of(str(response.request.url))
        status = response.status_code
        if data is None:
            why = _EMPTY_BODY.get(endpoint)
            return f"the CRM answered with an empty body{f' ({why})' if why else ''}", status
        if not isinstance(data, Mapping):
            return None
        if data.get("success") is False:
            inner = data.get("data")
            message = inner.get("message") if isinstance(inner, Mapping) else None
            return str(message or "the CRM reported a failure"), status
        # A record (an echo has "id") may carry a custom field named "error".
        if "id" in data:
            return None
        error, errors, message = data.get("error"), data.get("errors"), data.get("message")
        if _is_set(error):
            if isinstance(message, str) and message:
                return message, status
            if error == 100:
                why = _NOT_SAVED.get(endpoint, "the plugin did not say why")
                return f"the CRM saved nothing (error 100: {why})", status
            return f"the CRM reported error {error}", status
        if _is_set(errors):
            if errors in (1, True, "1"):
                return (
                    "the CRM refused the customer (errors: 1): send a valid email, or the id "
                    "of an existing customer",
                    status,
                )
            return _join(errors), status
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
        return super().error_hint(status, method)

    def decode_hint(self, response: httpx.Response) -> str | None:
        text = response.text
        if looks_like_html(response):
            return f"{describe_html(text)}; {html_page_hint(text, str(response.request.url))}"
        notice = _NOTICE.match(text)
        if notice:
            printed = " ".join(html.unescape(_TAG.sub(" ", notice.group(1))).split())
            quoted = printed[:_NOTICE_CHARS]
            return (
                f"the plugin printed a PHP notice before the JSON ({quoted!r}); turning "
                "off WP_DEBUG_DISPLAY on the site keeps notices out of answers"
            )
        return super().decode_hint(response)

    def api_error(self, context: ErrorContext, status: int, message: str) -> JBCRMError:
        if status < 300:
            return context.api_error(RequestRejectedError, message, status=status)
        body = context.body
        url = str(context.request.url)
        if status < 500 and isinstance(body, str) and body.lstrip()[:1] == "<":
            # A theme's 404 page where the API should be: a misconfigured site, not an API
            # answer.
            return context.decode_error(
                message, excerpt=body, hint=html_page_hint(f"{message} {body}", url)
            )
        if status < 500:
            return super().api_error(context, status, message)
        hint, fatal = _server_failure_hint(status, message, body, url)
        error = context.api_error(error_class_for(status), message, status=status, hint=hint)
        if fatal:
            error.retryable = False
        return error
