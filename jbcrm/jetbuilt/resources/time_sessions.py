"""Time sessions: clocked work with its entries."""

from __future__ import annotations

from jbcrm._core.pagination import AsyncPaginator
from jbcrm._core.paths import build_path
from jbcrm.jetbuilt._resource import JetbuiltResource
from jbcrm.jetbuilt.models import TimeSession


class TimeSessions(JetbuiltResource):
    """``jb.time_sessions``: time sessions and their entries (durations in seconds)."""

    __slots__ = ()

    def list(self) -> AsyncPaginator[TimeSession]:
        """``GET /time_sessions``: every time session."""
        return self._list("/time_sessions", TimeSession)

    async def get(self, time_session_id: int) -> TimeSession:
        """``GET /time_sessions/<ID>``: one time session with its time entries."""
        return await self._get(
            build_path("/time_sessions/{time_session_id}", time_session_id=time_session_id),
            TimeSession,
        )
