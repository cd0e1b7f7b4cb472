"""The suite's secret-leak guard sees what it must: each encoded form of a secret, a secret cut
short, a secret in an error's chain, attributes or traceback, errors that ``pytest.raises``
swallowed, and records of every logger; and it fails the test that leaks."""

from __future__ import annotations

import base64
import json
import logging
import textwrap
from urllib.parse import quote, quote_plus

import httpx
import pytest

import jbcrm
from tests.leak_guard import JETPACK_SECRET, QUERY_SECRET, LeakGuard, leak_forms

pytest_plugins = ["pytester"]

# Created at import, before any test: a logger that keeps its records to itself.
_ISOLATED = logging.getLogger("tests.isolated.logger")
_ISOLATED.propagate = False
_ISOLATED.setLevel(logging.ERROR)

SECRET = JETPACK_SECRET
FORMS = {
    "raw": SECRET,
    "percent": quote(SECRET, safe=""),
    "form": quote_plus(SECRET),
    "double-encoded": quote(quote_plus(SECRET), safe=""),
    "json": json.dumps(SECRET)[1:-1],
    "json-slash": json.dumps(SECRET)[1:-1].replace("/", "\\/"),
    "base64": base64.b64encode(SECRET.encode()).decode(),
    "base64-offset": base64.b64encode(b"user:" + SECRET.encode()).decode(),
    "cut-short": SECRET[5:17],
    "uppercase-hex": quote(SECRET, safe="").upper(),
}


def error_for(text: str) -> jbcrm.APIError:
    return jbcrm.APIError(text, status=500, method="GET", url="https://jb.test/api/x")


@pytest.mark.parametrize("form", list(FORMS.values()), ids=list(FORMS))
def test_the_guard_finds_each_form_of_a_secret_in_a_log_record(form: str) -> None:
    guard = LeakGuard([SECRET])
    guard.records.append(f"httpx INFO GET /x?q={form}&page=2")
    assert guard.leaks()


def test_eleven_characters_of_a_secret_are_not_a_leak() -> None:
    guard = LeakGuard([SECRET])
    guard.records.append(f"jbcrm DEBUG {SECRET[5:16]}")
    assert guard.leaks() == []
    assert [form for form in leak_forms(SECRET) if len(form) < 12] == []


def test_the_guard_finds_a_secret_in_an_errors_chain(leak_guard: LeakGuard) -> None:
    error = error_for("clean")
    request = httpx.Request("GET", "https://crm.test/x", params={"api_secret": SECRET})
    error.__context__ = httpx.ConnectError("refused", request=request)
    leak_guard.forget(error)
    guard = LeakGuard([SECRET])
    guard.errors.append(error)
    assert any("chain link 1 (ConnectError)" in problem for problem in guard.leaks())


def test_the_guard_finds_a_secret_in_an_attribute_or_traceback(leak_guard: LeakGuard) -> None:
    with_body = error_for("clean")
    with_body.body = {"echo": SECRET}
    try:
        try:
            raise ValueError(SECRET)
        except ValueError:
            raise error_for("clean") from None
    except jbcrm.APIError as raised:
        suppressed = raised
    for error in (with_body, suppressed):
        leak_guard.forget(error)
        guard = LeakGuard([SECRET])
        guard.errors.append(error)
        assert guard.leaks(), error


def test_clean_records_and_errors_pass() -> None:
    guard = LeakGuard([SECRET])
    guard.records.append("httpx INFO GET /x?api_secret=*** 200")
    guard.errors.append(error_for("GET /x?api_secret=*** -> 500"))
    assert guard.leaks() == []


def test_the_guard_records_errors_that_pytest_raises_swallowed(leak_guard: LeakGuard) -> None:
    with pytest.raises(jbcrm.NotFoundError) as caught:
        raise jbcrm.NotFoundError("gone", status=404, method="GET", url="u")
    assert any(error is caught.value for error in leak_guard.errors)


def test_the_guard_captures_every_logger_at_debug(leak_guard: LeakGuard) -> None:
    logging.getLogger("tests.some.module").debug("ordinary debug line")
    _ISOLATED.debug("isolated debug line")
    assert "tests.some.module DEBUG ordinary debug line" in leak_guard.records
    assert "tests.isolated.logger DEBUG isolated debug line" in leak_guard.records


def test_a_test_that_leaks_fails_at_teardown(pytester: pytest.Pytester) -> None:
    pytester.makeconftest("from tests.conftest import leak_guard  # noqa: F401\n")
    pytester.makepyfile(
        test_leaky=textwrap.dedent(
            f"""
            import logging

            import jbcrm


            def test_logs_a_secret():
                logging.getLogger("app").info("calling with %s", {QUERY_SECRET!r})


            def test_swallows_a_leaky_error():
                try:
                    raise jbcrm.JBCRMError("key " + {QUERY_SECRET!r})
                except jbcrm.JBCRMError:
                    pass


            def test_clean():
                logging.getLogger("app").info("nothing to see")
            """
        )
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-p", "no:jbcrm")
    result.assert_outcomes(passed=3, errors=2)
    result.stdout.fnmatch_lines(
        ["*a secret leaked:*", "log record 0 shows *", "JBCRMError * shows *"]
    )
