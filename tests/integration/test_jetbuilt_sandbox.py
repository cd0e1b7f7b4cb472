"""Every Jetbuilt operation of the SDK, run against the in-process sandbox."""

from __future__ import annotations

import pytest

import jbcrm
from jbcrm.sandbox import JetbuiltSandbox


async def test_company_users_phases_segments_sources_match_the_store(
    jetbuilt: jbcrm.Jetbuilt, jb_sandbox: JetbuiltSandbox
) -> None:
    store = jb_sandbox.store
    company = await jetbuilt.company.get()
    assert company.id == store.company["id"]
    assert [loc.id for loc in company.locations] == [o["id"] for o in store.company["locations"]]

    users = await jetbuilt.users.list().to_list()
    assert {u.id for u in users} == set(store.users)
    assert (await jetbuilt.users.get(users[0].id)).id == users[0].id

    phases = await jetbuilt.phases.list().to_list()
    assert {p.id for p in phases} == set(store.phases)

    segments = await jetbuilt.market_segments.list().to_list()
    assert {s.id for s in segments} == set(store.market_segments)
    office_id = store.company["locations"][0]["id"]
    mine = await jetbuilt.market_segments.list(office_id=office_id).to_list()
    expected = {s["id"] for s in store.market_segments.values() if s["office_id"] == office_id}
    assert {s.id for s in mine} == expected

    sources = await jetbuilt.purchasing.sources.list().to_list()
    assert {s.id for s in sources} == set(store.sources)
    assert (await jetbuilt.purchasing.sources.get(sources[0].id)).id == sources[0].id


async def test_clients_and_contacts_read_create_and_update(
    jetbuilt: jbcrm.Jetbuilt, jb_sandbox: JetbuiltSandbox
) -> None:
    store = jb_sandbox.store
    clients = await jetbuilt.clients.list().to_list()
    assert len(clients) == len(store.clients)
    assert {c.id for c in clients} == set(store.clients)

    client_id = clients[0].id
    assert (await jetbuilt.clients.get(client_id)).company_name == store.clients[client_id][
        "company_name"
    ]
    contacts = await jetbuilt.clients.contacts.list(client_id).to_list()
    expected = {i for i, c in store.contacts.items() if c["_client_id"] == client_id}
    assert {c.id for c in contacts} == expected
    assert (await jetbuilt.clients.contacts.get(client_id, contacts[0].id)).id == contacts[0].id

    user_id = next(iter(store.users))
    created = await jetbuilt.clients.create(user_id=user_id, company_name="Acme Integration")
    assert created.id in store.clients
    assert (await jetbuilt.clients.get(created.id)).company_name == "Acme Integration"
    updated = await jetbuilt.clients.update(created.id, city="Reno")
    assert updated.id == created.id
    assert store.clients[created.id]["city"] == "Reno"

    contact = await jetbuilt.clients.contacts.create(
        created.id, first_name="Ada", last_name="Lovelace", email_address="ada@example.com"
    )
    assert contact.id in store.contacts
    changed = await jetbuilt.clients.contacts.update(created.id, contact.id, title="CTO")
    assert changed.title == "CTO"
    assert (await jetbuilt.clients.contacts.get(created.id, contact.id)).title == "CTO"


async def test_projects_and_everything_inside_them_read_back(
    jetbuilt: jbcrm.Jetbuilt, jb_sandbox: JetbuiltSandbox
) -> None:
    store = jb_sandbox.store
    projects = await jetbuilt.projects.list().to_list()
    assert {p.id for p in projects} == {p["id"] for p in store.listed_projects()}

    project_id = projects[0].id
    detail = await jetbuilt.projects.get(project_id)
    assert detail.id == project_id
    inside = store.detail(project_id)

    rooms = await jetbuilt.projects.rooms.list(project_id).to_list()
    assert {r.id for r in rooms} == {r["id"] for r in inside.rooms}
    assert (await jetbuilt.projects.rooms.get(project_id, rooms[0].id)).id == rooms[0].id
    systems = await jetbuilt.projects.systems.list(project_id).to_list()
    assert {s.id for s in systems} == {s["id"] for s in inside.systems}
    tags = await jetbuilt.projects.tags.list(project_id).to_list()
    assert {t.id for t in tags} == {t["id"] for t in inside.tags}
    discussions = await jetbuilt.projects.discussions.list(project_id).to_list()
    assert len(discussions) == len(inside.discussions)
    purchasing = await jetbuilt.projects.purchasing.list(project_id).to_list()
    assert isinstance(purchasing, list)

    items = jetbuilt.projects.items.list(project_id)
    listed_items = await items.to_list()
    assert {i.id for i in listed_items} == {i["id"] for i in inside.line_items}
    assert len(await items.factors()) == len(inside.factors)

    options = await jetbuilt.projects.options.list(project_id).to_list()
    assert {o.id for o in options} == {o["id"] for o in inside.options}
    option_id = options[0].id
    assert (await jetbuilt.projects.options.get(project_id, option_id)).id == option_id
    option_rooms = await jetbuilt.projects.options.rooms.list(project_id, option_id).to_list()
    if option_rooms:
        room = await jetbuilt.projects.options.rooms.get(project_id, option_id, option_rooms[0].id)
        assert room.id == option_rooms[0].id
    option_purchasing = jetbuilt.projects.options.purchasing.list(project_id, option_id)
    assert isinstance(await option_purchasing.to_list(), list)


async def test_service_packages_read_and_update(
    jetbuilt: jbcrm.Jetbuilt, jb_sandbox: JetbuiltSandbox
) -> None:
    store = jb_sandbox.store
    project_id = next(
        p["id"] for p in store.listed_projects() if store.detail(p["id"]).service_packages
    )
    packages = await jetbuilt.projects.service_packages.list(project_id).to_list()
    assert {p.id for p in packages} == {p["id"] for p in store.detail(project_id).service_packages}
    package_id = packages[0].id
    assert (await jetbuilt.projects.service_packages.get(project_id, package_id)).id == package_id
    updated = await jetbuilt.projects.service_packages.update(project_id, package_id, price=123)
    assert updated.id == package_id
    assert (await jetbuilt.projects.service_packages.get(project_id, package_id)).id == package_id


async def test_project_writes_create_update_revise_and_add_items(
    jetbuilt: jbcrm.Jetbuilt, jb_sandbox: JetbuiltSandbox
) -> None:
    store = jb_sandbox.store
    location_id = store.company["locations"][0]["id"]
    user_id = next(iter(store.users))
    client_id = next(iter(store.clients))
    created = await jetbuilt.projects.create(
        location_id=location_id, user_id=user_id, client_id=client_id, name="Integration Hall"
    )
    assert created.id in store.projects
    assert (await jetbuilt.projects.get(created.id)).name == "Integration Hall"
    updated = await jetbuilt.projects.update(created.id, short_description="Main hall AV")
    assert updated.short_description == "Main hall AV"

    item = await jetbuilt.projects.items.create(
        created.id, manufacturer_name="Shure", model="SM58", quantity_per_room=2
    )
    listed = await jetbuilt.projects.items.list(created.id).to_list()
    assert item.id in {i.id for i in listed}
    changed = await jetbuilt.projects.items.update(created.id, item.id, external_notes="spare")
    assert changed.id == item.id

    revision = await jetbuilt.projects.revisions.create(created.id, name="Rev B")
    assert revision.id in store.projects
    assert revision.id != created.id


async def test_products_and_vendors_of_a_product_database(
    jetbuilt: jbcrm.Jetbuilt, jb_sandbox: JetbuiltSandbox
) -> None:
    store = jb_sandbox.store
    db_id = store.company["locations"][0]["product_database_id"]
    products = await jetbuilt.products.list(db_id).to_list()
    assert {p.id for p in products} == set(store.products[db_id])
    assert (await jetbuilt.products.get(db_id, products[0].id)).id == products[0].id

    created = await jetbuilt.products.create(
        db_id, manufacturer_name="Integration Audio", model="IA-100", cost=10, price=25
    )
    assert created.id in store.products[db_id]
    updated = await jetbuilt.products.update(db_id, created.id, short_description="Amplifier")
    assert updated.id == created.id
    assert (await jetbuilt.products.get(db_id, created.id)).short_description == "Amplifier"

    vendors = await jetbuilt.vendors.list(db_id).to_list()
    assert {v.id for v in vendors} == set(store.vendors[db_id])
    approved = [
        v for v in store.vendors[db_id].values() if v["dealer_pricing_status"] == "approved"
    ]
    vendor_id = approved[0]["id"]
    assert (await jetbuilt.vendors.get(db_id, vendor_id)).id == vendor_id
    vendor_products = await jetbuilt.vendors.products.list(db_id, vendor_id).to_list()
    assert vendor_products
    one = await jetbuilt.vendors.products.get(db_id, vendor_id, vendor_products[0].id)
    assert one.id == vendor_products[0].id


async def test_stock_items_locations_and_levels(
    jetbuilt: jbcrm.Jetbuilt, jb_sandbox: JetbuiltSandbox
) -> None:
    store = jb_sandbox.store
    locations = await jetbuilt.stock.locations.list().to_list()
    assert {loc.id for loc in locations} == set(store.stock_locations)
    assert (await jetbuilt.stock.locations.get(locations[0].id)).id == locations[0].id
    items = await jetbuilt.stock.items.list().to_list()
    assert {i.id for i in items} == set(store.stock_items)
    assert (await jetbuilt.stock.items.get(items[0].id)).id == items[0].id

    levels = await jetbuilt.stock.products.list().to_list()
    product_id = levels[0].company_product_id
    assert (await jetbuilt.stock.products.get(product_id)).company_product_id == product_id
    of_product = await jetbuilt.stock.products.items.list(product_id).to_list()
    expected = {
        i["id"] for i in store.stock_items.values() if i["company_product_id"] == product_id
    }
    assert {i.id for i in of_product} == expected

    office_id = store.company["locations"][0]["id"]
    location = await jetbuilt.stock.locations.create(
        kind="company", name="Shelf Z", office_id=office_id, position="Back room"
    )
    assert location.id in store.stock_locations
    renamed = await jetbuilt.stock.locations.update(location.id, name="Shelf Y")
    assert renamed.name == "Shelf Y"
    item = await jetbuilt.stock.items.create(
        company_product_id=product_id, stock_location_id=location.id, quantity=3
    )
    assert store.stock_items[item.id]["quantity"] == 3
    assert (await jetbuilt.stock.items.update(item.id, quantity=5)).quantity == 5

    await jetbuilt.stock.items.delete(item.id)
    assert item.id not in store.stock_items
    await jetbuilt.stock.locations.delete(location.id)
    assert location.id not in store.stock_locations


async def test_purchase_orders_tasks_and_time_sessions(
    jetbuilt: jbcrm.Jetbuilt, jb_sandbox: JetbuiltSandbox
) -> None:
    store = jb_sandbox.store
    orders = await jetbuilt.purchase_orders.list().to_list()
    assert {o.id for o in orders} == set(store.purchase_orders)
    assert (await jetbuilt.purchase_orders.get(orders[0].id)).id == orders[0].id

    tasks = await jetbuilt.tasks.list().to_list()
    assert {t.id for t in tasks} == set(store.tasks)
    assert (await jetbuilt.tasks.get(tasks[0].id)).id == tasks[0].id

    sessions = await jetbuilt.time_sessions.list().to_list()
    assert {s.id for s in sessions} == set(store.time_sessions)
    assert (await jetbuilt.time_sessions.get(sessions[0].id)).id == sessions[0].id


async def test_unknown_record_raises_not_found(jetbuilt: jbcrm.Jetbuilt) -> None:
    with pytest.raises(jbcrm.NotFoundError):
        await jetbuilt.clients.get(99_999_999)
