"""Options of a project (change orders once the project is under contract), their rooms and
their purchasing view."""

from __future__ import annotations

from jbcrm._core.pagination import AsyncPaginator
from jbcrm._core.paths import build_path
from jbcrm.jetbuilt._resource import JetbuiltResource
from jbcrm.jetbuilt.models import Option, OptionDetail, PurchasingLineItem, Room, RoomDetail


class OptionRooms(JetbuiltResource):
    """``jb.projects.options.rooms``: the rooms of an option (project id, option id first)."""

    __slots__ = ()

    def list(self, project_id: int, option_id: int) -> AsyncPaginator[Room]:
        """``GET /projects/<PROJECT_ID>/options/<OPTION_ID>/rooms``: every room of an option."""
        return self._list(
            build_path(
                "/projects/{project_id}/options/{option_id}/rooms",
                project_id=project_id,
                option_id=option_id,
            ),
            Room,
        )

    async def get(self, project_id: int, option_id: int, room_id: int) -> RoomDetail:
        """``GET /projects/<PROJECT_ID>/options/<OPTION_ID>/rooms/<ID>``: one room with its
        totals, factors and all of its line items (the server pages them; every page is
        fetched)."""
        path = build_path(
            "/projects/{project_id}/options/{option_id}/rooms/{room_id}",
            project_id=project_id,
            option_id=option_id,
            room_id=room_id,
        )
        return await self._get_with_all(path, RoomDetail, list_key="line_items")


class OptionPurchasing(JetbuiltResource):
    """``jb.projects.options.purchasing``: an option's line items grouped for purchasing."""

    __slots__ = ()

    def list(self, project_id: int, option_id: int) -> AsyncPaginator[PurchasingLineItem]:
        """``GET /projects/<PROJECT_ID>/options/<OPTION_ID>/purchasing``: the option's line
        items consolidated for ordering, with their purchasing source when set."""
        path = build_path(
            "/projects/{project_id}/options/{option_id}/purchasing",
            project_id=project_id,
            option_id=option_id,
        )
        return self._list(path, PurchasingLineItem, item_key="line_items")


class Options(JetbuiltResource):
    """``jb.projects.options``: the options of a project (the project id comes first)."""

    __slots__ = ()

    @property
    def rooms(self) -> OptionRooms:
        """``/projects/<PROJECT_ID>/options/<OPTION_ID>/rooms``."""
        return OptionRooms(self._client)

    @property
    def purchasing(self) -> OptionPurchasing:
        """``/projects/<PROJECT_ID>/options/<OPTION_ID>/purchasing``."""
        return OptionPurchasing(self._client)

    def list(self, project_id: int) -> AsyncPaginator[Option]:
        """``GET /projects/<PROJECT_ID>/options``: every option or change order."""
        return self._list(
            build_path("/projects/{project_id}/options", project_id=project_id), Option
        )

    async def get(self, project_id: int, option_id: int) -> OptionDetail:
        """``GET /projects/<PROJECT_ID>/options/<ID>``: one option with its factors and all of
        its line items (the server pages them; every page is fetched)."""
        path = build_path(
            "/projects/{project_id}/options/{option_id}", project_id=project_id, option_id=option_id
        )
        return await self._get_with_all(path, OptionDetail, list_key="line_items")
