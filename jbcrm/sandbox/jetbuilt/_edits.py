"""What other people do in the account while nobody is looking: a few records changed or
removed, left as the server shows them afterwards (a new `updated_at`, a project whose item
changed touched too). For demos, tests and benchmarks of code that syncs incrementally."""

from __future__ import annotations

import random
from decimal import Decimal

import attrs

from jbcrm.sandbox.jetbuilt._store import Record, Store, copy_primary, touch
from jbcrm.sandbox.jetbuilt._wire import money, now_stamp


@attrs.frozen
class Edits:
    """The records one call to :meth:`JetbuiltSandbox.edit` changed or removed."""

    projects: tuple[int, ...] = ()
    clients: tuple[int, ...] = ()
    #: ``(product database id, product id)`` pairs.
    products: tuple[tuple[int, int], ...] = ()
    removed_projects: tuple[int, ...] = ()


def edit(
    store: Store, projects: int, clients: int, products: int, remove_projects: int, seed: int
) -> Edits:
    """Rename ``projects`` listed projects and change a line item of each; move ``clients``
    clients and retitle their primary contact; reprice ``products`` products; delete
    ``remove_projects`` other projects (gone from the list, 404 on get)."""
    rng = random.Random(seed)
    listed = [p["id"] for p in store.listed_projects()]
    chosen = rng.sample(listed, k=min(len(listed), projects + remove_projects))
    changed, removed = chosen[:projects], chosen[projects:]
    for project_id in changed:
        _edit_project(store, store.projects[project_id])
    for project_id in removed:
        del store.projects[project_id]
        store.details.pop(project_id, None)
    client_ids = rng.sample(sorted(store.clients), k=min(len(store.clients), clients))
    for client_id in client_ids:
        _edit_client(store, store.clients[client_id])
    every = sorted((db, pid) for db, table in store.products.items() for pid in table)
    repriced = rng.sample(every, k=min(len(every), products))
    for db, product_id in repriced:
        product = store.products[db][product_id]
        product["price"] = money((Decimal(product["price"]) * Decimal("1.1")).quantize(Decimal(1)))
        product["updated_at"] = now_stamp()
    return Edits(tuple(changed), tuple(client_ids), tuple(repriced), tuple(removed))


def _edit_project(store: Store, project: Record) -> None:
    project["name"] = f"{project['name']} (revised)"
    items = store.detail(project["id"]).line_items
    if items:
        items[0]["external_notes"] = "Changed on site"
        items[0]["updated_at"] = now_stamp()
    touch(project)


def _edit_client(store: Store, client: Record) -> None:
    now = now_stamp()
    client["city"] = "Springfield"
    client["updated_at"] = now
    primary = next(
        (c for c in store.contacts.values() if c["_client_id"] == client["id"] and c["primary"]),
        None,
    )
    if primary is not None:
        primary["title"] = "Director"
        primary["updated_at"] = now
        copy_primary(client, primary)
