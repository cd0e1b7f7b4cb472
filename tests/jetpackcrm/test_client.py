"""Client set-up: credentials, site URL checks, routes, options sent on every request."""

from __future__ import annotations

import warnings
from typing import Any

import httpx
import pytest
import respx

from jbcrm import AdaptiveConcurrencyLimiter, ConfigurationError, CrossOriginError, RateLimit
from jbcrm.jetpackcrm import JETPACKCRM_RATE_LIMIT, JetpackCRM
from tests.jetpackcrm.conftest import (
    API,
    CREDENTIALS,
    KEY,
    SECRET,
    SITE,
    check_exception,
    make_client,
    query,
)


async def test_credentials_and_site_come_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, site: respx.MockRouter
) -> None:
    monkeypatch.setenv("JETPACKCRM_URL", "https://env.example.com/")
    monkeypatch.setenv("JETPACKCRM_API_KEY", KEY)
    monkeypatch.setenv("JETPACKCRM_API_SECRET", SECRET)
    route = site.get("https://env.example.com/zbs_api/status/").respond(
        json={"success": True, "data": {"status": "ok"}}
    )
    async with JetpackCRM(rate_limit=None) as crm:
        assert crm.site_url == "https://env.example.com"
        await crm.status()
    assert query(route.calls.last.request) == CREDENTIALS


def test_missing_credentials_are_a_configuration_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JETPACKCRM_API_SECRET", raising=False)
    with pytest.raises(ConfigurationError, match="JETPACKCRM_API_SECRET"):
        JetpackCRM(SITE, api_key=KEY)


def test_missing_site_is_a_configuration_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JETPACKCRM_URL", raising=False)
    with pytest.raises(ConfigurationError, match="JETPACKCRM_URL"):
        JetpackCRM(**CREDENTIALS)


def test_keys_of_an_unknown_shape_get_a_warning_not_a_refusal() -> None:
    with pytest.warns(UserWarning, match="jpcrm_pk_") as caught:
        client = JetpackCRM(SITE, api_key="abc123key", api_secret="def456secret")
    assert client.site_url == SITE
    assert all("def456secret" not in str(w.message) for w in caught)


def test_well_formed_keys_give_no_warning() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        JetpackCRM(SITE, **CREDENTIALS)


@pytest.mark.parametrize(
    "url", ["http://crm.example.com", "http://10.0.0.5", "http://crm.example.com:8080/wp"]
)
def test_plain_http_to_a_remote_site_is_refused(url: str) -> None:
    with pytest.raises(ConfigurationError, match="secret travels in the URL") as info:
        JetpackCRM(url, **CREDENTIALS)
    check_exception(info.value)


@pytest.mark.parametrize(
    "url",
    ["http://localhost:8080", "http://127.0.0.1", "http://[::1]:8000", "http://crm.localhost"],
)
def test_plain_http_to_loopback_is_allowed(url: str) -> None:
    assert JetpackCRM(url, **CREDENTIALS).site_url == url.rstrip("/")


def test_plain_http_is_allowed_when_asked() -> None:
    crm = JetpackCRM("http://crm.lan", allow_insecure_http=True, **CREDENTIALS)
    assert crm.site_url == "http://crm.lan"


@pytest.mark.parametrize(
    "url", [f"{SITE}/?api_key={KEY}", "ftp://crm.example.com", "https://user:pw@crm.example.com"]
)
def test_a_site_url_with_a_query_userinfo_or_other_scheme_is_refused(url: str) -> None:
    with pytest.raises(ConfigurationError) as info:
        JetpackCRM(url, **CREDENTIALS)
    check_exception(info.value)


def test_a_site_url_ending_in_the_api_prefix_means_the_site() -> None:
    assert JetpackCRM(f"{SITE}/wp/zbs_api/", **CREDENTIALS).site_url == f"{SITE}/wp"


def test_a_subdirectory_site_keeps_its_path(site: respx.MockRouter) -> None:
    assert JetpackCRM(f"{SITE}/wordpress/", **CREDENTIALS).site_url == f"{SITE}/wordpress"


async def test_requests_to_a_subdirectory_site_keep_its_path(site: respx.MockRouter) -> None:
    route = site.get(f"{SITE}/wordpress/zbs_api/status/").respond(json={"data": {}})
    async with make_client(site_url=f"{SITE}/wordpress") as crm:
        await crm.status()
    assert route.called


async def test_a_caller_client_that_follows_redirects_still_keeps_the_secret_home() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(301, headers={"Location": f"https://evil.test/?{request.url.query}"})

    http = httpx.AsyncClient(transport=httpx.MockTransport(handler), follow_redirects=True)
    async with JetpackCRM(SITE, http_client=http, rate_limit=None, **CREDENTIALS) as crm:
        with pytest.raises(CrossOriginError) as caught:
            await crm.status()
    await http.aclose()
    assert [r.url.host for r in seen] == ["crm.example.com"]
    assert SECRET not in str(caught.value)


def test_an_unknown_route_is_refused() -> None:
    with pytest.raises(ConfigurationError, match="route"):
        JetpackCRM(SITE, route="ugly", **CREDENTIALS)  # type: ignore[arg-type]


def test_repr_shows_the_site_but_no_credential() -> None:
    crm = JetpackCRM(SITE, **CREDENTIALS)
    assert repr(crm) == "JetpackCRM(site_url='https://crm.example.com', route='pretty')"
    assert SECRET not in repr(crm._transport)
    assert KEY not in repr(crm.customers.list())


async def test_external_api_name_is_sent_with_every_request(site: respx.MockRouter) -> None:
    status = site.get(f"{API}/status/").respond(json={"data": {}})
    upsert = site.post(f"{API}/create_customer/").respond(json={"id": 1})
    async with make_client(external_api_name="shop-sync") as crm:
        await crm.status()
        await crm.customers.upsert(email="a@b.co")
    for route in (status, upsert):
        assert query(route.calls.last.request)["external_api_name"] == "shop-sync"


async def test_replace_hyphens_option_is_sent_to_the_phrase_search_only(
    site: respx.MockRouter,
) -> None:
    search = site.get(f"{API}/customer_search/").respond(json=[{"id": 1, "score_x": "1"}])
    listing = site.post(f"{API}/customers/").respond(json=[])
    async with make_client(replace_hyphens_in_keys=True) as crm:
        [hit] = await crm.customers.search("red").to_list()
        await crm.customers.find_by_email("a@b.co")
        await crm.customers.list().to_list()
    sent = [query(call.request) for call in search.calls]
    flag = "replace_hyphens_with_underscores_in_json_keys"
    # The phrase search (its first page, and the page that confirms a short one was the end)
    # carries the flag; the email lookup, where the plugin crashes on it, never does.
    phrase = [params.get(flag) for params in sent if "email" not in params]
    by_email = [params.get(flag) for params in sent if "email" in params]
    assert phrase
    assert set(phrase) == {"1"}
    assert by_email == [None]
    assert "replace_hyphens_with_underscores_in_json_keys" not in query(listing.calls.last.request)
    assert hit.custom_fields == {"score_x": "1"}


async def test_status_reads_the_module_names_and_an_empty_extension_list(
    recorded_site: Any,
) -> None:
    site, crm = recorded_site("status--full")
    status = await crm.status(full=True)
    assert query(site.requests[0])["full"] == "1"
    assert (status.crm_version, status.db_version) == ("6.4.3", "3.0")
    assert status.modules is not None
    assert status.modules["api"] is True
    assert len(status.modules) == 10
    assert status.extensions == {}
    assert status.raw["extensions"] == []


async def test_status_also_reads_the_documents_object_forms(site: respx.MockRouter) -> None:
    documented = {
        "modules": {"mail-campaigns": True, "client-portal": False},
        "extensions": {"stripe": {"name": "Stripe Sync", "version": "2.4.0"}},
    }
    site.get(f"{API}/status/").respond(json={"success": True, "data": documented})
    async with make_client() as crm:
        status = await crm.status(full=True)
    assert status.modules == {"mail-campaigns": True, "client-portal": False}
    assert status.extensions is not None
    assert (status.extensions["stripe"].name, status.extensions["stripe"].version) == (
        "Stripe Sync",
        "2.4.0",
    )


async def test_every_endpoint_is_reached_on_the_query_route(recorded_site: Any) -> None:
    site, crm = recorded_site("customers--plain-permalinks-query-route", route="query")
    await crm.customers.list(perpage=2).to_list(limit=2)
    request = site.requests[0]
    assert (request.url.path, query(request)["zbs_api"]) == ("/", "customers")


def test_the_default_rate_limit_is_an_adaptive_limit_of_eight_in_flight_per_site() -> None:
    assert RateLimit(8, algorithm="adaptive") == JETPACKCRM_RATE_LIMIT
    one = JetpackCRM(SITE, **CREDENTIALS)
    same_site = JetpackCRM(f"{SITE}/", **CREDENTIALS)
    other = JetpackCRM("https://other.example.com", **CREDENTIALS)
    limiter = one._transport.limiter
    assert isinstance(limiter, AdaptiveConcurrencyLimiter)
    assert limiter.stats.limit == 1  # it starts like a sequential loop, and grows from there
    assert same_site._transport.limiter is limiter
    assert other._transport.limiter is not limiter


def test_the_rate_limit_can_be_changed_or_disabled() -> None:
    assert JetpackCRM(SITE, rate_limit=None, **CREDENTIALS).rate_limit_stats is None
    slow = JetpackCRM(SITE, rate_limit=RateLimit(2, per=1.0, algorithm="leaky"), **CREDENTIALS)
    assert slow.rate_limit_stats is not None
    assert slow.rate_limit_stats.limit == 2


async def test_requests_pass_the_rate_limiter(site: respx.MockRouter) -> None:
    site.get(f"{API}/status/").respond(json={"data": {}})
    limit = RateLimit(50, per=1.0, algorithm="leaky", key="test-requests-pass")
    async with JetpackCRM(SITE, rate_limit=limit, **CREDENTIALS) as crm:
        await crm.status()
        await crm.status()
        assert crm.rate_limit_stats is not None
        assert crm.rate_limit_stats.requests == 2


async def test_with_options_keeps_the_site_route_and_credentials(site: respx.MockRouter) -> None:
    route = site.get(f"{SITE}/").respond(json=[])
    async with make_client(route="query", external_api_name="app") as crm:
        await crm.with_options(timeout=5, max_retries=0).invoices.list().to_list()
    assert query(route.calls.last.request)["zbs_api"] == "invoices"
    assert query(route.calls.last.request)["external_api_name"] == "app"
    assert query(route.calls.last.request)["api_secret"] == SECRET
