"""The Jetbuilt job: which listings fill which tables, all run at once within the client's
rate limit.

Projects, products and purchase orders take ``min_updated_at``: they are listed from their
checkpoint. The other collections have no such filter and are listed whole on every run; only
the rows whose JSON changed are written.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime
from typing import Any

from jbcrm._mirror._jetbuilt_projects import mirror_projects
from jbcrm._mirror._jetbuilt_tables import (
    CLIENTS,
    CONTACTS,
    PRODUCTS,
    PURCHASE_ORDERS,
    STOCK_ITEMS,
    STOCK_LOCATIONS,
    STOCK_PRODUCTS,
    TASKS,
    TIME_SESSIONS,
    USERS,
    VENDORS,
)
from jbcrm._mirror._listing import Listing, mirror_listing
from jbcrm._mirror._run import Run
from jbcrm._mirror._writer import Record, Writer
from jbcrm.jetbuilt.client import Jetbuilt
from jbcrm.jetbuilt.models import (
    Client,
    Product,
    PurchaseOrder,
    StockItem,
    StockLocation,
    StockProduct,
    Task,
    TimeSession,
    User,
    Vendor,
)

Job = tuple[str, Callable[[], Awaitable[None]]]


def jobs(run: Run, jb: Jetbuilt, resources: Sequence[str], db_ids: Sequence[int]) -> list[Job]:
    """One job (its name, and what runs it) per listing of the chosen resources: products and
    vendors once per product database."""

    def listing(task: str, spec: Listing[Any]) -> Job:
        return task, lambda: mirror_listing(run, spec, task=task)

    async def contacts(writer: Writer, clients: list[Client]) -> None:
        held = {
            client.id: [
                Record(CONTACTS.row(c, {"client_id": client.id, "id": c.id}), c.raw)
                for c in client.contacts
            ]
            for client in clients
        }
        counts = await writer.replace_inside(CONTACTS, "client_id", held, force=run.full)
        run.summary.counts(CONTACTS).add(counts)

    def no_filter(make: Callable[[], Any]) -> Callable[[datetime | None], Any]:
        return lambda since: make()

    found: dict[str, list[Job]] = {
        "projects": [("projects", lambda: mirror_projects(run, jb, workers=_workers(jb)))],
        "clients": [listing("clients", Listing(
            "jetbuilt.clients", CLIENTS, Client, no_filter(jb.clients.list), inside=contacts
        ))],
        "users": [listing("users", Listing(
            "jetbuilt.users", USERS, User, no_filter(jb.users.list)
        ))],
        "products": [listing(f"products (database {db})", Listing(
            "jetbuilt.products", PRODUCTS, Product,
            _products(jb, db),
            incremental=True, scope={"db_id": db},
        )) for db in db_ids],
        "vendors": [listing(f"vendors (database {db})", Listing(
            "jetbuilt.vendors", VENDORS, Vendor,
            _vendors(jb, db), scope={"db_id": db},
        )) for db in db_ids],
        "purchase_orders": [listing("purchase orders", Listing(
            "jetbuilt.purchase_orders", PURCHASE_ORDERS, PurchaseOrder,
            lambda since: jb.purchase_orders.list(min_updated_at=since), incremental=True,
        ))],
        "tasks": [listing("tasks", Listing(
            "jetbuilt.tasks", TASKS, Task, no_filter(jb.tasks.list)
        ))],
        "time_sessions": [listing("time sessions", Listing(
            "jetbuilt.time_sessions", TIME_SESSIONS, TimeSession, no_filter(jb.time_sessions.list)
        ))],
        "stock": [
            listing("stock items", Listing(
                "jetbuilt.stock_items", STOCK_ITEMS, StockItem, no_filter(jb.stock.items.list)
            )),
            listing("stock locations", Listing(
                "jetbuilt.stock_locations", STOCK_LOCATIONS, StockLocation,
                no_filter(jb.stock.locations.list),
            )),
            listing("stock products", Listing(
                "jetbuilt.stock_products", STOCK_PRODUCTS, StockProduct,
                no_filter(jb.stock.products.list),
            )),
        ],
    }  # fmt: skip
    return [job for name in resources for job in found[name]]


def _products(jb: Jetbuilt, db_id: int) -> Callable[[datetime | None], Any]:
    return lambda since: jb.products.list(db_id, min_updated_at=since)


def _vendors(jb: Jetbuilt, db_id: int) -> Callable[[datetime | None], Any]:
    return lambda since: jb.vendors.list(db_id)


def _workers(jb: Jetbuilt) -> int:
    """Projects whose details are fetched at once: enough to keep the limiter busy."""
    return max(2, jb._transport.concurrency)
