"""Secret redaction: one place that knows the secrets and scrubs every string shown to a user.

Jetpack CRM credentials travel in the query string, so URLs are redacted before they reach a
log record, an exception or a repr. httpx itself logs full URLs at INFO (encode/httpx#2760): a
logging filter on its loggers scrubs those records too.
"""

from __future__ import annotations

import logging
import re
import threading
import weakref
from collections.abc import Iterable, Mapping
from typing import Any

import httpx

REDACTED = "***"
#: Query parameters that are always secret, whatever their value.
SECRET_PARAMS = frozenset({"api_key", "api_secret", "token", "access_token", "key", "secret"})

_SECRET_PARAM_RE = re.compile(
    r"(?P<name>\b(?:" + "|".join(sorted(SECRET_PARAMS)) + r"))=(?P<value>[^&#\s'\"]*)", re.I
)


class Redactor:
    """Scrubs a fixed set of secret values (and secret-named query parameters) from text."""

    __slots__ = ("__weakref__", "_secrets")

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        unique = {s for s in secrets if s and len(s) >= 4}
        self._secrets = tuple(sorted(unique, key=len, reverse=True))
        if self._secrets:
            _REGISTRY.add(self)

    @property
    def longest(self) -> int:
        """The length of the longest text this redactor replaces (0 without secrets)."""
        return len(self._secrets[0]) if self._secrets else 0

    def text(self, value: str) -> str:
        """``value`` with every secret replaced by ``***``."""
        value = _SECRET_PARAM_RE.sub(lambda m: f"{m.group('name')}={REDACTED}", value)
        for secret in self._secrets:
            if secret in value:
                value = value.replace(secret, REDACTED)
        return value

    def data(self, value: Any) -> Any:
        """Parsed JSON with every string redacted (a server may echo the request URL back)."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, Mapping):
            return {key: self.data(item) for key, item in value.items()}
        if isinstance(value, list):
            return [self.data(item) for item in value]
        return value

    def url(self, url: httpx.URL | str) -> str:
        """A URL safe to show: secret query values and any known secret replaced."""
        return self.text(str(url))

    def __repr__(self) -> str:
        return f"Redactor(<{len(self._secrets)} secrets>)"


# Every live redactor's secrets are scrubbed from records of the httpx/httpcore/jbcrm loggers.
_REGISTRY: weakref.WeakSet[Redactor] = weakref.WeakSet()
_INSTALL_LOCK = threading.Lock()
_installed = False
# Filters on a logger do not apply to records of its children, so each one is named.
_LOGGERS = (
    "jbcrm",
    "httpx",
    "httpcore",
    "httpcore.connection",
    "httpcore.http11",
    "httpcore.http2",
    "httpcore.proxy",
    "httpcore.socks",
)


def scrub(text: str) -> str:
    """``text`` with the secrets of every live client replaced."""
    text = _SECRET_PARAM_RE.sub(lambda m: f"{m.group('name')}={REDACTED}", text)
    for redactor in list(_REGISTRY):
        text = redactor.text(text)
    return text


class SecretFilter(logging.Filter):
    """A logging filter that redacts secrets from a record's message and arguments."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = scrub(message)
        if cleaned != message:
            record.msg = cleaned
            record.args = None
        return True


def install_log_filter() -> None:
    """Attach :class:`SecretFilter` to the loggers that may print request URLs (idempotent)."""
    global _installed
    with _INSTALL_LOCK:
        if _installed:
            return
        for name in _LOGGERS:
            logging.getLogger(name).addFilter(SecretFilter())
        _installed = True
