"""Every read endpoint answers with the keys and nesting of the API document's examples."""

from __future__ import annotations

import re
from typing import Any

import httpx

from jbcrm.sandbox import JetbuiltSandbox
from tests.sandbox.jetbuilt import _documented as doc

STAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$")
MONEY = re.compile(r"^-?\d+\.\d+$")


def rich_project(sandbox: JetbuiltSandbox) -> int:
    """A project that has options, tags, discussions and service packages."""
    for project in sandbox.store.listed_projects():
        detail = sandbox.store.detail(project["id"])
        if detail.options and detail.tags and detail.discussions and detail.service_packages:
            return int(project["id"])
    raise AssertionError("the seeded data has no fully furnished project")


async def get_json(client: httpx.AsyncClient, path: str) -> Any:
    response = await client.get(path)
    assert response.status_code == 200, (path, response.text)
    return response.json()


async def test_company_has_locations_with_product_databases(client: httpx.AsyncClient) -> None:
    company = await get_json(client, "/company")
    assert set(company) == doc.COMPANY
    assert all(set(location) == doc.LOCATION for location in company["locations"])
    assert {loc["product_database_id"] for loc in company["locations"]} == {3, 4}
    assert STAMP.match(company["created_at"])


async def test_clients_nest_contacts_and_subclients(client: httpx.AsyncClient) -> None:
    clients = await get_json(client, "/clients")
    assert all(set(c) == doc.CLIENT for c in clients)
    assert all(set(ct) == doc.CLIENT_NESTED_CONTACT for c in clients for ct in c["contacts"])
    one = await get_json(client, f"/clients/{clients[0]['id']}")
    assert one == clients[0]
    every = [c for page in range(1, 5) for c in await get_json(client, f"/clients?page={page}")]
    subclients = [s for c in every for s in c["subclients"]]
    assert subclients
    assert all(set(s) == doc.SUBCLIENT for s in subclients)


async def test_client_contacts_list_and_get(client: httpx.AsyncClient) -> None:
    contacts = await get_json(client, "/clients/63000/contacts")
    assert contacts
    assert all(set(c) == doc.CONTACT for c in contacts)
    one = await get_json(client, f"/clients/63000/contacts/{contacts[0]['id']}")
    assert one == contacts[0]


async def test_segments_phases_users(client: httpx.AsyncClient) -> None:
    segments = await get_json(client, "/market_segments")
    assert all(set(s) == doc.MARKET_SEGMENT for s in segments)
    assert all(set(p) == doc.PHASE for p in await get_json(client, "/phases"))
    users = await get_json(client, "/users")
    assert all(set(u) == doc.USER for u in users)
    assert await get_json(client, f"/users/{users[0]['id']}") == users[0]


async def test_products_list_and_get(client: httpx.AsyncClient) -> None:
    products = await get_json(client, "/product_databases/4/products")
    assert all(set(p) == doc.PRODUCT for p in products)
    assert set(products[0]["manufacturer"]) == {"id", "name"}
    assert MONEY.match(products[0]["price"])
    one = await get_json(client, f"/product_databases/4/products/{products[0]['id']}")
    assert one == products[0]


async def test_projects_list_and_get(client: httpx.AsyncClient) -> None:
    projects = await get_json(client, "/projects")
    assert all(set(p) == doc.PROJECT_LIST for p in projects)
    first = projects[0]
    assert set(first["paid_to_date"]) == {"cents", "currency_iso"}
    assert isinstance(first["requires_engineering?"], bool)
    assert MONEY.match(first["total"])
    project = await get_json(client, f"/projects/{first['id']}")
    assert set(project) == doc.PROJECT_GET
    assert all(set(r) == doc.PROJECT_ROOM_REF for r in project["rooms"])
    assert all(set(s) == doc.PROJECT_SYSTEM_REF for s in project["systems"])
    assert all(set(labor) == doc.PROJECT_LABOR for labor in project["labor"])
    assert all(set(v) == doc.PROJECT_VERSION for v in project["versions"])


async def test_project_items_are_wrapped_with_factors(
    client: httpx.AsyncClient, sandbox: JetbuiltSandbox
) -> None:
    body = await get_json(client, f"/projects/{rich_project(sandbox)}/items")
    assert set(body) == {"line_items", "factors"}
    assert all(set(i) == doc.LINE_ITEM for i in body["line_items"])
    item = body["line_items"][0]
    assert set(item["avso_msrp"]) == {"cents", "currency_iso"}
    assert set(item["room"]) == {"id", "name", "quantity"}
    for factor in body["factors"]:
        expected = doc.TRIP_FACTOR if factor["factor_method"] == "trip_calc" else doc.FACTOR
        assert set(factor) == expected


async def test_project_rooms_systems_tags_discussions(
    client: httpx.AsyncClient, sandbox: JetbuiltSandbox
) -> None:
    project = rich_project(sandbox)
    rooms = await get_json(client, f"/projects/{project}/rooms")
    assert all(set(r) == doc.ROOM for r in rooms)
    room = await get_json(client, f"/projects/{project}/rooms/{rooms[0]['id']}")
    assert set(room) == doc.ROOM_GET
    assert all(set(f) == doc.ROOM_FACTOR for f in room["factors"])
    assert all(set(i) == doc.LINE_ITEM for i in room["line_items"])
    assert all(set(s) == doc.SYSTEM for s in await get_json(client, f"/projects/{project}/systems"))
    assert all(set(t) == doc.TAG for t in await get_json(client, f"/projects/{project}/tags"))
    discussions = await get_json(client, f"/projects/{project}/discussions")
    assert all(set(d) == doc.DISCUSSION for d in discussions)
    assert all(set(c) == doc.COMMENT for d in discussions for c in d["comments"])


async def test_project_purchasing_and_service_packages(
    client: httpx.AsyncClient, sandbox: JetbuiltSandbox
) -> None:
    project = rich_project(sandbox)
    purchasing = await get_json(client, f"/projects/{project}/purchasing")
    assert set(purchasing) == {"line_items"}
    assert all(set(g) == doc.PURCHASING for g in purchasing["line_items"])
    packages = await get_json(client, f"/projects/{project}/service_packages")
    assert set(packages) == {"service_packages"}
    assert all(set(p) == doc.SERVICE_PACKAGE for p in packages["service_packages"])
    first = packages["service_packages"][0]
    assert await get_json(client, f"/projects/{project}/service_packages/{first['id']}") == first


async def test_options_their_rooms_and_purchasing(
    client: httpx.AsyncClient, sandbox: JetbuiltSandbox
) -> None:
    project = rich_project(sandbox)
    options = await get_json(client, f"/projects/{project}/options")
    assert all(set(o) == doc.OPTION for o in options)
    base = f"/projects/{project}/options/{options[0]['id']}"
    option = await get_json(client, base)
    assert set(option) == doc.OPTION | {"line_items", "factors"}
    assert all(set(i) == doc.LINE_ITEM | {"replacement_lineitem_ids"} for i in option["line_items"])
    assert all(set(f) == doc.OPTION_FACTOR for f in option["factors"])
    rooms = await get_json(client, f"{base}/rooms")
    assert all(set(r) == doc.ROOM for r in rooms)
    room = await get_json(client, f"{base}/rooms/{rooms[0]['id']}")
    assert set(room) == doc.ROOM_GET
    purchasing = await get_json(client, f"{base}/purchasing")
    assert all(set(g) == doc.PURCHASING for g in purchasing["line_items"])


async def test_purchasing_sources_and_purchase_orders(client: httpx.AsyncClient) -> None:
    sources = await get_json(client, "/purchasing/sources")
    assert all(set(s) == doc.SOURCE for s in sources)
    assert await get_json(client, f"/purchasing/sources/{sources[0]['id']}") == sources[0]
    orders = await get_json(client, "/purchase_orders")
    assert all(set(o) == doc.PURCHASE_ORDER for o in orders)
    assert set(orders[0]["ship_address"]) == doc.SHIP_ADDRESS
    order = await get_json(client, f"/purchase_orders/{orders[0]['id']}")
    assert set(order) == doc.PURCHASE_ORDER | {"line_items"}
    assert all(set(g) == doc.PURCHASING - {"sold_change_order"} for g in order["line_items"])


async def test_tasks_list_get_and_singular_path(client: httpx.AsyncClient) -> None:
    tasks = await get_json(client, "/tasks")
    assert all(set(t) == doc.TASK for t in tasks)
    task = await get_json(client, f"/tasks/{tasks[0]['id']}")
    assert set(task) == doc.TASK | {"steps", "notes"}
    assert await get_json(client, f"/task/{tasks[0]['id']}") == task


async def test_time_sessions_carry_entries(client: httpx.AsyncClient) -> None:
    sessions = await get_json(client, "/time_sessions")
    assert all(set(s) == doc.TIME_SESSION for s in sessions)
    assert all(set(e) == doc.TIME_ENTRY for s in sessions for e in s["time_entries"])
    assert await get_json(client, f"/time_sessions/{sessions[0]['id']}") == sessions[0]


async def test_stock_items_locations_and_products(client: httpx.AsyncClient) -> None:
    items = await get_json(client, "/stock/items")
    assert all(set(i) == doc.STOCK_ITEM for i in items)
    assert await get_json(client, f"/stock/items/{items[0]['id']}") == items[0]
    locations = await get_json(client, "/stock/locations")
    assert all(set(loc) == doc.STOCK_LOCATION for loc in locations)
    assert await get_json(client, f"/stock/locations/{locations[0]['id']}") == locations[0]
    products = await get_json(client, "/stock/products")
    assert all(set(p) == doc.STOCK_PRODUCT for p in products)
    product_id = products[0]["company_product_id"]
    product = await get_json(client, f"/stock/products/{product_id}")
    assert set(product) == doc.STOCK_PRODUCT | {"offices"}
    assert all(set(o) == {"id", "quantity_avaliable"} for o in product["offices"])
    assert sum(o["quantity_avaliable"] for o in product["offices"]) == product["quantity_available"]
    its = await get_json(client, f"/stock/products/{product_id}/items")
    assert {i["company_product_id"] for i in its} == {product_id}


async def test_vendors_and_vendor_products(
    client: httpx.AsyncClient, sandbox: JetbuiltSandbox
) -> None:
    vendors = await get_json(client, "/product_databases/3/vendors")
    assert all(set(v) >= doc.VENDOR for v in vendors)
    distributors = [v for v in vendors if v["distributor"]]
    assert all(set(v) == doc.VENDOR | {"distributed_manufacturers"} for v in distributors)
    assert all(set(v) == doc.VENDOR for v in vendors if not v["distributor"])
    approved = next(
        v for v in sandbox.store.vendors[3].values() if v["dealer_pricing_status"] == "approved"
    )
    assert await get_json(client, f"/product_databases/3/vendors/{approved['id']}") == next(
        v for v in vendors if v["id"] == approved["id"]
    )
    base = f"/product_databases/3/vendors/{approved['id']}/products"
    products = await get_json(client, base)
    assert all(set(p) == doc.VENDOR_PRODUCT for p in products)
    assert set(products[0]["dealer_price"]) == {"cost", "sheet_date", "updated_at"}
    assert await get_json(client, f"{base}/{products[0]['id']}") == [products[0]]
