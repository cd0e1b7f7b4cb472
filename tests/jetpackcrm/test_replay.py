"""Every answer a real Jetpack CRM 6.4.4 gave, fed to the SDK call that asks that question.

Each recorded response goes through an ``httpx.MockTransport`` to one SDK call; the call must
give a typed result (models, or ``None`` for no match) or a typed error, nothing else. Where
the SDK sends the recorded request itself (give or take its paging keys), that is checked too.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from datetime import datetime, timezone
from typing import Any

import attrs
import httpx
import pytest

from jbcrm import (
    APIError,
    AuthenticationError,
    BadRequestError,
    CrossOriginError,
    InternalServerError,
    MethodNotAllowedError,
    ResponseDecodeError,
)
from jbcrm.jetpackcrm import (
    Company,
    Customer,
    Event,
    Invoice,
    JetpackCRM,
    Quote,
    RequestRejectedError,
    Status,
    Transaction,
)
from tests.jetpackcrm.conftest import CREDENTIALS, check_exception
from tests.recorded_exchanges import Exchange, exchange, exchanges

Call = Callable[[JetpackCRM], Awaitable[Any]]
_ANN = "ann.archer@example.com"
_PAGING = frozenset({"page", "perpage"})


async def _first_page(paginator: Any) -> list[Any]:
    async for page in paginator.pages():
        return list(page.items)
    raise AssertionError("a paginator gave no page")


def status(full: bool = False) -> Call:
    return lambda crm: crm.status(full=full)


def lists(resource: str, **options: Any) -> Call:
    return lambda crm: _first_page(getattr(crm, resource).list(**options))


def search(phrase: str, **options: Any) -> Call:
    return lambda crm: _first_page(crm.customers.search(phrase, **options))


def find(email: str) -> Call:
    return lambda crm: crm.customers.find_by_email(email)


def upsert(resource: str, **fields: Any) -> Call:
    return lambda crm: getattr(crm, resource).upsert(**fields)


def sent_as_recorded(endpoint: str) -> Call:
    """An upsert of exactly what the recorded request sent."""
    body = dict(exchange(endpoint).sent_json())
    resource = {"customer": "customers", "company": "companies"}[endpoint.split("--")[0][7:]]
    columns = {"id", "assign", "tags", "email", "status", "prefix", "fname", "lname", "name"}
    columns |= {"addr1", "addr2", "city", "county", "postcode", "country", "maintel", "sectel"}
    columns |= {f"sec{k}" for k in ("addr1", "addr2", "city", "county", "postcode", "country")}
    columns |= {"hometel", "worktel", "mobtel", "tw", "li", "fb"}
    custom = {k: v for k, v in body.items() if k not in columns}
    fields = {k: v for k, v in body.items() if k in columns}
    return upsert(resource, **fields, custom_fields=custom)


def at(text: str) -> datetime:
    return datetime.strptime(text, "%m/%d/%Y %H:%M:%S").replace(tzinfo=timezone.utc)


@attrs.frozen
class Replay:
    """The call asking an exchange's question, what it gives, and whether the SDK's own
    request is the recorded one (give or take paging keys)."""

    call: Call
    gives: type[Any] | None
    same_request: bool = False
    route: str = "pretty"


def ok(call: Call, gives: type[Any] | None, same: bool = False, route: str = "pretty") -> Replay:
    return Replay(call, gives, same, route)


def fails(call: Call, error: type[Exception]) -> Replay:
    return Replay(call, error)


_CUSTOMER_BY_ID = upsert("customers", id=4, email="cara.cole@example.com", fname="Carolina")
_EVENT = {"title": "Call", "start": at("12/11/2026 09:00:00"), "end": at("12/11/2026 09:00:00")}

REPLAYS: dict[str, Replay] = {
    "status--basic": ok(status(), Status, same=True),
    "status--full": ok(status(full=True), Status, same=True),
    "status--after-flush": ok(status(), Status, same=True),
    "status--tz-new-york": ok(status(), Status, same=True),
    "status--extra-path-segment": ok(status(), Status),
    "status--query-route": ok(status(), Status, same=True, route="query"),
    "status--plain-permalinks-query-route": ok(status(), Status, same=True, route="query"),
    "status--rules-not-flushed-query-route": ok(status(), Status, same=True, route="query"),
    "status--plain-permalinks-pretty-path": fails(status(), ResponseDecodeError),
    "status--rules-not-flushed": fails(status(), ResponseDecodeError),
    "status--bad-key": fails(status(), AuthenticationError),
    "status--bad-secret": fails(status(), AuthenticationError),
    "status--missing-credentials": fails(status(), AuthenticationError),
    "status--missing-secret": fails(status(), AuthenticationError),
    "status--brew": fails(status(), APIError),
    "status--post": fails(status(), MethodNotAllowedError),
    "status--head": fails(status(), RequestRejectedError),
    # The recorded Location is the recording site's address: another origin than the test's.
    "status--no-trailing-slash": fails(status(), CrossOriginError),
    "router--empty-endpoint": fails(status(), BadRequestError),
    "router--endpoint-wrong-case": fails(status(), BadRequestError),
    "router--unknown-endpoint": fails(status(), BadRequestError),
    "router--unknown-endpoint-bad-secret": fails(status(), AuthenticationError),
    "customers--page1-perpage5": ok(lists("customers", perpage=5), Customer, same=True),
    "customers--page2-perpage5": ok(lists("customers", perpage=5), Customer),
    "customers--past-the-end": ok(lists("customers", perpage=5), None),
    "customers--page0": ok(lists("customers", perpage=5), Customer),
    "customers--perpage0": ok(lists("customers"), None),
    "customers--all-minus1": ok(lists("customers"), Customer),
    "customers--no-body": ok(lists("customers"), Customer, same=True),
    "customers--query-paging-ignored": ok(lists("customers"), Customer),
    "customers--get-with-body": ok(lists("customers", perpage=2), Customer),
    "customers--no-trailing-slash": ok(lists("customers", perpage=2), Customer),
    "customers--replace-hyphens-query": ok(lists("customers", perpage=5), Customer),
    "customers--plain-permalinks-query-route": ok(
        lists("customers", perpage=2), Customer, same=True, route="query"
    ),
    "customers--plain-permalinks-pretty-path": fails(lists("customers"), ResponseDecodeError),
    "customers--bad-secret": fails(lists("customers"), AuthenticationError),
    "customers--search": ok(lists("customers", search="Flat 1"), Customer, same=True),
    "customers--owned": ok(lists("customers", owned=2, perpage=50), Customer, same=True),
    "customers--company": ok(lists("customers", company=1), Customer, same=True),
    "customers--tags-string-true": ok(lists("customers", search=_ANN, include_tags=True), Customer),
    "customers--tags-json-true": ok(
        lists("customers", search=_ANN, include_tags=True), Customer, same=True
    ),
    "customers--tags-string-false": ok(lists("customers", search=_ANN), Customer),
    "customers--invoices-string-true": ok(
        lists("customers", search=_ANN, include_invoices=True), Customer, same=True
    ),
    "customers--invoices-json-true": ok(lists("customers", search=_ANN), Customer),
    "customers--quotes-string-true": ok(
        lists("customers", search=_ANN, include_quotes=True), Customer, same=True
    ),
    "customers--quotes-json-true": ok(lists("customers", search=_ANN), Customer),
    "customers--transactions-string-true": ok(
        lists("customers", search=_ANN, include_transactions=True), Customer, same=True
    ),
    "customers--transactions-json-true": ok(lists("customers", search=_ANN), Customer),
    "customers--tz-new-york": ok(lists("customers", search="tina.zone@example.com"), Customer),
    "customers--tz-new-york-existing": ok(lists("customers", search=_ANN), Customer, same=True),
    "customer_search--email-hit": ok(find(_ANN), Customer, same=True),
    "customer_search--email-miss": ok(find("nobody@example.com"), None, same=True),
    "customer_search--after-sticky-status": ok(find("gia.garcia@example.com"), Customer, True),
    "customer_search--after-transaction-unknown-email": ok(find("walk.in@example.com"), Customer),
    "customer_search--plain-permalinks-query-route": ok(
        find("ida.ito@example.com"), Customer, same=True, route="query"
    ),
    "customer_search--email-replace-hyphens": fails(find(_ANN), InternalServerError),
    "customer_search--email-replace-hyphens-json": fails(find(_ANN), InternalServerError),
    "customer_search--phrase": ok(search("Flat 1"), Customer, same=True),
    "customer_search--phrase-page2-perpage2": ok(search("Flat 1", perpage=2), Customer),
    "customer_search--phrase-replace-hyphens": ok(search("Ja"), Customer),
    "customer_search--post-405": fails(search("Ja"), MethodNotAllowedError),
    "customer_search--brew-418": fails(search("Ja"), APIError),
    "create_customer--new": ok(sent_as_recorded("create_customer--new"), Customer, same=True),
    "create_customer--existing-email": ok(
        sent_as_recorded("create_customer--existing-email"), Customer, same=True
    ),
    "create_customer--by-id": fails(_CUSTOMER_BY_ID, RequestRejectedError),
    "create_customer--by-id-with-email": ok(
        sent_as_recorded("create_customer--by-id-with-email"), Customer, same=True
    ),
    "create_customer--by-id-with-email-again": ok(
        sent_as_recorded("create_customer--by-id-with-email-again"), Customer, same=True
    ),
    "create_customer--unknown-id": fails(_CUSTOMER_BY_ID, RequestRejectedError),
    "create_customer--no-email": fails(_CUSTOMER_BY_ID, RequestRejectedError),
    "create_customer--invalid-email": fails(
        sent_as_recorded("create_customer--invalid-email"), RequestRejectedError
    ),
    "create_customer--empty-object": fails(_CUSTOMER_BY_ID, RequestRejectedError),
    "create_customer--non-json-body": fails(_CUSTOMER_BY_ID, RequestRejectedError),
    "create_customer--json-string-body": fails(_CUSTOMER_BY_ID, RequestRejectedError),
    "create_customer--lname-only": ok(
        sent_as_recorded("create_customer--lname-only"), Customer, same=True
    ),
    "create_customer--sticky-status": ok(
        sent_as_recorded("create_customer--sticky-status"), Customer, same=True
    ),
    "create_customer--no-trailing-slash": ok(
        sent_as_recorded("create_customer--no-trailing-slash"), Customer
    ),
    "create_customer--tz-new-york": ok(
        sent_as_recorded("create_customer--tz-new-york"), Customer, same=True
    ),
    "companies--list": ok(lists("companies"), Company),
    "companies--page1-perpage2": ok(lists("companies", perpage=2), Company, same=True),
    "companies--page2-perpage2": ok(lists("companies", perpage=2), Company),
    "companies--after-create-new": ok(lists("companies", perpage=1), Company),
    "companies--after-existing-email-json": ok(lists("companies", perpage=1), Company),
    "companies--after-existing-email-form": ok(lists("companies", perpage=1), Company),
    "companies--after-by-id": ok(lists("companies", perpage=1), Company),
    "companies--get-405": fails(lists("companies"), MethodNotAllowedError),
    "companies--quotes-string-true": fails(lists("companies"), ResponseDecodeError),
    "create_company--new": ok(sent_as_recorded("create_company--new"), Company, same=True),
    "create_company--existing-email-json": fails(
        sent_as_recorded("create_company--existing-email-json"), InternalServerError
    ),
    "create_company--existing-email-form": fails(
        upsert("companies", email="info@globex.example"), InternalServerError
    ),
    "create_company--by-id-json": fails(upsert("companies", email="a@b.co"), InternalServerError),
    "create_company--by-id-form": fails(upsert("companies", email="a@b.co"), InternalServerError),
    "create_company--no-email": fails(upsert("companies", email="a@b.co"), RequestRejectedError),
    "create_company--invalid-email": fails(
        sent_as_recorded("create_company--invalid-email"), RequestRejectedError
    ),
    "create_company--json-string-body": fails(
        upsert("companies", email="a@b.co"), RequestRejectedError
    ),
    "quotes--list": ok(lists("quotes"), Quote, same=True),
    "quotes--page1-perpage2": ok(lists("quotes", perpage=2), Quote, same=True),
    "quotes--page2-perpage2": ok(lists("quotes", perpage=2), Quote),
    "quotes--past-the-end": ok(lists("quotes", perpage=2), None),
    "quotes--brew-418": fails(lists("quotes"), APIError),
    "quotes--no-trailing-slash": fails(lists("quotes", perpage=2), CrossOriginError),
    "invoices--list": ok(lists("invoices"), Invoice, same=True),
    "invoices--page2-perpage2": ok(lists("invoices", perpage=2), Invoice),
    "invoices--perpage0": ok(lists("invoices"), None),
    "transactions--list": ok(lists("transactions"), Transaction, same=True),
    "transactions--page1-perpage4": ok(lists("transactions", perpage=4), Transaction, same=True),
    "transactions--page2-perpage4": ok(lists("transactions", perpage=4), Transaction),
    "transactions--page0-perpage2": ok(lists("transactions", perpage=2), Transaction),
    "transactions--negative-page": ok(lists("transactions", perpage=2), Transaction),
    "transactions--past-the-end": ok(lists("transactions", perpage=4), None),
    "transactions--paging-in-body-ignored": ok(lists("transactions"), Transaction),
    "transactions--after-same-orderid": ok(lists("transactions", perpage=1), Transaction),
    "transactions--tz-new-york": ok(lists("transactions", perpage=1), Transaction),
    "transactions--post-405": fails(lists("transactions"), MethodNotAllowedError),
    "events--list": ok(lists("events"), Event, same=True),
    "events--page2-perpage2": ok(lists("events", perpage=2), Event),
    "events--owner": ok(lists("events", owner=2), Event, same=True),
    "events--after-create": ok(lists("events", perpage=50), Event, same=True),
    "events--tz-new-york": ok(lists("events", perpage=1), Event),
    "create_event--with-complete": ok(
        upsert(
            "events",
            title="Product demo",
            customer=7,
            notes="Show the dashboard",
            start=at("12/10/2026 15:00:00"),
            end=at("12/10/2026 16:00:00"),
            remind_24h=True,
            complete=True,
            owner=1,
        ),
        Event,
        same=True,
    ),
    "create_event--without-complete": ok(upsert("events", **_EVENT), Event),
    "create_event--tz-new-york": ok(upsert("events", **_EVENT), Event),
    "create_event--update-by-id": ok(upsert("events", id=1, **_EVENT), Event),
    "create_event--empty-object": fails(upsert("events", **_EVENT), RequestRejectedError),
    "create_event--title-only": fails(upsert("events", **_EVENT), RequestRejectedError),
}
_NEW_TX = exchange("create_transaction--new").sent_json() or {}
REPLAYS |= {
    "create_transaction--new": ok(
        upsert(
            "transactions",
            **{k: v for k, v in _NEW_TX.items() if k != "channel"},
            custom_fields={"channel": "web"},
        ),
        Transaction,
        same=True,
    ),
    **{
        f"create_transaction--{name}": ok(
            upsert("transactions", **(exchange(f"create_transaction--{name}").sent_json() or {})),
            Transaction,
            same=True,
        )
        for name in ("same-orderid", "unknown-email", "no-email", "tz-new-york")
    },
    **{
        f"create_transaction--{name}": fails(
            upsert("transactions", orderid="ORD-2003", status="Succeeded", total="1"), error
        )
        for name, error in (
            ("missing-total", RequestRejectedError),
            ("missing-orderid", RequestRejectedError),
            ("non-json-json-ctype", InternalServerError),
            ("non-json-form-ctype", InternalServerError),
        )
    },
}
for name in ("invoices-string-true", "invoices-json-true", "invoices-string-true-after-upserts",
             "transactions-string-true", "transactions-json-true", "quotes-json-true", "search",
             "search-digit", "owned"):  # fmt: skip
    REPLAYS[f"companies--{name}"] = ok(lists("companies"), Company)
for name in ("after-create-new", "after-existing-email", "after-by-id", "after-by-id-with-email",
             "after-lname-only"):  # fmt: skip
    REPLAYS[f"customers--{name}"] = ok(
        lists("customers", search=exchange(f"customers--{name}").sent_json()["search"],
              include_tags=True),
        Customer,
        same=True,
    )  # fmt: skip


def test_every_recorded_exchange_has_a_replay() -> None:
    assert sorted(REPLAYS) == sorted(e.name for e in exchanges())


def _sent_json(request: httpx.Request) -> Any:
    return json.loads(request.content) if request.content else None


def _without_paging(sent: dict[str, Any], recorded: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in sent.items() if k not in _PAGING or k in recorded}


def _assert_same_request(recorded: Exchange, sent: httpx.Request) -> None:
    assert (sent.method, sent.url.path) == (recorded.method, recorded.path)
    wanted = dict(recorded.params(CREDENTIALS["api_key"], CREDENTIALS["api_secret"]))
    assert _without_paging(dict(sent.url.params), wanted) == wanted
    recorded_body, body = recorded.sent_json() or {}, _sent_json(sent) or {}
    assert _without_paging(body, recorded_body) == recorded_body


@pytest.mark.parametrize("recorded", exchanges(), ids=lambda e: e.name)
async def test_every_recorded_answer_gives_a_typed_result_or_a_typed_error(
    recorded: Exchange, recorded_site: Any
) -> None:
    replay = REPLAYS[recorded.name]
    site, crm = recorded_site(recorded.name, route=replay.route)
    if replay.gives is not None and issubclass(replay.gives, Exception):
        with pytest.raises(replay.gives) as info:
            await replay.call(crm)
        check_exception(info.value)
    else:
        result = await replay.call(crm)
        items = result if isinstance(result, list) else [result]
        if replay.gives is None:
            assert result in (None, [])
        else:
            assert items
            assert all(isinstance(item, replay.gives) for item in items)
    if replay.same_request:
        _assert_same_request(recorded, site.requests[0])
