"""SDK errors on the command line: Python spellings become flags, Python-only hints say so."""

from __future__ import annotations

import jbcrm
from jbcrm._cli.hints import describe


def test_a_python_option_with_a_flag_is_shown_as_the_flag() -> None:
    error = jbcrm.APITimeoutError(
        "timed out",
        method="GET",
        url="https://x/api/users",
        hint="raise `timeout` (e.g. client.with_options(timeout=60)) or check the server",
    )
    assert describe(error) == [
        "APITimeoutError: GET https://x/api/users: timed out",
        "hint: raise --timeout (e.g. --timeout 60) or check the server",
    ]


def test_a_hint_only_python_code_can_follow_is_labelled_python() -> None:
    error = jbcrm.JBCRMError("Redis is down", hint="check Redis, or use on_redis_error='local'")
    assert describe(error)[1] == "hint for Python code: check Redis, or use on_redis_error='local'"


def test_a_url_query_in_a_hint_is_not_taken_for_python() -> None:
    error = jbcrm.JBCRMError(
        "HTML came back", hint="route='query' reaches the API as <site>/?zbs_api=<endpoint>"
    )
    assert describe(error)[1] == (
        "hint: --route query reaches the API as <site>/?zbs_api=<endpoint>"
    )


def test_messages_name_the_flags_for_the_missing_credentials() -> None:
    error = jbcrm.ConfigurationError(
        "Jetpack CRM needs an API key and secret: pass api_key=... and api_secret=..., or "
        "set JETPACKCRM_API_KEY and JETPACKCRM_API_SECRET"
    )
    assert describe(error) == [
        "ConfigurationError: Jetpack CRM needs an API key and secret: pass --api-key and "
        "--api-secret, or set JETPACKCRM_API_KEY and JETPACKCRM_API_SECRET"
    ]
