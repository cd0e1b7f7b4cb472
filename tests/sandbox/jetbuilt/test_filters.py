"""The documented query filters, including loose dates that default to UTC."""

from __future__ import annotations

from datetime import datetime, timezone

import httpx

from jbcrm.sandbox import JetbuiltSandbox


async def all_pages(client: httpx.AsyncClient, path: str, **params: str) -> list[dict[str, object]]:
    items: list[dict[str, object]] = []
    page = 1
    while True:
        batch = (await client.get(path, params={**params, "page": str(page)})).json()
        if not batch:
            return items
        items.extend(batch)
        page += 1


async def test_projects_by_stage(client: httpx.AsyncClient) -> None:
    lost = await all_pages(client, "/projects", stage="lost")
    assert lost
    assert {p["stage"] for p in lost} == {"lost"}


async def test_projects_created_after_a_loose_date(
    client: httpx.AsyncClient, sandbox: JetbuiltSandbox
) -> None:
    found = await all_pages(client, "/projects", min_created_at="2023-7-28")
    bound = datetime(2023, 7, 28, tzinfo=timezone.utc)
    expected = [
        p["id"]
        for p in sandbox.store.listed_projects()
        if datetime.fromisoformat(p["created_at"]) >= bound
    ]
    assert [p["id"] for p in found] == expected


async def test_projects_updated_before_a_time_with_offset(client: httpx.AsyncClient) -> None:
    found = await all_pages(client, "/projects", max_updated_at="2019-01-01 15:33:33 -700")
    bound = datetime.fromisoformat("2019-01-01T15:33:33-07:00")
    assert found
    assert all(datetime.fromisoformat(str(p["updated_at"])) <= bound for p in found)


async def test_unreadable_date_is_a_bad_request(client: httpx.AsyncClient) -> None:
    response = await client.get("/projects", params={"min_created_at": "yesterday"})
    assert response.status_code == 400


async def test_products_exact_and_query_filters(
    client: httpx.AsyncClient, sandbox: JetbuiltSandbox
) -> None:
    product = next(iter(sandbox.store.products[3].values()))
    maker, model = product["manufacturer"]["name"], product["model"]
    exact = await all_pages(
        client,
        "/product_databases/3/products",
        manufacturer_name=maker,
        model=model,
        currency_code=product["currency_code"],
    )
    assert [p["id"] for p in exact] == [product["id"]]
    fuzzy = await all_pages(
        client, "/product_databases/3/products", query=f"{maker.lower()} {model}", model="nope"
    )
    assert product["id"] in [p["id"] for p in fuzzy]


async def test_purchase_orders_tasks_and_segments_filters(client: httpx.AsyncClient) -> None:
    orders = await all_pages(client, "/purchase_orders")
    project = orders[0]["project_id"]
    by_project = await all_pages(client, "/purchase_orders", project_id=str(project))
    assert by_project
    assert {o["project_id"] for o in by_project} == {project}
    installs = await all_pages(client, "/tasks", type="install")
    sales = await all_pages(client, "/tasks", type="sales")
    assert installs
    assert sales
    assert len(installs) + len(sales) == len(await all_pages(client, "/tasks"))
    segments = await all_pages(client, "/market_segments", office_id="2")
    assert segments
    assert {s["office_id"] for s in segments} == {2}


async def test_vendor_products_manufactured_distributed_and_by_maker(
    client: httpx.AsyncClient, sandbox: JetbuiltSandbox
) -> None:
    vendor = next(
        v
        for v in sandbox.store.vendors[3].values()
        if v["manufacturer"] and v["distributor"] and v["dealer_pricing_status"] == "approved"
    )
    base = f"/product_databases/3/vendors/{vendor['id']}/products"
    made = await all_pages(client, base)
    distributed = await all_pages(client, base, distributed_products="true")
    maker = vendor["distributed_manufacturers"][-1]
    by_maker = await all_pages(client, base, manufacturer_id=str(maker["id"]))
    assert {p["manufacturer"] for p in made} == {
        sandbox.store.manufacturers[vendor["_manufactured"][0]]
    }
    assert {p["manufacturer"] for p in distributed} == {
        m["name"] for m in vendor["distributed_manufacturers"]
    }
    assert {p["manufacturer"] for p in by_maker} == {maker["name"]}
