"""Checks of what a user configures, made when a client is created: credentials, base URLs,
concurrency, header values. Each refusal is a :class:`~jbcrm.ConfigurationError` that says what
is accepted, and never echoes a credential."""

from __future__ import annotations

import ipaddress
import os

import httpx

from jbcrm._core import constants
from jbcrm._core.errors import ConfigurationError

_MAX_PORT = 65535


def credential(name: str, value: str | None, env: str) -> str | None:
    """``value`` (or, when it is ``None``, the environment variable ``env``) without surrounding
    whitespace; ``None`` when neither gives one.

    A trailing newline from a mounted secret file or a CRLF ``.env`` is stripped; a control or
    non-ASCII character inside is refused (it cannot travel in a header or would be altered in a
    URL), naming the setting but not the value.
    """
    source = name if value is not None else env
    raw = value if value is not None else os.environ.get(env)
    if raw is None:
        return None
    if not isinstance(raw, str):
        raise ConfigurationError(f"{source} must be a string, got {type(raw).__name__}")
    cleaned = raw.strip()
    for position, char in enumerate(cleaned, start=1):
        if not char.isascii() or not char.isprintable():
            kind = "a non-ASCII" if not char.isascii() else "a control"
            raise ConfigurationError(
                f"{source} contains {kind} character (character {position} of {len(cleaned)})",
                hint="copy the credential again; only printable ASCII characters are accepted",
            )
    return cleaned or None


def header_value(name: str, value: str) -> str:
    """A header value the user chose (e.g. ``user_agent``): printable ASCII only."""
    if not isinstance(value, str) or not all(c.isascii() and c.isprintable() for c in value):
        raise ConfigurationError(f"{name} must be printable ASCII text")
    return value


def base_url(name: str, raw: object, *, allow_insecure_http: bool, exposes: str) -> httpx.URL:
    """A checked absolute ``http(s)`` base URL: a host, a valid port, no query, fragment or user
    name; plain ``http://`` only to this machine unless ``allow_insecure_http`` (``exposes``
    says what would travel in clear)."""
    accepted = f"{name} must be an http(s) address with a host, e.g. https://crm.example.com"
    if not isinstance(raw, str) or not raw.strip():
        raise ConfigurationError(f"{accepted}; got {raw!r}")
    try:
        parsed = httpx.URL(raw.strip())
    except httpx.InvalidURL as exc:
        invalid: str | None = str(exc)
    else:
        invalid = None
    if invalid is not None:
        # Raised outside the ``except`` block, so that the httpx error is not its context.
        raise ConfigurationError(f"{accepted}; it is not a valid URL ({invalid})")
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise ConfigurationError(accepted)
    if parsed.port is not None and not 0 < parsed.port <= _MAX_PORT:
        raise ConfigurationError(f"{name} has port {parsed.port}; a port is 1 to {_MAX_PORT}")
    if parsed.query or parsed.fragment or parsed.userinfo:
        raise ConfigurationError(
            f"{name} must be the bare address (no query, fragment or user name); credentials "
            "have their own arguments"
        )
    if parsed.scheme == "http" and not allow_insecure_http and not is_loopback(parsed.host):
        raise ConfigurationError(
            f"refusing plain http to {parsed.host}: {exposes}",
            hint="use https, or pass allow_insecure_http=True for a trusted network",
        )
    return parsed


def is_loopback(host: str) -> bool:
    """Whether ``host`` names this machine (``localhost``, ``*.localhost``, 127.0.0.0/8, ::1)."""
    name = host.strip("[]").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def concurrency(value: object) -> int:
    """A connection pool size and prefetch depth: a whole number from 1 to the maximum."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ConfigurationError(
            f"concurrency must be a whole number from 1 to {constants.MAX_CONCURRENCY}, "
            f"got {value!r}"
        )
    if not 1 <= value <= constants.MAX_CONCURRENCY:
        raise ConfigurationError(
            f"concurrency must be from 1 to {constants.MAX_CONCURRENCY}, got {value} (more "
            "connections than that only wait on the rate limit)"
        )
    return value
