"""In-memory state of one Jetbuilt sandbox: plain records keyed by id, changed by writes.

Records are plain dicts, the record style of both sandboxes (the Jetpack sandbox keeps its
table rows so too). Here they hold wire values in document order (the documented JSON is all
that is known of the server's state, so it is what is kept and served); keys starting with `_`
are bookkeeping the API never shows (see `public`). A project's rooms, items and options are
generated on first use, so seeding stays fast however many projects there are.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import attrs

from jbcrm.sandbox.jetbuilt._wire import now_stamp

Record = dict[str, Any]

NESTED_ID_START = 50_000_000


def public(record: Record) -> Record:
    """The record as the API shows it: bookkeeping keys dropped."""
    return {key: value for key, value in record.items() if not key.startswith("_")}


@attrs.define
class ProjectDetail:
    """Everything inside one project version."""

    rooms: list[Record] = attrs.Factory(list)
    systems: list[Record] = attrs.Factory(list)
    tags: list[Record] = attrs.Factory(list)
    phases: list[Record] = attrs.Factory(list)
    labor: list[Record] = attrs.Factory(list)
    bundles: list[Record] = attrs.Factory(list)
    line_items: list[Record] = attrs.Factory(list)
    factors: list[Record] = attrs.Factory(list)
    options: list[Record] = attrs.Factory(list)
    discussions: list[Record] = attrs.Factory(list)
    service_packages: list[Record] = attrs.Factory(list)


@attrs.define
class Store:
    """All collections of one sandbox company; writes through the API change it in place."""

    company: Record
    users: dict[int, Record]
    clients: dict[int, Record]
    contacts: dict[int, Record]
    market_segments: dict[int, Record]
    phases: dict[int, Record]
    manufacturers: dict[int, str]
    products: dict[int, dict[int, Record]]
    catalog: dict[int, Record]
    vendors: dict[int, dict[int, Record]]
    projects: dict[int, Record]
    sources: dict[int, Record]
    purchase_orders: dict[int, Record]
    tasks: dict[int, Record]
    time_sessions: dict[int, Record]
    stock_locations: dict[int, Record]
    stock_items: dict[int, Record]
    detail_factory: Callable[[Store, Record], ProjectDetail]
    details: dict[int, ProjectDetail] = attrs.Factory(dict)
    _next_nested: int = NESTED_ID_START

    def detail(self, project_id: int) -> ProjectDetail:
        """The inside of a project, generated the first time anyone looks."""
        found = self.details.get(project_id)
        if found is None:
            project = self.projects[project_id]
            found = self.details[project_id] = self.detail_factory(self, project)
        return found

    def copy_detail(self, source_id: int, target_id: int) -> None:
        """Give a new project version the same content as the version it came from."""
        self.details[target_id] = copy.deepcopy(self.detail(source_id))

    def new_id(self, table: dict[int, Record]) -> int:
        """The next free id of a top-level collection."""
        return max(table, default=0) + 1

    def new_product_id(self) -> int:
        """Company product ids are unique across product databases."""
        return max((pid for db in self.products.values() for pid in db), default=0) + 1

    def new_nested_id(self) -> int:
        """An id for a record created inside a project (an item, a room)."""
        self._next_nested += 1
        return self._next_nested

    def listed_projects(self) -> list[Record]:
        """Projects as the collection shows them: only the active version of each."""
        return [project for project in self.projects.values() if project["_listed"]]

    def office(self, office_id: int) -> Record | None:
        """A company location (office) by id."""
        return next((o for o in self.company["locations"] if o["id"] == office_id), None)

    def product(self, product_id: int) -> Record | None:
        """A company product from any product database."""
        for database in self.products.values():
            if product_id in database:
                return database[product_id]
        return None


def touch(project: Record) -> None:
    """A change inside a project (an item, a room, a package) moves the project's
    `updated_at`, as Rails' `belongs_to ..., touch: true` does. The document does not say; it
    is what lets a client re-read a project's parts only when `min_updated_at` lists it."""
    project["updated_at"] = now_stamp()


def copy_primary(client: Record, contact: Record) -> None:
    """A client repeats its primary contact's details in `primary_contact_*` fields."""
    client["primary_contact_first_name"] = contact["first_name"]
    client["primary_contact_last_name"] = contact["last_name"]
    client["primary_contact_title"] = contact["title"]
    client["primary_contact_email"] = contact["email_address"]
    client["primary_contact_phone_number_1"] = contact["phone_number_1"]
    client["primary_contact_phone_number_2"] = contact["phone_number_2"]
