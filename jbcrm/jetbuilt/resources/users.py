"""Users of your company."""

from __future__ import annotations

from jbcrm._core.pagination import AsyncPaginator
from jbcrm._core.paths import build_path
from jbcrm.jetbuilt._resource import JetbuiltResource
from jbcrm.jetbuilt.models import User


class Users(JetbuiltResource):
    """``jb.users``: the active users of your company."""

    __slots__ = ()

    def list(self) -> AsyncPaginator[User]:
        """``GET /users``: every active user."""
        return self._list("/users", User)

    async def get(self, user_id: int) -> User:
        """``GET /users/<ID>``: one active user."""
        return await self._get(build_path("/users/{user_id}", user_id=user_id), User)
