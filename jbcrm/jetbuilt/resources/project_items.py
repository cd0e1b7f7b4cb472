"""Line items of a project, and the factors that come with them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jbcrm._core.pagination import AsyncPaginator, PageRequest
from jbcrm._core.paths import build_path
from jbcrm.jetbuilt._resource import LINKS, JetbuiltResource, Number
from jbcrm.jetbuilt.models import Factor, LineItem


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


class LineItems(JetbuiltResource):
    """``jb.projects.items``: the line items of a project (the project id comes first)."""

    __slots__ = ()

    def list(self, project_id: int) -> LineItemsPaginator:
        """``GET /projects/<PROJECT_ID>/items``: every line item of the project, paged; the
        factors are on :meth:`LineItemsPaginator.factors` (and ``.extras["factors"]``)."""
        return self._client._paginator(
            PageRequest(build_path("/projects/{project_id}/items", project_id=project_id)),
            LineItem,
            strategy=LINKS,
            item_key="line_items",
            extras={"factors": list[Factor]},
            paginator_class=LineItemsPaginator,
        )

    async def create(
        self,
        project_id: int,
        *,
        manufacturer_name: str,
        model: str,
        currency_code: str | None = None,
        price: Number | None = None,
        short_description: str | None = None,
        room_id: int | None = None,
        room_name: str | None = None,
        system_id: int | None = None,
        system_name: str | None = None,
        tag_id: int | None = None,
        phase_id: int | None = None,
        quantity_per_room: Number | None = None,
        shipping_price: Number | None = None,
        shipping_cost: Number | None = None,
        notes: str | None = None,
        external_notes: str | None = None,
        tax_equipment: bool | None = None,
        tax_shipping: bool | None = None,
        metadata: Mapping[str, Any] | None = None,
    ) -> LineItem:
        """``POST /projects/<PROJECT_ID>/items``: add an item (not to a locked project).

        Without a room or system the item goes to the project's first one; ``currency_code``
        defaults to the project's, ``quantity_per_room`` to 1. ``notes`` are internal,
        ``external_notes`` visible to the customer; ``metadata`` is any JSON object an
        integration wants to keep on the item. Not retried once sent.
        """
        body = {
            "manufacturer_name": manufacturer_name,
            "model": model,
            "currency_code": currency_code,
            "price": price,
            "short_description": short_description,
            "room_id": room_id,
            "room_name": room_name,
            "system_id": system_id,
            "system_name": system_name,
            "tag_id": tag_id,
            "phase_id": phase_id,
            "quantity_per_room": quantity_per_room,
            "shipping_price": shipping_price,
            "shipping_cost": shipping_cost,
            "notes": notes,
            "external_notes": external_notes,
            "tax_equipment": tax_equipment,
            "tax_shipping": tax_shipping,
            "metadata": metadata,
        }
        return await self._create(
            build_path("/projects/{project_id}/items", project_id=project_id), LineItem, body
        )

    async def update(
        self,
        project_id: int,
        item_id: int,
        *,
        room_id: int | None = None,
        system_id: int | None = None,
        tag_id: int | None = None,
        phase_id: int | None = None,
        short_description: str | None = None,
        external_notes: str | None = None,
        quantity_per_room: Number | None = None,
        cost: Number | None = None,
        metadata: Mapping[str, Any] | None = None,
    ) -> LineItem:
        """``PATCH /projects/<PROJECT_ID>/items/<ID>`` (documented as PUT): change the fields
        given (not in a locked project; room, system and tag stay fixed for an item in a
        bundle)."""
        body = {
            "room_id": room_id,
            "system_id": system_id,
            "tag_id": tag_id,
            "phase_id": phase_id,
            "short_description": short_description,
            "external_notes": external_notes,
            "quantity_per_room": quantity_per_room,
            "cost": cost,
            "metadata": metadata,
        }
        return await self._update(
            build_path(
                "/projects/{project_id}/items/{item_id}", project_id=project_id, item_id=item_id
            ),
            LineItem,
            body,
        )
