"""Each error status of the Jetbuilt API becomes its exception, with the server's words and a
hint; writes refused for lack of API write access say where to enable it."""

from __future__ import annotations

import httpx
import pytest
import respx

from jbcrm import (
    APIError,
    AuthenticationError,
    BadRequestError,
    InternalServerError,
    Jetbuilt,
    MethodNotAllowedError,
    NotAcceptableError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    UnprocessableEntityError,
)
from tests.jetbuilt.fixtures import load
from tests.leak_guard import JETBUILT_TOKEN

WRITE_HINT = "Integration Settings"


def assert_no_secret(error: Exception) -> None:
    assert JETBUILT_TOKEN not in str(error)
    assert JETBUILT_TOKEN not in repr(error)


async def test_400_is_bad_request_with_the_server_message(
    jb: Jetbuilt, api: respx.MockRouter
) -> None:
    api.get("/projects").respond(400, json={"error": "Invalid stage"})
    with pytest.raises(BadRequestError, match="Invalid stage") as caught:
        await jb.projects.list().to_list()
    assert caught.value.status == 400
    assert caught.value.method == "GET"
    assert_no_secret(caught.value)


async def test_401_on_a_read_is_authentication_error_about_the_key(
    jb: Jetbuilt, api: respx.MockRouter
) -> None:
    api.get("/company").respond(401, json={"error": "Not Authorized"})
    with pytest.raises(AuthenticationError, match="Not Authorized") as caught:
        await jb.company.get()
    assert caught.value.hint is not None
    assert "API key" in caught.value.hint
    assert WRITE_HINT not in caught.value.hint
    assert_no_secret(caught.value)


async def test_401_on_a_write_hints_at_api_write_access(
    jb: Jetbuilt, api: respx.MockRouter
) -> None:
    api.post("/clients").respond(401, json={"error": "Not Authorized"})
    with pytest.raises(AuthenticationError) as caught:
        await jb.clients.create(user_id=1, company_name="Awesome AV")
    assert caught.value.hint is not None
    assert "API write access" in caught.value.hint
    assert WRITE_HINT in str(caught.value)


async def test_403_on_a_write_hints_at_api_write_access(
    jb: Jetbuilt, api: respx.MockRouter
) -> None:
    api.delete("/stock/items/12978").respond(403, json={"error": "Forbidden"})
    with pytest.raises(PermissionDeniedError, match="Forbidden") as caught:
        await jb.stock.items.delete(12978)
    assert caught.value.status == 403
    assert WRITE_HINT in (caught.value.hint or "")


async def test_404_is_not_found(jb: Jetbuilt, api: respx.MockRouter) -> None:
    api.get("/projects/1").respond(404, json={"error": "Not Found"})
    with pytest.raises(NotFoundError, match="Not Found") as caught:
        await jb.projects.get(1)
    assert caught.value.url == "https://app.jetbuilt.com/api/projects/1"


async def test_405_is_method_not_allowed(jb: Jetbuilt, api: respx.MockRouter) -> None:
    api.patch("/projects/97739/service_packages/3395").respond(405)
    with pytest.raises(MethodNotAllowedError) as caught:
        await jb.projects.service_packages.update(97739, 3395, price=10)
    assert caught.value.status == 405


async def test_406_is_not_acceptable_with_a_version_hint(
    jb: Jetbuilt, api: respx.MockRouter
) -> None:
    api.get("/users").respond(406, json={"error": "Not Acceptable"})
    with pytest.raises(NotAcceptableError) as caught:
        await jb.users.list().to_list()
    assert "api_version" in (caught.value.hint or "")


async def test_422_carries_the_field_errors(jb: Jetbuilt, api: respx.MockRouter) -> None:
    errors = {"name": ["can't be blank"], "client_id": ["must exist"]}
    api.post("/projects").respond(422, json={"errors": errors})
    with pytest.raises(UnprocessableEntityError) as caught:
        await jb.projects.create(location_id=4, user_id=12, client_id=689, name="")
    assert caught.value.field_errors == errors
    assert "can't be blank" in str(caught.value)
    assert "field_errors" in (caught.value.hint or "")


async def test_429_is_retried_then_raised_with_retry_after(
    jb_retrying: Jetbuilt, api: respx.MockRouter
) -> None:
    route = api.get("/phases").respond(429, text="Retry later", headers={"Retry-After": "0"})
    with pytest.raises(RateLimitError, match="Retry later") as caught:
        await jb_retrying.phases.list().to_list()
    assert route.call_count == 3
    assert caught.value.retry_after == 0
    assert caught.value.attempts == 3


async def test_429_on_a_create_is_retried_because_it_was_not_processed(
    jb_retrying: Jetbuilt, api: respx.MockRouter
) -> None:
    route = api.post("/stock/items").mock(
        side_effect=[
            httpx.Response(429, text="Retry later"),
            httpx.Response(201, json=load("stock_items_list")[0]),
        ]
    )
    item = await jb_retrying.stock.items.create(
        company_product_id=1599279, stock_location_id=382, quantity=5
    )
    assert item.id == 12978
    assert route.call_count == 2


async def test_500_on_a_read_is_retried_and_can_succeed(
    jb_retrying: Jetbuilt, api: respx.MockRouter
) -> None:
    route = api.get("/users/123").mock(
        side_effect=[
            httpx.Response(500, json={"error": "boom"}),
            httpx.Response(200, json=load("users_list")[0]),
        ]
    )
    user = await jb_retrying.users.get(123)
    assert user.id == 123
    assert route.call_count == 2


async def test_500_on_a_create_is_not_retried(jb_retrying: Jetbuilt, api: respx.MockRouter) -> None:
    route = api.post("/projects/97739/revisions").respond(
        500, json={"error": "We had a problem with our server"}
    )
    with pytest.raises(InternalServerError, match="problem with our server") as caught:
        await jb_retrying.projects.revisions.create(97739, name="1.2")
    assert route.call_count == 1
    assert isinstance(caught.value, APIError)
    assert caught.value.status == 500
