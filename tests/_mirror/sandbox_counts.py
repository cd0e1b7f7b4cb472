"""What the sandbox holds, counted the way the mirror must request and store it."""

from __future__ import annotations

from jbcrm.sandbox import JetbuiltSandbox
from jbcrm.sandbox.jetbuilt._serialize import stock_products

PAGE = 25


def pages(records: int) -> int:
    """Link-paginated requests for a listing of ``records`` (an empty listing is one page)."""
    return max(1, -(-records // PAGE))


def detail_requests(sandbox: JetbuiltSandbox, project_id: int) -> int:
    """A due project: its detail, every page of its line items, every page of its options."""
    detail = sandbox.store.detail(project_id)
    return 1 + pages(len(detail.line_items)) + pages(len(detail.options))


def whole_listings(sandbox: JetbuiltSandbox) -> int:
    """The listings without ``min_updated_at``, read whole on every run."""
    store = sandbox.store
    return (
        pages(len(store.clients))
        + pages(len(store.users))
        + sum(pages(len(vendors)) for vendors in store.vendors.values())
        + pages(len(store.tasks))
        + pages(len(store.time_sessions))
        + pages(len(store.stock_items))
        + pages(len(store.stock_locations))
        + pages(len(stock_products(store)))
    )


def incremental_listings(sandbox: JetbuiltSandbox, projects_listed: int) -> int:
    """The company (for the product databases), one page of changed projects (or more),
    changed products per database and changed purchase orders: one page each when nothing
    changed."""
    return 1 + pages(projects_listed) + len(sandbox.store.products) + 1


def full_run(sandbox: JetbuiltSandbox) -> int:
    """Every request of a first (or full) run."""
    store = sandbox.store
    listed = store.listed_projects()
    return (
        1
        + pages(len(listed))
        + sum(detail_requests(sandbox, p["id"]) for p in listed)
        + sum(pages(len(products)) for products in store.products.values())
        + pages(len(store.purchase_orders))
        + whole_listings(sandbox)
    )
