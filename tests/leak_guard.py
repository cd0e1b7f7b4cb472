"""The secret-leak guard of the whole suite, and the secrets every test client uses.

The secrets hold ``+ / = % &`` and a space, the characters that change under percent-, form-
and JSON-encoding, so that a leak in any encoded form is a leak the guard can see. During each
test (an autouse fixture in ``tests/conftest.py``) the guard records every
:class:`jbcrm.JBCRMError` created and every log record of every logger at DEBUG; at teardown it
fails the test if a secret, whole or 12 characters of it, raw or encoded, appears in a record,
or in the ``str``, ``repr``, attributes, ``__cause__``/``__context__`` chain or formatted
traceback of an error. It finds errors that ``pytest.raises`` swallowed, because it watches
``JBCRMError.__init__`` rather than the exceptions that reach pytest.

Its forms are computed here, independently of ``jbcrm._core.redact``, so that a form the
redactor forgets is one the guard still finds.
"""

from __future__ import annotations

import base64
import html
import json
import logging
import traceback
from collections.abc import Callable, Iterable, Iterator
from typing import Any
from urllib.parse import quote, quote_plus

import httpx

from jbcrm._core.errors import JBCRMError

#: The Jetbuilt token of the test clients.
JETBUILT_TOKEN = "jb+tok/4f=1d%9a&b7 c2"
#: The query-string credentials of the core's test client (sent the way Jetpack CRM takes them).
QUERY_KEY = "qk+live/8c=2e%71&b0 d4"
QUERY_SECRET = "qs+live/d9=3a%5e&77 e5"
#: The Jetpack CRM key pair of the test clients (with the plugin's prefixes).
JETPACK_KEY = "jpcrm_pk_01+23/45=67%89&ab cd"
JETPACK_SECRET = "jpcrm_sk_fe+dc/ba=98%76&54 32"
#: The credentials the simulated servers of the tests accept.
SANDBOX_TOKEN = "sb+tok/9e=5c%3f&1a 7b"
SANDBOX_KEY = "jpcrm_pk_sb+0a/1b=2c%3d&4e 5f"
SANDBOX_SECRET = "jpcrm_sk_sb+6a/7b=8c%9d&0e 1f"
#: The defaults of the shipped sandbox, CLI and pytest plugin (watched too).
SHIPPED = ("sandbox-token", "jpcrm_pk_sandbox", "jpcrm_sk_sandbox")

SECRETS = (
    JETBUILT_TOKEN,
    QUERY_KEY,
    QUERY_SECRET,
    JETPACK_KEY,
    JETPACK_SECRET,
    SANDBOX_TOKEN,
    SANDBOX_KEY,
    SANDBOX_SECRET,
    *SHIPPED,
)
#: A run of this many characters of a secret is a leak (a secret cut short is still one).
WINDOW = 12


def leak_forms(secret: str) -> Iterator[str]:
    """What betrays ``secret``: every window of it and each encoded form it may take."""
    if len(secret) <= WINDOW:
        yield secret
    else:
        for start in range(len(secret) - WINDOW + 1):
            yield secret[start : start + WINDOW]
    percent = (quote(secret, safe=""), quote(secret), quote_plus(secret), quote_plus(secret, "/"))
    yield from percent
    yield from (quote(form, safe="") for form in percent)
    yield str(httpx.URL("http://x/", params={"v": secret}).params)[2:]
    escaped = json.dumps(secret)[1:-1]
    yield escaped
    yield escaped.replace("/", "\\/")
    yield html.escape(secret)
    raw = secret.encode()
    for prefix in (b"", b"u", b"us"):
        encoded = base64.b64encode(prefix + raw).decode()
        # The characters that depend on the secret alone, wherever it starts.
        core = encoded[len(prefix) * 4 // 3 + 1 : (len(prefix) + len(raw)) * 4 // 3]
        yield core
        yield core.replace("+", "-").replace("/", "_")


class LeakGuard:
    """Watches one test: the errors created, the log records emitted, and what to look for."""

    def __init__(self, secrets: Iterable[str] = SECRETS) -> None:
        self._forms: tuple[str, ...] = ()
        self.errors: list[BaseException] = []
        self.records: list[str] = []
        for secret in secrets:
            self.watch(secret)

    def watch(self, secret: str) -> None:
        """Look for ``secret`` too (a test's own credential)."""
        forms = {*self._forms, *(form.lower() for form in leak_forms(secret))}
        self._forms = tuple(sorted(forms))

    def forget(self, error: BaseException) -> None:
        """Stop checking ``error`` (a test that plants a leak on purpose)."""
        self.errors = [e for e in self.errors if e is not error]

    def found(self, text: str) -> str | None:
        """The first leaked form in ``text``, or ``None``."""
        lowered = text.lower()
        return next((form for form in self._forms if form in lowered), None)

    def leaks(self) -> list[str]:
        """Where a secret showed: one line per leak, naming the place and the form."""
        problems = []
        # One search of all the records first: the suite's largest tests log thousands.
        if self.found("\n".join(self.records)) is not None:
            for index, line in enumerate(self.records):
                form = self.found(line)
                if form is not None:
                    problems.append(f"log record {index} shows {form!r}: {line[:300]!r}")
        for error in self.errors:
            for place, text in _shown(error):
                form = self.found(text)
                if form is not None:
                    problems.append(f"{type(error).__name__} {place} shows {form!r}")
        return problems


def _shown(error: BaseException) -> Iterator[tuple[str, str]]:
    """Everything of ``error`` a user, a logger or an error reporter may print."""
    yield "traceback", _printed(lambda e: "".join(traceback.format_exception(e)), error)
    seen: set[int] = set()
    link: BaseException | None = error
    depth = 0
    while link is not None and id(link) not in seen:
        seen.add(id(link))
        where = "itself" if depth == 0 else f"chain link {depth} ({type(link).__name__})"
        yield f"{where} str", _printed(str, link)
        yield f"{where} repr", _printed(repr, link)
        for name, value in vars(link).items():
            yield f"{where} attribute {name}", _printed(lambda v: f"{v!s} {v!r}", value)
        link = link.__cause__ or link.__context__
        depth += 1


def _printed(show: Callable[[Any], str], value: Any) -> str:
    # An error whose constructor failed half-way may not print; then it shows nothing.
    try:
        return show(value)
    except Exception:
        return ""


class RecordLines(logging.Handler):
    """Keeps each record as it would be printed, traceback included."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__(logging.DEBUG)
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
        self._lines = lines

    def emit(self, record: logging.LogRecord) -> None:
        self._lines.append(self.format(record))


def recording_init(guard: LeakGuard) -> object:
    """A ``JBCRMError.__init__`` that also hands each new error to ``guard``."""
    original = JBCRMError.__init__

    def init(self: JBCRMError, *args: object, **kwargs: object) -> None:
        guard.errors.append(self)
        original(self, *args, **kwargs)  # type: ignore[arg-type]

    return init
