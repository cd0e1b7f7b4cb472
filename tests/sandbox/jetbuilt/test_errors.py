"""Version negotiation, token auth, write access, unknown ids and validation errors."""

from __future__ import annotations

import httpx
import pytest

from jbcrm.sandbox import JetbuiltSandbox
from tests.sandbox.jetbuilt.conftest import HEADERS, TOKEN


@pytest.mark.parametrize(
    "authorization", [None, "Token token=wrong", f"Bearer {TOKEN}", "Token token="]
)
async def test_missing_or_wrong_token_is_401_json_without_the_key(
    client: httpx.AsyncClient, authorization: str | None
) -> None:
    headers = {"Accept": HEADERS["Accept"]}
    if authorization is not None:
        headers["Authorization"] = authorization
    client.headers.pop("Authorization")
    response = await client.get("/clients", headers=headers)
    assert response.status_code == 401
    assert "error" in response.json()
    assert TOKEN not in response.text


async def test_quoted_token_is_accepted(client: httpx.AsyncClient) -> None:
    response = await client.get("/company", headers={"Authorization": f'Token token="{TOKEN}"'})
    assert response.status_code == 200


@pytest.mark.parametrize("accept", [None, "application/vnd.jetbuilt.v1", "application/json", "*/*"])
async def test_version_one_or_no_version_is_served(
    client: httpx.AsyncClient, accept: str | None
) -> None:
    client.headers.pop("Accept")
    headers = {} if accept is None else {"Accept": accept}
    assert (await client.get("/company", headers=headers)).status_code == 200


@pytest.mark.parametrize("accept", ["application/vnd.jetbuilt.v9", "text/html"])
async def test_other_versions_are_not_acceptable(client: httpx.AsyncClient, accept: str) -> None:
    response = await client.get("/company", headers={"Accept": accept})
    assert response.status_code == 406


@pytest.mark.parametrize(
    "path",
    ["/clients/1", "/projects/5", "/projects/97000/rooms/1", "/stock/items/abc", "/nowhere"],
)
async def test_unknown_ids_and_paths_are_404(client: httpx.AsyncClient, path: str) -> None:
    response = await client.get(path)
    assert response.status_code == 404
    assert response.json() == {"error": "Not found"}


async def test_wrong_method_is_405(client: httpx.AsyncClient) -> None:
    assert (await client.delete("/clients/63000")).status_code == 405


async def test_missing_required_fields_are_422_with_field_errors(
    client: httpx.AsyncClient,
) -> None:
    response = await client.post("/clients", json={"user_id": 2901})
    assert response.status_code == 422
    assert response.json() == {"errors": {"company_name": ["can't be blank"]}}
    response = await client.post("/projects", json={"name": "Big"})
    assert set(response.json()["errors"]) == {"location_id", "user_id", "client_id"}


async def test_references_must_exist(client: httpx.AsyncClient) -> None:
    response = await client.post("/clients", json={"user_id": 1, "company_name": "A"})
    assert response.json() == {"errors": {"user": ["must exist"]}}


async def test_stock_quantity_must_stay_positive(client: httpx.AsyncClient) -> None:
    response = await client.patch("/stock/items/12900", json={"quantity": 0})
    assert response.status_code == 422
    assert response.json()["errors"]["quantity"] == ["must be greater than 0"]


async def test_invalid_json_is_400(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/clients", content=b"{", headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/clients"),
        ("PATCH", "/clients/63000"),
        ("PUT", "/projects/97000"),
        ("POST", "/product_databases/3/products"),
        ("DELETE", "/stock/items/12900"),
        ("DELETE", "/stock/locations/382"),
    ],
)
async def test_writes_without_write_access_are_403(method: str, path: str) -> None:
    sandbox = JetbuiltSandbox(scale=0.05, api_key=TOKEN, write_access=False, rate_limit=None)
    async with httpx.AsyncClient(
        transport=sandbox.transport(), base_url=sandbox.base_url, headers=HEADERS
    ) as client:
        response = await client.request(method, path, json={"company_name": "X"})
        assert (await client.get("/company")).status_code == 200
    assert response.status_code == 403
    assert "API write access" in response.json()["error"]
    assert 12900 in sandbox.store.stock_items
