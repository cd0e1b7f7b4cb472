"""The same-origin rule: the SDK follows a URL the server gives it (a pagination link, a
redirect) only when it has the origin of the base URL, so that credentials never travel to
another host or port, nor in clear after an ``https`` base."""

from __future__ import annotations

import httpx


def crossing(base: httpx.URL, target: httpx.URL) -> str | None:
    """Why following ``target`` from ``base`` would leave the origin, or ``None`` if it stays."""
    if (target.host, target.port) != (base.host, base.port):
        return "another origin"
    if target.scheme != base.scheme:
        if base.scheme == "https":
            return "a downgrade from https to http"
        return "another origin"
    return None
