"""The same-origin rule: the SDK follows a URL the server gives it (a pagination link, a
redirect) only when it has the origin of the base URL, so that credentials never travel to
another host or port, nor in clear after an ``https`` base."""

from __future__ import annotations

import httpx

from jbcrm._core.errors import JBCRMError
from jbcrm._core.failures import cross_origin, unsendable
from jbcrm._core.redact import Redactor


def crossing(base: httpx.URL, target: httpx.URL) -> str | None:
    """Why following ``target`` from ``base`` would leave the origin, or ``None`` if it stays."""
    if (target.host, target.port) != (base.host, base.port):
        return "another origin"
    if target.scheme != base.scheme:
        if base.scheme == "https":
            return "a downgrade from https to http"
        return "another origin"
    return None


def on_origin(base: httpx.URL, url: str, method: str, redactor: Redactor) -> str:
    """``url`` (absolute, given by the server) if it is on ``base``'s origin; otherwise
    :class:`~jbcrm.CrossOriginError`, before anything is sent there."""
    refused: JBCRMError
    try:
        target = httpx.URL(url)
    except httpx.InvalidURL as exc:
        refused = unsendable(f"cannot build a request URL from {url!r} ({exc})", exc, redactor)
    else:
        reason = crossing(base, target)
        if reason is None:
            return url
        refused = cross_origin(method, target, reason, redactor)
    # Raised outside the ``except`` block, so that the httpx error is not its context.
    raise refused
