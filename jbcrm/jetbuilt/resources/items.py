"""Line items of a project, and the factors that come with them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jbcrm._core.pagination import AsyncPaginator
from jbcrm._core.params import Required, TypedDict, Unpack
from jbcrm._core.paths import build_path
from jbcrm.jetbuilt._resource import JetbuiltResource
from jbcrm.jetbuilt.models import Factor, LineItem
from jbcrm.jetbuilt.params import Number


class LineItemsPaginator(AsyncPaginator[LineItem]):
    """The line items of a project, page by page, and the project's factors.

    The server sends every factor with every page of line items; they are kept once, from the
    first page.
    """

    async def factors(self) -> list[Factor]:
        """The project's factors, from the first page (fetched now if iteration has not started;
        the iteration then starts from that page instead of fetching it again)."""
        if "factors" not in self.extras:
            await self.first_page()
        return list(self.extras.get("factors", []))


class LineItemFields(TypedDict, total=False):
    """What a line item's create and update both take."""

    room_id: int | None
    system_id: int | None
    tag_id: int | None
    phase_id: int | None
    short_description: str | None
    external_notes: str | None
    quantity_per_room: Number | None
    metadata: Mapping[str, Any] | None


class LineItemCreate(LineItemFields, total=False):
    """The arguments of ``jb.projects.items.create``."""

    manufacturer_name: Required[str]
    model: Required[str]
    currency_code: str | None
    price: Number | None
    room_name: str | None
    system_name: str | None
    shipping_price: Number | None
    shipping_cost: Number | None
    notes: str | None
    tax_equipment: bool | None
    tax_shipping: bool | None


class LineItemUpdate(LineItemFields, total=False):
    """The arguments of ``jb.projects.items.update``."""

    cost: Number | None


class LineItems(JetbuiltResource):
    """``jb.projects.items``: the line items of a project (the project id comes first)."""

    __slots__ = ()

    def list(self, project_id: int) -> LineItemsPaginator:
        """``GET /projects/<PROJECT_ID>/items``: every line item of the project, paged; the
        factors are on :meth:`LineItemsPaginator.factors` (and ``.extras["factors"]``)."""
        return self._list(
            build_path("/projects/{project_id}/items", project_id=project_id),
            LineItem,
            item_key="line_items",
            extras={"factors": list[Factor]},
            paginator_class=LineItemsPaginator,
        )

    async def create(self, project_id: int, **fields: Unpack[LineItemCreate]) -> LineItem:
        """``POST /projects/<PROJECT_ID>/items``: add an item (not to a locked project).

        Without a room or system the item goes to the project's first one; ``currency_code``
        defaults to the project's, ``quantity_per_room`` to 1. ``notes`` are internal,
        ``external_notes`` visible to the customer; ``metadata`` is any JSON object an
        integration wants to keep on the item. Not retried once sent.
        """
        path = build_path("/projects/{project_id}/items", project_id=project_id)
        return await self._write("POST", path, LineItem, LineItemCreate, fields)

    async def update(
        self, project_id: int, item_id: int, **fields: Unpack[LineItemUpdate]
    ) -> LineItem:
        """``PATCH /projects/<PROJECT_ID>/items/<ID>`` (documented as PUT): change the fields
        given (not in a locked project; room, system and tag stay fixed for an item in a
        bundle)."""
        path = build_path(
            "/projects/{project_id}/items/{item_id}", project_id=project_id, item_id=item_id
        )
        return await self._write("PATCH", path, LineItem, LineItemUpdate, fields)
