"""Writes are validated, answered like reads, and persist in the sandbox's store."""

from __future__ import annotations

import httpx
import pytest

from jbcrm.sandbox import JetbuiltSandbox
from tests.sandbox.jetbuilt import _documented as doc


async def test_create_client_then_read_it_back(
    client: httpx.AsyncClient, sandbox: JetbuiltSandbox
) -> None:
    response = await client.post(
        "/clients",
        json={"user_id": "2901", "company_name": "Awesome AV", "street_address": "1 Harbor",
              "city": "Costa Mesa", "parent_id": "63000"},
    )  # fmt: skip
    assert response.status_code == 201
    created = response.json()
    assert set(created) == doc.CLIENT
    assert created["address"] == "1 Harbor"
    assert sandbox.store.clients[created["id"]]["company_name"] == "Awesome AV"
    parent = (await client.get("/clients/63000")).json()
    assert created["id"] in [s["id"] for s in parent["subclients"]]


@pytest.mark.parametrize("method", ["PATCH", "PUT"])
async def test_update_client_with_either_verb(client: httpx.AsyncClient, method: str) -> None:
    response = await client.request(method, "/clients/63001", json={"delinquent": "true"})
    assert response.status_code == 200
    assert (await client.get("/clients/63001")).json()["delinquent"] is True


async def test_form_encoded_update_with_id_prefixed_keys(client: httpx.AsyncClient) -> None:
    response = await client.patch("/clients/63002", data={"63002[company_name]": "Form AV"})
    assert response.json()["company_name"] == "Form AV"


async def test_primary_contact_moves_to_the_new_contact(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/clients/63000/contacts",
        data={
            "contact[first_name]": "Bob",
            "contact[last_name]": "Jones",
            "contact[primary]": "true",
        },
    )
    assert response.status_code == 201
    contact = response.json()
    assert set(contact) == doc.CONTACT
    owner = (await client.get("/clients/63000")).json()
    assert owner["primary_contact_first_name"] == "Bob"
    assert [c["id"] for c in owner["contacts"] if c["primary"]] == [contact["id"]]
    updated = await client.put(f"/clients/63000/contacts/{contact['id']}", json={"title": "CEO"})
    assert updated.json()["title"] == "CEO"


async def test_product_create_multipart_with_image_and_update_by_id(
    client: httpx.AsyncClient, sandbox: JetbuiltSandbox
) -> None:
    response = await client.post(
        "/product_databases/3/products",
        data={"product[manufacturer_name]": "Shure", "product[model]": "NEW-1",
              "product[cost]": "10.0", "product[price]": "15.99"},
        files={"product[image]": ("test.jpg", b"\xff\xd8jpeg", "image/jpeg")},
    )  # fmt: skip
    assert response.status_code == 201
    product = response.json()
    assert set(product) == doc.PRODUCT
    assert product["price"] == "15.99"
    assert product["image_url"].endswith("/test.jpg")
    again = await client.post(
        "/product_databases/3/products", json={"manufacturer_name": "Shure", "model": "NEW-1"}
    )
    assert again.status_code == 422
    update = await client.patch(
        f"/product_databases/3/products/{product['id']}", json={"price": "12.99"}
    )
    assert update.json()["price"] == "12.99"
    by_body = await client.put(
        "/product_databases/3/products", json={"id": product["id"], "notes": "n"}
    )
    assert by_body.json()["notes"] == "n"
    assert sandbox.store.products[3][product["id"]]["price"] == "12.99"


async def test_product_model_cannot_change(client: httpx.AsyncClient) -> None:
    response = await client.patch("/product_databases/3/products/1599000", json={"model": "X"})
    assert response.status_code == 422
    assert "model" in response.json()["errors"]


async def test_create_and_update_project(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/projects",
        json={"location_id": "1", "user_id": "2902", "client_id": "63000", "name": "Big Project",
              "budget": "150000", "paid_to_date": "5.0", "tax": "0.05"},
    )  # fmt: skip
    assert response.status_code == 201
    project = response.json()
    assert set(project) == doc.PROJECT_GET
    assert project["stage"] == "opportunity"
    assert project["paid_to_date"] == {"cents": 500, "currency_iso": "USD"}
    assert project["sales_tax"] == "0.05"
    listed = (await client.get("/projects", params={"stage": "opportunity", "page": 999})).json()
    assert listed == []
    bad = await client.patch(f"/projects/{project['id']}", json={"stage": "nope"})
    assert bad.status_code == 422
    moved = await client.patch(f"/projects/{project['id']}", json={"stage": "estimate"})
    assert moved.json()["stage"] == "estimate"


async def test_revision_becomes_the_listed_version(
    client: httpx.AsyncClient, sandbox: JetbuiltSandbox
) -> None:
    source = sandbox.store.listed_projects()[0]
    response = await client.post(
        f"/projects/{source['id']}/revisions", json={"name": "2.0", "description": "Changed"}
    )
    assert response.status_code == 201
    revision = response.json()
    assert revision["version"] == "2.0"
    assert source["id"] in [v["id"] for v in revision["versions"]]
    listed = {p["id"] for p in sandbox.store.listed_projects()}
    assert revision["id"] in listed
    assert source["id"] not in listed


async def test_items_create_and_update(client: httpx.AsyncClient, sandbox: JetbuiltSandbox) -> None:
    project = sandbox.store.listed_projects()[1]["id"]
    response = await client.post(
        f"/projects/{project}/items",
        json={"manufacturer_name": "Acme", "model": "Z1", "price": "10", "quantity_per_room": "3",
              "metadata": {"my_integration": {"my": ["data"]}}},
    )  # fmt: skip
    assert response.status_code == 201
    item = response.json()
    assert set(item) == doc.LINE_ITEM
    assert item["metadata"] == {"my_integration": {"my": ["data"]}}
    assert item["subtotal_equipment_price"] == "30.0"
    rooms = sandbox.store.detail(project).rooms
    moved = await client.put(
        f"/projects/{project}/items/{item['id']}",
        json={"room_id": rooms[-1]["id"], "quantity_per_room": "1"},
    )
    assert moved.json()["room"]["id"] == rooms[-1]["id"]
    assert (await client.post(f"/projects/{project}/items", json={"model": "Z"})).status_code == 422


async def test_service_package_update(client: httpx.AsyncClient, sandbox: JetbuiltSandbox) -> None:
    project, package = next(
        (p["id"], sandbox.store.detail(p["id"]).service_packages[0])
        for p in sandbox.store.listed_projects()
        if sandbox.store.detail(p["id"]).service_packages
    )
    path = f"/projects/{project}/service_packages/{package['id']}"
    response = await client.put(path, json={"price": "10", "cost": "5"})
    assert response.json()["price"] == "10.0"
    assert (await client.get(path)).json()["cost"] == "5.0"


async def test_stock_item_lifecycle_and_delete_message(
    client: httpx.AsyncClient, sandbox: JetbuiltSandbox
) -> None:
    response = await client.post(
        "/stock/items",
        json={"company_product_id": "1599001", "stock_location_id": "382", "quantity": "5",
              "serial_num": "SN-1"},
    )  # fmt: skip
    assert response.status_code == 201
    item = response.json()
    assert item["quantity"] == 1
    assert (await client.patch(f"/stock/items/{item['id']}", json={"quantity": "3"})).json()[
        "quantity"
    ] == 3
    deleted = await client.delete(f"/stock/items/{item['id']}")
    assert deleted.status_code == 200
    assert deleted.json() == {"message": "The item has been deleted"}
    assert item["id"] not in sandbox.store.stock_items


async def test_stock_location_rules_and_204_delete(client: httpx.AsyncClient) -> None:
    missing = await client.post("/stock/locations", json={"kind": "company", "name": "East"})
    assert set(missing.json()["errors"]) == {"office_id", "position"}
    created = await client.post(
        "/stock/locations",
        json={"kind": "company", "office_id": "3", "name": "East", "position": "Shelf 20"},
    )
    assert created.status_code == 201
    location = created.json()
    assert set(location) == doc.STOCK_LOCATION
    renamed = await client.patch(f"/stock/locations/{location['id']}", json={"position": "20A"})
    assert renamed.json()["position"] == "20A"
    deleted = await client.delete(f"/stock/locations/{location['id']}")
    assert deleted.status_code == 204
    assert deleted.content == b""
    assert (await client.get(f"/stock/locations/{location['id']}")).status_code == 404
