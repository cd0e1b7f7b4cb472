"""Every documented operation exists on the client as a typed method with its route in the
docstring, sends that route, sends every argument its ``TypedDict`` declares, and has a test of
its own."""

from __future__ import annotations

import contextlib
import functools
import importlib
import inspect
import json
import pkgutil
import re
import typing
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import respx
from _pytest.mark.structures import Mark, ParameterSet

import jbcrm
import tests.jetbuilt.resources
from jbcrm import (
    JETBUILT_PRODUCTION_URL,
    JETBUILT_SANDBOX_URL,
    AsyncPaginator,
    ConfigurationError,
    InvalidArgumentError,
    Jetbuilt,
    ResponseDecodeError,
)
from jbcrm._core.convert import encode
from jbcrm._core.params import fields_of
from tests.arguments import declared, positional_ids, required_arguments, sample
from tests.jetbuilt.resources.support import OPERATIONS
from tests.leak_guard import JETBUILT_TOKEN

_ROUTE = re.compile(r"^``(GET|POST|PATCH|DELETE) (/[\w/<>]+)``(: | \()")
_PLACEHOLDER = re.compile(r"<[A-Z_]+>")


def _resolve(client: Any, name: str) -> Any:
    target: Any = client
    for part in name.split("."):
        target = getattr(target, part)
    return target


def _unbound(name: str) -> Any:
    """The method of operation ``name``, found from the client class (no client needed)."""
    *namespaces, method = name.split(".")
    cls: Any = Jetbuilt
    for attribute in namespaces:
        member = inspect.getattr_static(cls, attribute)
        getter = member.func if isinstance(member, functools.cached_property) else member.fget
        cls = typing.get_type_hints(getter)["return"]
    return getattr(cls, method)


#: The operations whose arguments a ``TypedDict`` declares.
DECLARED = {
    name: typed_dict for name in OPERATIONS if (typed_dict := declared(_unbound(name))) is not None
}


async def _call(method: Any, arguments: dict[str, Any]) -> Any:
    """Call ``method`` with an id for each of its positional parameters: await a write, fetch a
    listing's first page."""
    result = method(*positional_ids(method), **arguments)
    return await (result.first_page() if isinstance(result, AsyncPaginator) else result)


async def _send(operation: str, arguments: dict[str, Any] | None = None) -> httpx.Request:
    """Call ``operation`` with ids and ``arguments`` (its required ones added) against a server
    answering ``{}`` to anything, and return the request it sent."""
    async with Jetbuilt(JETBUILT_TOKEN, rate_limit=None, max_retries=0) as client:
        method = _resolve(client, operation)
        call = {**required_arguments(method), **(arguments or {})}
        with respx.mock(base_url=JETBUILT_PRODUCTION_URL) as api:
            route = api.route().respond(json={})
            # What the answer decodes into does not matter here, only what was sent.
            with contextlib.suppress(ResponseDecodeError):
                await _call(method, call)
        assert route.call_count == 1
        request: httpx.Request = route.calls.last.request
        return request


def _marks(test: Any) -> Iterator[Mark]:
    for mark in getattr(test, "pytestmark", []):
        yield mark
        if mark.name == "parametrize":
            for case in mark.args[1]:
                if isinstance(case, ParameterSet):
                    yield from case.marks  # type: ignore[misc]


def _tested_operations() -> list[str]:
    tested = []
    for info in pkgutil.iter_modules(tests.jetbuilt.resources.__path__):
        if not info.name.startswith("test_"):
            continue
        module = importlib.import_module(f"tests.jetbuilt.resources.{info.name}")
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
    # Keyword arguments are typed: a ``**`` parameter is ``Unpack[SomeTypedDict]``.
    declared(method)
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


@pytest.mark.parametrize("name", OPERATIONS)
async def test_the_route_in_the_docstring_is_the_request_sent(name: str) -> None:
    method = _unbound(name)
    match = _ROUTE.match((method.__doc__ or "").strip())
    assert match is not None
    verb, route = match.group(1), match.group(2)
    ids = positional_ids(method)
    assert len(_PLACEHOLDER.findall(route)) == len(ids), route
    expected = route
    for record_id in ids:
        expected = _PLACEHOLDER.sub(str(record_id), expected, count=1)
    request = await _send(name)
    assert (request.method, request.url.path) == (verb, f"/api{expected}")


def _sent(request: httpx.Request) -> dict[str, Any]:
    if request.method == "GET":
        return dict(request.url.params)
    sent: dict[str, Any] = json.loads(request.content)
    return sent


@pytest.mark.parametrize("name", sorted(DECLARED))
async def test_every_declared_argument_is_sent(name: str) -> None:
    fields = fields_of(DECLARED[name])
    values = {key: sample(key, fields.types[key]) for key in fields.keys}
    files = {key: value for key, value in values.items() if isinstance(value, bytes)}
    plain = {key: value for key, value in values.items() if key not in files}
    sent = _sent(await _send(name, plain))
    if name.endswith(".list"):
        expected = {key: str(httpx.QueryParams({key: encode(v)})[key]) for key, v in plain.items()}
    else:
        expected = encode(plain)
    assert {key: sent.get(key) for key in expected} == expected
    for key, upload in files.items():
        # A file goes as a multipart part, named like the form's other fields.
        content = (await _send(name, {key: upload})).content
        assert f'name="product[{key}]"'.encode() in content
        assert upload in content


@pytest.mark.parametrize("name", sorted(DECLARED))
async def test_an_unknown_argument_is_refused_before_anything_is_sent(name: str) -> None:
    async with Jetbuilt(JETBUILT_TOKEN, rate_limit=None, max_retries=0) as client:
        method = _resolve(client, name)
        call = {**required_arguments(method), "colour": "red"}
        with respx.mock(base_url=JETBUILT_PRODUCTION_URL, assert_all_called=False) as api:
            route = api.route().respond(json={})
            with pytest.raises(InvalidArgumentError, match="cannot set colour"):
                await _call(method, call)
        assert not route.called


def test_every_write_takes_its_arguments_from_a_typed_dict() -> None:
    writes = [name for name in OPERATIONS if name.rsplit(".", 1)[1] in ("create", "update")]
    assert len(writes) == 16
    assert [name for name in writes if declared(_unbound(name)) is None] == []
