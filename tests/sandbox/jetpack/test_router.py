"""The simulated plugin router: routes, redirects, auth, methods and misconfigured sites."""

from __future__ import annotations

import httpx

from jbcrm.sandbox import JetpackSandbox
from tests.leak_guard import SANDBOX_KEY, SANDBOX_SECRET


async def test_status_answers_on_the_pretty_route_with_a_trailing_slash(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    response = await client.get("/zbs_api/status/", params=auth)
    assert response.status_code == 200
    assert response.json()["success"] is True


async def test_get_without_trailing_slash_redirects_repeating_the_secret(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    response = await client.get("/zbs_api/invoices", params={**auth, "perpage": "5"})
    assert response.status_code == 301
    query = httpx.QueryParams({**auth, "perpage": "5"})
    assert response.headers["location"] == f"http://jetpack.localhost/zbs_api/invoices/?{query}"
    assert response.headers["x-redirect-by"] == "WordPress"


async def test_post_without_trailing_slash_is_not_redirected(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    response = await client.post("/zbs_api/customers", params=auth, json={"perpage": 1})
    assert response.status_code == 200
    assert len(response.json()) == 1


async def test_head_skips_the_api_with_an_empty_200(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    for params in ({}, auth):
        response = await client.head("/zbs_api/customers/", params=params)
        assert response.status_code == 200
        assert response.content == b""


async def test_extra_path_segments_are_ignored(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    response = await client.get("/zbs_api/status/anything/else/", params=auth)
    assert response.json()["data"]["status"] == "Successful Connection"


async def test_query_route_works_like_the_pretty_route(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    response = await client.get("/", params={"zbs_api": "transactions", "perpage": "2", **auth})
    assert response.status_code == 200
    assert [t["id"] for t in response.json()] == ["1", "2"]


async def test_missing_or_wrong_credentials_get_401_in_the_wrapper(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    for params in ({}, {**auth, "api_secret": "jpcrm_sk_wrong"}, {"api_key": auth["api_key"]}):
        response = await client.get("/zbs_api/status/", params=params)
        assert response.status_code == 401
        body = response.json()
        assert body["success"] is False
        assert body["data"]["status"] == "Unauthorized"
        assert body["data"]["message"]


async def test_credentials_in_headers_or_body_are_ignored(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    headers = dict(auth)
    response = await client.post("/zbs_api/customers/", headers=headers, json=auth)
    assert response.status_code == 401


async def test_auth_is_checked_before_the_endpoint_name(client: httpx.AsyncClient) -> None:
    response = await client.get("/zbs_api/no_such_thing/")
    assert response.status_code == 401


async def test_unknown_endpoint_is_400_in_the_wrapper(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    response = await client.get("/zbs_api/no_such_thing/", params=auth)
    assert response.status_code == 400
    assert response.json()["data"]["status"] == "Bad request"


async def test_endpoint_names_are_case_sensitive(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    response = await client.get("/zbs_api/Status/", params=auth)
    assert response.status_code == 400


async def test_an_endpoint_that_checks_its_method_answers_405_in_the_wrapper(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    for method, path in (("POST", "quotes"), ("GET", "companies"), ("POST", "status")):
        response = await client.request(method, f"/zbs_api/{path}/", params=auth)
        assert response.status_code == 405, path
        assert response.json()["success"] is False


async def test_the_create_endpoints_do_not_check_the_method(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    for method in ("GET", "PUT", "BREW"):
        response = await client.request(method, "/zbs_api/create_customer/", params=auth, json={})
        assert response.json() == {"errors": 1}, method


async def test_brew_gets_a_teapot_where_the_method_is_checked(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    for path in ("status", "customer_search", "quotes"):
        response = await client.request("BREW", f"/zbs_api/{path}/", params=auth)
        assert response.status_code == 418
        assert response.json()["data"]["status"] == "I'm a teapot"


async def test_a_page_outside_the_api_is_the_theme_404(client: httpx.AsyncClient) -> None:
    response = await client.get("/about/")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")


async def test_misconfigured_site_answers_the_theme_404_page_at_zbs_api(
    auth: dict[str, str],
) -> None:
    sandbox = JetpackSandbox(misconfigured=True, api_key=SANDBOX_KEY, api_secret=SANDBOX_SECRET)
    transport = sandbox.transport()
    async with httpx.AsyncClient(transport=transport, base_url=sandbox.base_url) as client:
        for method in ("GET", "POST"):
            response = await client.request(method, "/zbs_api/status/", params=auth)
            assert response.status_code == 404
            assert response.headers["content-type"].startswith("text/html")
            assert "<title>Page not found" in response.text
        query_route = await client.get("/", params={"zbs_api": "status", **auth})
    assert query_route.json()["success"] is True


async def test_plain_permalinks_answer_the_front_page_at_zbs_api(
    sandbox: JetpackSandbox, client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    sandbox.permalinks = "plain"
    for method in ("GET", "POST"):
        response = await client.request(method, "/zbs_api/customers/", params=auth, json={})
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/html")
    query_route = await client.post("/", params={"zbs_api": "customers", **auth}, json={})
    assert len(query_route.json()) == 10


async def test_misconfiguration_can_be_switched_at_runtime(
    sandbox: JetpackSandbox, client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    sandbox.misconfigured = True
    assert (await client.get("/zbs_api/status/", params=auth)).status_code == 404
    sandbox.misconfigured = False
    assert (await client.get("/zbs_api/status/", params=auth)).status_code == 200


async def test_custom_credentials_are_the_only_ones_accepted(auth: dict[str, str]) -> None:
    sandbox = JetpackSandbox(api_key="jpcrm_pk_other", api_secret="jpcrm_sk_other")
    transport = sandbox.transport()
    async with httpx.AsyncClient(transport=transport, base_url=sandbox.base_url) as client:
        assert (await client.get("/zbs_api/status/", params=auth)).status_code == 401
        params = {"api_key": sandbox.api_key, "api_secret": sandbox.api_secret}
        assert (await client.get("/zbs_api/status/", params=params)).status_code == 200


def test_repr_does_not_reveal_the_secret(sandbox: JetpackSandbox, auth: dict[str, str]) -> None:
    assert auth["api_secret"] not in repr(sandbox)
    assert auth["api_key"] not in repr(sandbox)


async def test_served_on_loopback_the_api_answers_real_http(
    sandbox: JetpackSandbox, auth: dict[str, str]
) -> None:
    async with sandbox.serve() as url, httpx.AsyncClient(base_url=url) as client:
        response = await client.get("/zbs_api/status/", params=auth)
    assert response.json()["data"]["crm_version"]
