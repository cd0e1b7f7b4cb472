"""The option checks at their edges: the first and last accepted values, what a refusal names
(the setting, the type, the position of a bad character) and what it hints."""

from __future__ import annotations

import pytest

from jbcrm._core.config import base_url, concurrency, credential, header_value, is_loopback
from jbcrm._core.constants import MAX_CONCURRENCY
from jbcrm._core.errors import ConfigurationError


def url(raw: object, *, insecure: bool = False) -> str:
    return str(base_url("base_url", raw, allow_insecure_http=insecure, exposes="the key"))


def test_a_credential_that_is_not_a_string_is_refused_naming_the_setting_and_its_type() -> None:
    with pytest.raises(ConfigurationError, match=r"^api_token must be a string, got int$"):
        credential("api_token", 5, "JB_TOKEN")  # type: ignore[arg-type]


@pytest.mark.parametrize(("raw", "position"), [("\u00e9abc", 1), ("ab\x07c", 3)])
def test_a_bad_character_in_a_credential_is_refused_by_its_position_with_a_hint(
    raw: str, position: int
) -> None:
    with pytest.raises(ConfigurationError) as caught:
        credential("api_token", raw, "JB_TOKEN")
    assert f"(character {position} of {len(raw)})" in caught.value.message
    assert caught.value.hint is not None
    assert "printable ASCII" in caught.value.hint


def test_a_header_value_that_is_not_a_string_is_refused() -> None:
    assert header_value("user_agent", "jbcrm-test/1") == "jbcrm-test/1"
    with pytest.raises(ConfigurationError, match=r"^user_agent must be printable ASCII"):
        header_value("user_agent", 5)  # type: ignore[arg-type]


@pytest.mark.parametrize(("port", "accepted"), [(0, False), (1, True), (65535, True)])
def test_a_base_url_port_from_1_to_65535_is_accepted(port: int, accepted: bool) -> None:
    if accepted:
        assert url(f"https://crm.test:{port}") == f"https://crm.test:{port}"
    else:
        with pytest.raises(ConfigurationError, match="a port is 1 to 65535"):
            url(f"https://crm.test:{port}")


def test_an_invalid_base_url_is_refused_with_httpxs_reason() -> None:
    with pytest.raises(ConfigurationError, match=r"it is not a valid URL \(Invalid port"):
        url("https://crm.test:port/")


def test_plain_http_elsewhere_is_refused_with_a_hint() -> None:
    with pytest.raises(ConfigurationError) as caught:
        url("http://crm.test")
    assert caught.value.hint is not None
    assert "allow_insecure_http=True" in caught.value.hint


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("[::1]", True),
        ("api.LOCALHOST", True),
        ("127.0.0.9", True),
        ("[localhost]", True),
        ("notlocalhost", False),
        ("Xlocalhost", False),
        ("crm.test", False),
    ],
)
def test_loopback_hosts_are_localhost_its_subdomains_and_loopback_addresses(
    host: str, loopback: bool
) -> None:
    assert is_loopback(host) is loopback


@pytest.mark.parametrize(("value", "accepted"), [(0, False), (1, True), (MAX_CONCURRENCY, True)])
def test_a_concurrency_from_1_to_the_maximum_is_accepted(value: int, accepted: bool) -> None:
    if accepted:
        assert concurrency(value) == value
    else:
        with pytest.raises(ConfigurationError, match=r"^concurrency must be from 1 to"):
            concurrency(value)
