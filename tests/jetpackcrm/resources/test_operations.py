"""Every Jetpack CRM operation sends the endpoint its docstring names, and every argument its
``TypedDict`` declares reaches the request body: the upserts' through a mocked site, the
read-merge-write updates' through the simulated one."""

from __future__ import annotations

import contextlib
import functools
import inspect
import json
import re
import typing
from collections.abc import AsyncIterator
from datetime import timezone
from typing import Any

import httpx
import pytest
import respx

from jbcrm import AsyncPaginator, InvalidArgumentError, ResponseDecodeError
from jbcrm._core.convert import encode
from jbcrm._core.params import fields_of
from jbcrm.jetpackcrm import JetpackCRM
from jbcrm.jetpackcrm.models.companies import COMPANY_COLUMNS
from jbcrm.jetpackcrm.models.customers import CUSTOMER_COLUMNS
from jbcrm.jetpackcrm.resources import Companies, Customers
from jbcrm.jetpackcrm.resources.events import EVENT_TIME_FORMAT
from jbcrm.sandbox import JetpackSandbox
from tests.arguments import MOMENT, declared, positional_values, required_arguments, sample
from tests.jetpackcrm.conftest import API, make_client

NAMESPACES = ("customers", "companies", "quotes", "invoices", "transactions", "events")
_ROUTE = re.compile(r"^``(GET|POST) /(\w+)[`?]")
#: The records the updates change, in the simulated reference site.
TARGETS = {"customers.update": "ann.archer@example.com", "transactions.update": "ORD-1001",
           "events.update": 3}  # fmt: skip


def _namespace(name: str) -> Any:
    member = inspect.getattr_static(JetpackCRM, name)
    assert isinstance(member, functools.cached_property)
    return typing.get_type_hints(member.func)["return"]


def _unbound(operation: str) -> Any:
    namespace, _, method = operation.rpartition(".")
    return getattr(_namespace(namespace) if namespace else JetpackCRM, method)


OPERATIONS = sorted(
    f"{namespace}.{name}"
    for namespace in NAMESPACES
    for name, member in vars(_namespace(namespace)).items()
    if not name.startswith("_") and inspect.isfunction(member)
)
ROUTED = [name for name in OPERATIONS if name not in TARGETS] + ["status"]
DECLARED = {name: declared(_unbound(name)) for name in OPERATIONS if declared(_unbound(name))}


def _resolve(client: JetpackCRM, operation: str) -> Any:
    target: Any = client
    for part in operation.split("."):
        target = getattr(target, part)
    return target


async def _call(method: Any, arguments: dict[str, Any]) -> Any:
    result = method(*positional_values(method), **arguments)
    return await (result.first_page() if isinstance(result, AsyncPaginator) else result)


def _all_arguments(operation: str) -> dict[str, Any]:
    """A value for every argument: the keyword parameters and the ``TypedDict``'s keys."""
    method = _unbound(operation)
    hints = typing.get_type_hints(method)
    values = {
        name: sample(name, hints[name])
        for name, parameter in inspect.signature(method).parameters.items()
        if parameter.kind is inspect.Parameter.KEYWORD_ONLY
    }
    fields = fields_of(DECLARED[operation])
    return values | {key: sample(key, fields.types[key]) for key in fields.keys}


def _expected(values: dict[str, Any]) -> dict[str, Any]:
    """The body keys and values the arguments become."""
    moment = MOMENT.astimezone(timezone.utc).strftime(EVENT_TIME_FORMAT)
    renamed: dict[str, Any] = {
        "start": ("from", moment),
        "end": ("to", moment),
        "remind_24h": ("notify", 24),
        "complete": ("complete", 1),
        "date": ("date", int(MOMENT.timestamp())),
    }
    expected: dict[str, Any] = {}
    for key, value in values.items():
        if key == "custom_fields":
            expected |= encode(value)
        else:
            wire, sent = renamed.get(key, (key, encode(value)))
            expected[wire] = sent
    return expected


def test_every_operation_names_its_endpoint_but_the_read_merge_write_updates() -> None:
    unrouted = [name for name in OPERATIONS if not _ROUTE.match(_unbound(name).__doc__ or "")]
    assert unrouted == sorted(TARGETS)


@pytest.mark.parametrize("operation", ROUTED)
async def test_the_endpoint_in_the_docstring_is_the_request_sent(operation: str) -> None:
    match = _ROUTE.match(_unbound(operation).__doc__ or "")
    assert match is not None
    async with make_client() as crm:
        method = _resolve(crm, operation)
        with respx.mock(base_url=API) as site:
            route = site.route().respond(json={"id": 1})
            # What the answer decodes into does not matter here, only what was sent.
            with contextlib.suppress(ResponseDecodeError):
                await _call(method, required_arguments(method))
    request = route.calls[0].request
    assert (request.method, request.url.path) == (match[1], f"/zbs_api/{match[2]}/")


@pytest.mark.parametrize("operation", sorted(set(DECLARED) - set(TARGETS)))
async def test_every_argument_of_an_upsert_is_sent(operation: str) -> None:
    values = _all_arguments(operation)
    async with make_client() as crm:
        with respx.mock(base_url=API) as site:
            route = site.route().respond(json={"id": 1})
            await _call(_resolve(crm, operation), values)
    sent = json.loads(route.calls.last.request.content)
    expected = _expected(values)
    assert {key: sent.get(key) for key in expected} == expected


class _Recording(httpx.AsyncBaseTransport):
    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.requests: list[httpx.Request] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return await self.inner.handle_async_request(request)


@pytest.fixture
async def recorded(jetpack_sandbox: JetpackSandbox) -> AsyncIterator[tuple[_Recording, Any]]:
    """A client of the simulated reference site, and the requests it sends."""
    recording = _Recording(jetpack_sandbox.transport())
    http = httpx.AsyncClient(transport=recording)
    client = make_client(site_url=jetpack_sandbox.base_url, http_client=http)
    async with http, client:
        yield recording, client


@pytest.mark.parametrize("operation", sorted(TARGETS))
async def test_every_argument_of_an_update_is_sent(
    operation: str, recorded: tuple[_Recording, JetpackCRM]
) -> None:
    recording, crm = recorded
    values = _all_arguments(operation)
    await _resolve(crm, operation)(TARGETS[operation], **values)
    [write] = [r for r in recording.requests if "/create_" in r.url.path]
    sent = json.loads(write.content)
    expected = _expected(values)
    assert {key: sent.get(key) for key in expected} == expected


@pytest.mark.parametrize("operation", sorted(DECLARED))
async def test_an_unknown_argument_is_refused_before_anything_is_sent(operation: str) -> None:
    async with make_client() as crm:
        method = _resolve(crm, operation)
        arguments = {**required_arguments(method), "colour": "red"}
        with respx.mock(base_url=API, assert_all_called=False) as site:
            route = site.route().respond(json={"id": 1})
            with pytest.raises(InvalidArgumentError, match="cannot set colour"):
                await _call(method, arguments)
    assert not route.called


@pytest.mark.parametrize(
    ("model_columns", "upsert"),
    [
        pytest.param(CUSTOMER_COLUMNS, Customers.upsert, id="customers"),
        pytest.param(COMPANY_COLUMNS, Companies.upsert, id="companies"),
    ],
)
def test_every_column_the_model_declares_is_an_argument_of_its_upsert(
    model_columns: tuple[str, ...], upsert: Any
) -> None:
    # The columns are declared on the models (the upsert bodies are built from them); the
    # signatures repeat their names for type checkers, and must take every one of them.
    parameters = inspect.signature(upsert).parameters
    keywords = {name for name, p in parameters.items() if p.kind is p.KEYWORD_ONLY}
    fields = typing.get_type_hints(upsert, include_extras=True)["fields"]
    declared = typing.get_args(fields)[0]
    assert set(model_columns) <= keywords | set(fields_of(declared).keys)
