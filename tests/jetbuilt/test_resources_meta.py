"""Every documented operation exists on the client as a typed method with its route in the
docstring, and has a test of its own."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
import typing
from collections.abc import Iterator
from typing import Any

import pytest
import respx
from _pytest.mark.structures import Mark, ParameterSet

import jbcrm
import tests.jetbuilt
from jbcrm import JETBUILT_SANDBOX_URL, AsyncPaginator, ConfigurationError, Jetbuilt
from tests.jetbuilt.resource_support import OPERATIONS
from tests.leak_guard import JETBUILT_TOKEN

_ROUTE = re.compile(r"^``(GET|POST|PATCH|DELETE) /[\w/<>]+``(: | \()")


def _resolve(client: Jetbuilt, name: str) -> Any:
    target: Any = client
    for part in name.split("."):
        target = getattr(target, part)
    return target


def _marks(test: Any) -> Iterator[Mark]:
    for mark in getattr(test, "pytestmark", []):
        yield mark
        if mark.name == "parametrize":
            for case in mark.args[1]:
                if isinstance(case, ParameterSet):
                    yield from case.marks  # type: ignore[misc]


def _tested_operations() -> list[str]:
    tested = []
    for info in pkgutil.iter_modules(tests.jetbuilt.__path__):
        if not info.name.startswith("test_resources_"):
            continue
        module = importlib.import_module(f"tests.jetbuilt.{info.name}")
        for name, test in vars(module).items():
            if name.startswith("test_") and callable(test):
                tested += [m.args[0] for m in _marks(test) if m.name == "operation"]
    return tested


def test_the_document_has_64_operations() -> None:
    assert len(OPERATIONS) == 64
    assert len(set(OPERATIONS)) == 64


def test_every_operation_has_exactly_one_test() -> None:
    tested = _tested_operations()
    assert sorted(set(OPERATIONS) - set(tested)) == [], "operations without a test"
    assert sorted(set(tested) - set(OPERATIONS)) == [], "tests of unknown operations"
    assert sorted(name for name in tested if tested.count(name) > 1) == []


@pytest.fixture(scope="module")
def client() -> Jetbuilt:
    """A client that is only inspected, never used to send."""
    return Jetbuilt(JETBUILT_TOKEN, rate_limit=None)


@pytest.mark.parametrize("name", OPERATIONS)
def test_operation_is_an_async_method_or_a_paginator_with_its_route(
    client: Jetbuilt, name: str
) -> None:
    method = _resolve(client, name)
    hints = typing.get_type_hints(method)
    returns = typing.get_origin(hints["return"]) or hints["return"]
    if name.endswith(".list"):
        assert not inspect.iscoroutinefunction(method)
        assert issubclass(returns, AsyncPaginator)
    else:
        assert inspect.iscoroutinefunction(method)
    assert "kwargs" not in inspect.signature(method).parameters
    first_line = (method.__doc__ or "").strip().splitlines()[0]
    assert _ROUTE.match(first_line), first_line
    verb = name.rsplit(".", 1)[1]
    expected = {"create": "POST", "update": "PATCH", "delete": "DELETE"}.get(verb, "GET")
    assert first_line.startswith(f"``{expected} ")


def test_update_docstrings_name_both_verbs(client: Jetbuilt) -> None:
    for name in OPERATIONS:
        if name.endswith(".update"):
            doc = _resolve(client, name).__doc__ or ""
            assert "PATCH" in doc, name
            assert "PUT" in doc, name


async def test_namespaces_of_a_with_options_copy_use_the_copy() -> None:
    async with Jetbuilt(JETBUILT_TOKEN, rate_limit=None) as client:
        assert client.projects is client.projects
        quick = client.with_options(timeout=5)
        assert quick.projects is not client.projects
        assert quick.projects.items._client is quick
        assert client.projects.items._client is client


async def test_the_key_comes_from_the_environment_and_the_version_from_the_client(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("JETBUILT_API_KEY", "env-key")
    async with Jetbuilt(base_url=JETBUILT_SANDBOX_URL, api_version="v2", rate_limit=None) as jb:
        with respx.mock(base_url=JETBUILT_SANDBOX_URL) as api:
            route = api.get("/company").respond(json={"id": 1})
            await jb.company.get()
    request = route.calls.last.request
    assert request.headers["Authorization"] == "Token token=env-key"
    assert request.headers["Accept"] == "application/vnd.jetbuilt.v2"


def test_a_missing_key_is_refused_at_construction(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JETBUILT_API_KEY", raising=False)
    with pytest.raises(ConfigurationError, match="JETBUILT_API_KEY"):
        Jetbuilt()


def test_clients_given_a_rate_limit_without_a_key_share_the_jetbuilt_budget() -> None:
    first = Jetbuilt(JETBUILT_TOKEN, rate_limit=jbcrm.RateLimit(40, per=10.0))
    second = Jetbuilt("other-key", rate_limit=jbcrm.RateLimit(40, per=10.0))
    # Jetbuilt counts per IP address, not per key: one limiter serves both.
    assert first._transport.limiter is second._transport.limiter
    assert first._transport.limiter is not Jetbuilt(JETBUILT_TOKEN)._transport.limiter
