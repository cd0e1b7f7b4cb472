"""The non-data answers a WordPress site with the plugin gives: router errors, HTML pages,
PHP fatals, and notices printed before the JSON."""

from __future__ import annotations

import json
from typing import Any

from starlette.datastructures import Headers
from starlette.responses import Response

__all__ = [
    "ROUTER_ERRORS",
    "deprecation_notice",
    "empty_html",
    "fatal_error",
    "home_page",
    "json_response",
    "redirect",
    "router_error",
    "theme_404",
]

_SITE = "Sandbox CRM"
_FATAL_MESSAGE = (
    "<p>There has been a critical error on this website.</p><p><a href="
    '"https://wordpress.org/support/article/faq-troubleshooting/">'
    "Learn more about troubleshooting WordPress.</a></p>"
)
# The router's own errors: status, label, message, as the plugin words them.
ROUTER_ERRORS = {
    400: ("Bad request", "The API request was invalid."),
    401: (
        "Unauthorized",
        "Please ensure your Jetpack CRM API key and secret are correctly configured.",
    ),
    405: (
        "Method not allowed",
        "Please ensure you are using the proper method (e.g. POST or GET).",
    ),
    418: ("I'm a teapot", "As per RFC 2324 (section 2.3.2), this response is short and stout."),
}
_HTML = "text/html; charset=UTF-8"


def _encode(data: Any) -> str:
    # PHP's json_encode escapes slashes.
    return json.dumps(data, separators=(",", ":")).replace("/", "\\/")


def json_response(data: Any, status: int = 200) -> Response:
    """JSON as WordPress's `wp_send_json` writes it."""
    return Response(_encode(data), status, media_type="application/json; charset=UTF-8")


def router_error(status: int) -> Response:
    """The API router's own errors use the `{"success": false, "data": ...}` wrapper."""
    label, message = ROUTER_ERRORS[status]
    return json_response(
        {"success": False, "data": {"status": label, "message": message}}, status=status
    )


def deprecation_notice(data: Any) -> Response:
    """A PHP notice the plugin prints before the JSON (companies with `quotes: "true"`)."""
    notice = (
        '<div class="zbs info msg">Use of $argsOverride in zeroBS_getCompanies is no longer '
        "relevant (DAL3.0)</div>"
    )
    return Response(notice + _encode(data), 200, media_type="application/json; charset=UTF-8")


def empty_html() -> Response:
    """A 200 with an empty text/html body: what an endpoint that printed nothing gives."""
    return Response(b"", 200, media_type=_HTML)


def redirect(location: str) -> Response:
    """WordPress's canonical redirect, which copies the whole query string."""
    return Response(
        b"", 301, headers={"Location": location, "X-Redirect-By": "WordPress"}, media_type=_HTML
    )


def _page(title: str, body_class: str, content: str, status: int) -> Response:
    html = (
        '<!DOCTYPE html>\n<html lang="en-US">\n<head>\n<meta charset="UTF-8" />\n'
        f'<title>{title}</title>\n</head>\n<body class="{body_class}">\n'
        f'<div class="wp-site-blocks"><main id="main">{content}</main></div>\n</body>\n</html>\n'
    )
    return Response(html, status, media_type=_HTML)


def theme_404() -> Response:
    """The theme's "not found" page, which `/zbs_api/` gives while rewrites are not flushed."""
    return _page(
        f"Page not found &#8211; {_SITE}",
        "error404",
        '<h1 class="page-title">Oops! That page can&rsquo;t be found.</h1>',
        404,
    )


def home_page() -> Response:
    """The site's front page, which `/zbs_api/` gives under plain permalinks."""
    return _page(_SITE, "home blog", "<h1>Hello world!</h1>", 200)


def fatal_error(headers: Headers) -> Response:
    """A PHP fatal: JSON when WordPress takes the request for a JSON one (`wp_is_json_request`:
    a JSON Accept or Content-Type header), whatever the method; else its error page."""
    wants_json = any(
        "application/json" in headers.get(name, "") for name in ("accept", "content-type")
    )
    if wants_json:
        return json_response(
            {
                "code": "internal_server_error",
                "message": _FATAL_MESSAGE,
                "data": {"status": 500},
                "additional_errors": [],
            },
            status=500,
        )
    html = (
        '<!DOCTYPE html>\n<html lang="en-US">\n<head>\n'
        '\t<meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />\n'
        "\t<title>WordPress &rsaquo; Error</title>\n</head>\n"
        f'<body id="error-page">\n\t<div class="wp-die-message">{_FATAL_MESSAGE}</div></body>\n'
        "</html>\n\t"
    )
    return Response(html, 500, media_type=_HTML)
