"""Secret redaction: one place that knows the secrets and scrubs every string shown to a user.

Jetpack CRM credentials travel in the query string, so URLs are redacted before they reach a
log record, an exception or a repr. httpx itself logs full URLs at INFO (encode/httpx#2760): a
logging filter on its loggers scrubs those records too.

A secret is found in every form it takes on the way: as is, percent-encoded (once or twice,
with ``+`` or ``%20`` for a space), JSON-escaped (``\\/`` too), HTML-escaped, as a Python repr
and in base64. Known secrets are replaced first; then any value of a secret-named query
parameter, JSON field or ``Authorization`` header, whatever it is.
"""

from __future__ import annotations

import base64
import collections
import html
import json
import logging
import re
import threading
import weakref
from collections.abc import Iterable, Iterator, Mapping
from typing import Any
from urllib.parse import quote, quote_plus

import httpx

REDACTED = "***"
#: Query parameters that are always secret, whatever their value.
SECRET_PARAMS = frozenset({"api_key", "api_secret", "token", "access_token", "key", "secret"})
#: Shorter derived forms (a base64 slice, say) would match ordinary text.
_MIN_FORM = 6

_NAMES = "|".join(sorted(SECRET_PARAMS, key=len, reverse=True))
# ``name=value`` with the ``=`` (and the ``&`` that ends the value) as is, percent-encoded or
# double-encoded: a redirect's ``redirect_to=`` parameter carries the whole request URL.
_SECRET_PARAM_RE = re.compile(
    rf"(?P<name>(?:\b|(?<=%3F)|(?<=%26)|(?<=%253F)|(?<=%2526))(?:{_NAMES}))"
    rf"(?P<eq>=|%3D|%253D)(?P<value>(?:(?!%26|%2526)[^&#\s'\"<>\\])*)",
    re.I,
)
# ``"name": "value"`` in JSON (or JSON-looking) text.
_SECRET_FIELD_RE = re.compile(rf'(?P<name>"(?:{_NAMES})"\s*:\s*)"(?:[^"\\]|\\.)*"', re.I)
_AUTHORIZATION_RE = re.compile(
    r"(?P<name>\bauthorization\b[\"']?\s*[:=]\s*[\"']?)(?P<scheme>[A-Za-z]+\s+)?[^\s\"',;]+", re.I
)


def secret_forms(secret: str) -> Iterator[str]:
    """Every form ``secret`` may take in a URL, a header, a JSON or HTML body, or a repr."""
    yield secret
    encoded = {
        quote(secret, safe=""),
        quote(secret),
        quote_plus(secret),
        quote_plus(secret, safe="/"),
    }
    yield from encoded
    for once in encoded:
        yield quote(once, safe="")
    # Pasted raw into a URL, httpx encodes only what a URL cannot hold (a space, say).
    yield quote(secret, safe="!$&'()*+,;=:@/?%")
    escaped = json.dumps(secret)[1:-1]
    yield escaped
    yield escaped.replace("/", "\\/")
    yield html.escape(secret)
    yield html.escape(secret, quote=False)
    yield repr(secret)[1:-1]
    yield from _base64_forms(secret.encode())


def _base64_forms(raw: bytes) -> Iterator[str]:
    """``raw`` in base64 wherever it starts within a longer value: the characters that depend
    on ``raw`` alone, for each of the three alignments."""
    for offset in range(3):
        encoded = base64.b64encode(b"\0" * offset + raw + b"\0\0")
        start = -(-offset * 4 // 3)  # ceil(offset * 8 / 6)
        stop = (offset + len(raw)) * 4 // 3  # floor((offset + len) * 8 / 6)
        core = encoded[start:stop].decode()
        yield core
        yield core.replace("+", "-").replace("/", "_")


def _named(text: str) -> str:
    """``text`` with the values of secret-named parameters, fields and headers replaced."""
    lowered = text.lower()
    # Every secret name holds one of these: most log lines need no regex at all.
    if "key" in lowered or "secret" in lowered or "token" in lowered:
        text = _SECRET_PARAM_RE.sub(lambda m: f"{m.group('name')}{m.group('eq')}{REDACTED}", text)
        text = _SECRET_FIELD_RE.sub(lambda m: f'{m.group("name")}"{REDACTED}"', text)
    if "authorization" in lowered:
        text = _AUTHORIZATION_RE.sub(
            lambda m: f"{m.group('name')}{m.group('scheme') or ''}{REDACTED}", text
        )
    return text


class Redactor:
    """Scrubs a fixed set of secret values, in all their forms, and the values of secret-named
    parameters from text."""

    __slots__ = ("__weakref__", "_count", "_longest", "_pattern")

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        unique = {s for s in secrets if s and len(s) >= 4}
        forms = {
            form
            for secret in unique
            for form in secret_forms(secret)
            if form == secret or len(form) >= _MIN_FORM
        }
        ordered = tuple(sorted(forms, key=len, reverse=True))
        self._count = len(unique)
        self._longest = len(ordered[0]) if ordered else 0
        self._pattern = _alternation(ordered)
        if ordered:
            _LIVE.add(ordered)
            weakref.finalize(self, _LIVE.release, ordered)

    @property
    def longest(self) -> int:
        """The length of the longest text this redactor replaces (0 without secrets)."""
        return self._longest

    def known(self, value: str) -> str:
        """``value`` with the known secrets, in every form, replaced by ``***``."""
        return value if self._pattern is None else self._pattern.sub(REDACTED, value)

    def text(self, value: str) -> str:
        """``value`` with every secret replaced by ``***``: the known ones first (a secret with
        a space or ``&`` in it is replaced whole), then any secret-named value."""
        return _named(self.known(value))

    def data(self, value: Any) -> Any:
        """Parsed JSON with every string redacted, keys included (a server may echo the request
        URL back); a string under a secret-named key is replaced whatever it is."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, Mapping):
            redacted: dict[Any, Any] = {}
            for key, item in value.items():
                if not isinstance(key, str):
                    redacted[key] = self.data(item)
                elif isinstance(item, str) and key.lower() in SECRET_PARAMS:
                    redacted[self.text(key)] = REDACTED
                else:
                    redacted[self.text(key)] = self.data(item)
            return redacted
        if isinstance(value, list):
            return [self.data(item) for item in value]
        return value

    def url(self, url: httpx.URL | str) -> str:
        """A URL safe to show: secret query values and any known secret replaced."""
        return self.text(str(url))

    def __repr__(self) -> str:
        return f"Redactor(<{self._count} secrets>)"


def _alternation(forms: Iterable[str]) -> re.Pattern[str] | None:
    """One case-insensitive pattern matching any of ``forms``, the longest at each position.

    Built as a trie (``ab(?:c|d)?``): a flat ``a|b|c`` alternation of a hundred forms tries
    each at every character (about 200 µs a log line); the trie tries one branch.
    """
    trie: dict[str, Any] = {}
    for form in forms:
        node = trie
        for char in form.lower():
            node = node.setdefault(char, {})
        node[_END] = {}
    return re.compile(_trie_regex(trie), re.I) if trie else None


_END = ""


def _trie_regex(root: dict[str, Any]) -> str:
    """The pattern of a trie, built children first. Iterative, not recursive: a trie is as
    deep as its longest form, and a long token (a JWT, say) in base64 passes Python's
    recursion limit."""
    done: dict[int, str] = {}
    stack = [root]
    while stack:
        node = stack[-1]
        pending = [child for char, child in node.items() if char and id(child) not in done]
        if pending:
            stack.extend(pending)
            continue
        stack.pop()
        branches = [re.escape(char) + done[id(child)] for char, child in node.items() if char]
        if not branches:
            done[id(node)] = ""
            continue
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        # Greedy: a longer form wins over one that ends here.
        done[id(node)] = f"(?:{body})?" if _END in node else body
    return done[id(root)]


class _LiveForms:
    """The secret forms of every live redactor, as one pattern, rebuilt only when they change.

    Log records come from httpx with no client attached, so every live client's secrets are
    scrubbed from each; one pattern keeps that cost flat however many clients (dead ones the
    garbage collector has not reached yet included) share the same few secrets.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: dict[str, int] = {}
        # Filled by finalizers, which the garbage collector may run anywhere (even while this
        # object's lock is held): they only append, the lock holder applies.
        self._released: collections.deque[tuple[str, ...]] = collections.deque()
        self._pattern: re.Pattern[str] | None = None
        self._stale = False

    def add(self, forms: tuple[str, ...]) -> None:
        with self._lock:
            for form in forms:
                self._counts[form] = self._counts.get(form, 0) + 1
            self._stale = True

    def release(self, forms: tuple[str, ...]) -> None:
        self._released.append(forms)

    def pattern(self) -> re.Pattern[str] | None:
        with self._lock:
            while self._released:
                for form in self._released.popleft():
                    left = self._counts.pop(form, 0) - 1
                    if left > 0:
                        self._counts[form] = left
                self._stale = True
            if self._stale:
                self._pattern = _alternation(list(self._counts))
                self._stale = False
            return self._pattern


# Every live redactor's secrets are scrubbed from records of the httpx/httpcore/jbcrm loggers.
_LIVE = _LiveForms()
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
    "hpack.hpack",
    "hpack.table",
    "h2.connection",
)


def scrub_known(text: str) -> str:
    """``text`` with the secrets of every live client, in every form, replaced."""
    pattern = _LIVE.pattern()
    return text if pattern is None else pattern.sub(REDACTED, text)


def scrub(text: str) -> str:
    """``text`` with the secrets of every live client and secret-named values replaced."""
    return _named(scrub_known(text))


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
