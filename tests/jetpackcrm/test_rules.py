"""How the errors a real Jetpack CRM site produces become exceptions: which class, which words,
which hint, and whether a retry can help."""

from __future__ import annotations

from datetime import datetime, timezone

import httpx
import pytest
import respx

from jbcrm import (
    APIError,
    AuthenticationError,
    BadRequestError,
    CrossOriginError,
    InternalServerError,
    MethodNotAllowedError,
    ResponseDecodeError,
)
from jbcrm.jetpackcrm import JetpackCRM, RequestRejectedError
from tests.jetpackcrm.conftest import API, SECRET, SITE, expect, make_client

FATAL_JSON = {
    "code": "internal_server_error",
    "message": "<p>There has been a critical error on this website.</p><p><a href="
    '"https://wordpress.org/documentation/article/faq-troubleshooting/">Learn more about '
    "troubleshooting WordPress.</a></p>",
    "data": {"status": 500},
    "additional_errors": [],
}
FATAL_HTML = (
    '<!DOCTYPE html>\n<html dir="ltr" lang="en-US">\n<head>\n<title>WordPress &rsaquo; Error'
    '</title>\n</head>\n<body id="error-page"><div class="wp-die-message"><p>There has been a '
    "critical error on this website.</p></div></body>\n</html>\n"
)
HOME_PAGE = (
    '<!DOCTYPE html>\n<html lang="en-US">\n<head>\n<meta charset="UTF-8">\n<title>My CRM '
    '&#8211; Just another WordPress site</title>\n</head>\n<body class="home blog">'
    "<h1>Hello world!</h1></body>\n</html>\n"
)
THEME_404 = HOME_PAGE.replace("My CRM &#8211; Just another WordPress site", "Page not found")
HTML = {"Content-Type": "text/html; charset=UTF-8"}
NOON = datetime(2026, 12, 1, 12, tzinfo=timezone.utc)


def router_error(status: int, label: str, message: str) -> httpx.Response:
    return httpx.Response(
        status, json={"success": False, "data": {"status": label, "message": message}}
    )


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ({"error": True, "message": "Invalid JSON data"}, "Invalid JSON data"),
        ({"errors": 1}, "send a valid email, or the id of an existing customer"),
        ({"error": 100}, "error 100"),
        ({"error": 400, "message": "Missing required field: total"}, "Missing required field"),
        ({"success": False, "data": {"message": "Nope"}}, "Nope"),
    ],
)
async def test_error_bodies_sent_with_http_200_raise_request_rejected(
    crm: JetpackCRM, site: respx.MockRouter, answer: object, message: str
) -> None:
    site.post(f"{API}/create_customer/").respond(200, json=answer)
    with expect(RequestRejectedError) as info:
        await crm.customers.upsert(email="ann@example.com")
    assert isinstance(info.value, BadRequestError)
    assert info.value.status == 200
    assert info.value.body == answer
    assert message in str(info.value)


async def test_an_empty_html_200_from_create_company_is_an_error(
    crm: JetpackCRM, site: respx.MockRouter
) -> None:
    site.post(f"{API}/create_company/").respond(
        200, content=b"", headers={"Content-Type": "text/html; charset=UTF-8"}
    )
    with expect(RequestRejectedError) as info:
        await crm.companies.upsert(email="not-valid", name="No email")
    assert "empty body (create_company answers so when the email is missing" in str(info.value)


async def test_an_echo_with_a_custom_field_named_error_is_not_an_error(
    crm: JetpackCRM, site: respx.MockRouter
) -> None:
    site.post(f"{API}/create_customer/").respond(json={"email": "a@b.co", "error": "x", "id": 4})
    saved = await crm.customers.upsert(email="a@b.co", custom_fields={"error": "x"})
    assert saved.custom_fields == {"error": "x"}


async def test_the_home_page_at_zbs_api_raises_decode_error_naming_permalinks_and_query_route(
    crm: JetpackCRM, site: respx.MockRouter
) -> None:
    site.get(f"{API}/status/").respond(200, text=HOME_PAGE, headers={"Content-Type": "text/html"})
    with expect(ResponseDecodeError) as info:
        await crm.status()
    text = str(info.value)
    assert "My CRM – Just another WordPress site" in text
    assert "permalinks" in text
    assert "route='query'" in text
    assert "API module" in text
    assert "site_url" in text


async def test_a_theme_404_at_zbs_api_raises_decode_error_about_unflushed_rewrites(
    crm: JetpackCRM, site: respx.MockRouter
) -> None:
    site.post(f"{API}/customers/").respond(
        404, text=THEME_404, headers={"Content-Type": "text/html"}
    )
    with expect(ResponseDecodeError) as info:
        await crm.customers.list().to_list()
    assert info.value.status == 404
    assert "'Page not found'" in str(info.value)
    assert "flushed" in str(info.value)
    assert "route='query'" in str(info.value)


async def test_html_on_the_query_route_names_the_module_and_the_site_url(
    site: respx.MockRouter,
) -> None:
    site.get(f"{SITE}/").respond(200, text=HOME_PAGE, headers={"Content-Type": "text/html"})
    async with make_client(route="query") as crm:
        with expect(ResponseDecodeError) as info:
            await crm.status()
    assert "API module" in str(info.value)
    assert "route='query'" not in str(info.value)


async def test_a_php_error_page_with_200_says_php_error(
    crm: JetpackCRM, site: respx.MockRouter
) -> None:
    site.get(f"{API}/quotes/").respond(200, text=FATAL_HTML, headers={"Content-Type": "text/html"})
    with expect(ResponseDecodeError) as info:
        await crm.quotes.list().to_list()
    assert "WordPress › Error" in str(info.value)
    assert "PHP error" in str(info.value)


async def test_an_html_page_title_never_shows_the_secret(
    crm: JetpackCRM, site: respx.MockRouter
) -> None:
    page = HOME_PAGE.replace("My CRM", f"Search results for {SECRET}")
    site.get(f"{API}/status/").respond(200, text=page, headers={"Content-Type": "text/html"})
    with expect(ResponseDecodeError) as info:
        await crm.status()
    assert "Search results for ***" in str(info.value)


@pytest.mark.parametrize(
    ("status", "label", "kind", "words"),
    [
        (401, "Unauthorized", AuthenticationError, "api_secret"),
        (400, "Bad request", BadRequestError, "does not know this endpoint"),
        (405, "Method not allowed", MethodNotAllowedError, "does not accept GET"),
        (418, "I'm a teapot", APIError, "teapot"),
    ],
)
async def test_router_errors_carry_the_server_message(
    crm: JetpackCRM,
    site: respx.MockRouter,
    status: int,
    label: str,
    kind: type[APIError],
    words: str,
) -> None:
    site.get(f"{API}/status/").mock(return_value=router_error(status, label, f"{label}: teapot"))
    with expect(kind) as info:
        await crm.status()
    assert info.value.status == status
    assert f"{label}: teapot" in str(info.value)
    assert words in str(info.value)


async def test_a_php_fatal_as_json_is_an_internal_server_error_with_plain_text(
    crm: JetpackCRM, site: respx.MockRouter
) -> None:
    site.post(f"{API}/create_transaction/").respond(500, json=FATAL_JSON)
    with expect(InternalServerError) as info:
        await crm.transactions.upsert(orderid="A-1", status="Paid", total=5)
    text = str(info.value)
    assert "There has been a critical error on this website. Learn more" in text
    assert "<p>" not in text
    assert "PHP fatal" in text


async def test_a_php_fatal_html_page_is_an_internal_server_error(
    crm: JetpackCRM, site: respx.MockRouter
) -> None:
    site.get(f"{API}/invoices/").respond(
        500, text=FATAL_HTML, headers={"Content-Type": "text/html"}
    )
    with expect(InternalServerError) as info:
        await crm.invoices.list().to_list()
    assert "WordPress › Error" in str(info.value)


async def test_upserts_are_retried_like_gets_on_5xx(
    crm: JetpackCRM, site: respx.MockRouter
) -> None:
    route = site.post(f"{API}/create_transaction/").mock(
        side_effect=[httpx.Response(503), httpx.Response(200, json={"orderid": "A", "id": 9})]
    )
    saved = await crm.transactions.upsert(orderid="A", status="Paid", total="1.00")
    assert saved.id == 9
    assert route.call_count == 2


async def test_customer_upserts_are_retried_after_a_dropped_connection(
    crm: JetpackCRM, site: respx.MockRouter
) -> None:
    route = site.post(f"{API}/create_customer/").mock(
        side_effect=[
            httpx.ReadError("reset"),
            httpx.Response(200, json={"email": "a@b.co", "id": 2}),
        ]
    )
    assert (await crm.customers.upsert(email="a@b.co")).id == 2
    assert route.call_count == 2


async def test_a_php_fatal_is_not_retried_and_says_what_failed_where_it_is_known(
    crm: JetpackCRM, site: respx.MockRouter
) -> None:
    route = site.post(f"{API}/create_transaction/").respond(500, json=FATAL_JSON)
    with expect(InternalServerError) as info:
        await crm.transactions.upsert(orderid="A", status="Paid", total=1)
    assert route.call_count == 1
    assert info.value.retryable is False
    assert "body that is not a JSON object" in str(info.value)
    search = site.get(f"{API}/quotes/").respond(500, text=FATAL_HTML, headers=HTML)
    with expect(InternalServerError) as listed:
        await crm.quotes.list().to_list()
    assert search.call_count == 1
    assert "PHP fatal" in str(listed.value)
    assert "create_" not in str(listed.value)


async def test_a_proxy_error_page_is_retried_and_not_called_a_php_fatal(
    crm: JetpackCRM, site: respx.MockRouter
) -> None:
    gateway = "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"
    route = site.get(f"{API}/invoices/").mock(
        side_effect=[
            httpx.Response(502, text=gateway, headers=HTML),
            httpx.Response(502, text=gateway, headers=HTML),
            httpx.Response(200, json=[{"id": 1}]),
            # The page after a short first one, asked for to confirm it was the end.
            httpx.Response(200, json=[]),
        ]
    )
    assert [i.id for i in await crm.invoices.list().to_list()] == [1]
    assert route.call_count == 4
    site.post(f"{API}/create_event/").respond(502, text=gateway, headers=HTML)
    with expect(InternalServerError) as info:
        await crm.events.upsert(title="Call", start=NOON, end=NOON)
    text = str(info.value)
    assert "proxy" in text
    assert "unknown" in text
    assert "PHP" not in text
    assert info.value.retryable is None


@pytest.mark.parametrize(
    ("endpoint", "words"),
    [
        ("create_customer", "only through its email"),
        ("create_event", "needs a title, from and to"),
        ("create_transaction", "a status and a total"),
    ],
)
async def test_error_100_says_what_the_endpoint_needed(
    crm: JetpackCRM, site: respx.MockRouter, endpoint: str, words: str
) -> None:
    site.post(f"{API}/{endpoint}/").respond(json={"error": 100})
    calls = {
        "create_customer": lambda: crm.customers.upsert(email="a@b.co", id=4),
        "create_event": lambda: crm.events.upsert(title="x", start=NOON, end=NOON),
        "create_transaction": lambda: crm.transactions.upsert(orderid="A", status="x", total=1),
    }
    with expect(RequestRejectedError) as info:
        await calls[endpoint]()
    assert f"error 100: {endpoint}" in str(info.value)
    assert words in str(info.value)


async def test_a_php_notice_before_the_json_is_named_in_the_hint(
    crm: JetpackCRM, site: respx.MockRouter
) -> None:
    notice = '<div class="zbs info msg">Use of $argsOverride is no longer relevant</div>[]'
    site.post(f"{API}/companies/").respond(200, text=notice)
    with expect(ResponseDecodeError) as info:
        await crm.companies.list().to_list()
    assert "PHP notice before the JSON ('Use of $argsOverride" in str(info.value)


async def test_a_redirect_to_another_origin_is_not_followed_and_is_redacted(
    crm: JetpackCRM, site: respx.MockRouter
) -> None:
    elsewhere = site.get(url__startswith="https://www.crm.example.com/").respond(json={})
    site.get(f"{API}/status/").respond(
        301,
        headers={
            "Location": f"https://www.crm.example.com/zbs_api/status/?api_key=k&api_secret={SECRET}"
        },
    )
    with expect(CrossOriginError) as info:
        await crm.status()
    assert info.value.status == 301
    assert "not followed" in str(info.value)
    assert not elsewhere.called


async def test_an_https_downgrade_redirect_is_not_followed(
    crm: JetpackCRM, site: respx.MockRouter
) -> None:
    plain = site.get(url__startswith="http://crm.example.com/").respond(json={})
    site.get(f"{API}/status/").respond(
        302, headers={"Location": f"http://crm.example.com/zbs_api/status/?api_secret={SECRET}"}
    )
    with expect(CrossOriginError) as info:
        await crm.status()
    assert "a downgrade from https to http" in str(info.value)
    assert not plain.called


async def test_a_response_of_the_wrong_shape_raises_decode_error(
    crm: JetpackCRM, site: respx.MockRouter
) -> None:
    site.get(f"{API}/status/").respond(json=["not", "an", "object"])
    with expect(ResponseDecodeError):
        await crm.status()
    site.get(f"{API}/quotes/").respond(json={"unexpected": "object"})
    with expect(ResponseDecodeError):
        await crm.quotes.list().to_list()
