"""The non-data answers a WordPress site with the plugin gives: router errors, HTML pages."""

from __future__ import annotations

import json
from typing import Any

from starlette.datastructures import Headers
from starlette.responses import Response

__all__ = [
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
    '"https://wordpress.org/documentation/article/faq-troubleshooting/">'
    "Learn more about troubleshooting WordPress.</a></p>"
)


def json_response(data: Any, status: int = 200) -> Response:
    """JSON as WordPress's `wp_send_json` writes it."""
    body = json.dumps(data, separators=(",", ":"))
    return Response(body, status, media_type="application/json; charset=UTF-8")


def router_error(status: int, label: str, message: str) -> Response:
    """The API router's own errors use the `{"success": false, "data": ...}` wrapper."""
    return json_response(
        {"success": False, "data": {"status": label, "message": message}}, status=status
    )


def empty_html() -> Response:
    """A 200 with an empty text/html body: what a handler that printed nothing gives."""
    return Response(b"", 200, media_type="text/html; charset=UTF-8")


def redirect(location: str) -> Response:
    """WordPress's canonical redirect, which copies the whole query string."""
    return Response(
        b"",
        301,
        headers={"Location": location, "X-Redirect-By": "WordPress"},
        media_type="text/html; charset=UTF-8",
    )


def _page(title: str, body_class: str, content: str, status: int) -> Response:
    html = (
        '<!DOCTYPE html>\n<html lang="en-US">\n<head>\n<meta charset="UTF-8">\n'
        f'<title>{title}</title>\n</head>\n<body class="{body_class}">\n'
        f'<div id="page" class="site"><main id="main">{content}</main></div>\n</body>\n</html>\n'
    )
    return Response(html, status, media_type="text/html; charset=UTF-8")


def theme_404() -> Response:
    """The theme's "not found" page, which `/zbs_api/` gives while rewrites are not flushed."""
    return _page(
        f"Page not found &#8211; {_SITE}",
        "error404",
        '<h1 class="page-title">Oops! That page can&rsquo;t be found.</h1>',
        404,
    )


def home_page() -> Response:
    """The site's front page."""
    return _page(
        f"{_SITE} &#8211; Just another WordPress site",
        "home blog",
        "<h1>Hello world!</h1>",
        200,
    )


def fatal_error(headers: Headers) -> Response:
    """A PHP fatal: JSON for a JSON request (`wp_is_json_request`), else WordPress's page."""
    wants_json = any("json" in headers.get(name, "") for name in ("accept", "content-type"))
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
        '<!DOCTYPE html>\n<html dir="ltr" lang="en-US">\n<head>\n'
        '<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />\n'
        "<title>WordPress &rsaquo; Error</title>\n</head>\n"
        f'<body id="error-page">\n\t<div class="wp-die-message">{_FATAL_MESSAGE}</div>\n'
        "</body>\n</html>\n"
    )
    return Response(html, 500, media_type="text/html; charset=UTF-8")
