"""The base of every sync resource namespace: the async namespace it runs, and the loop."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from jbcrm._blocking._loop import EventLoopThread
from jbcrm._core.resource import Resource

R = TypeVar("R", bound=Resource[Any])


class SyncResource(Generic[R]):
    """A namespace of blocking operations (``jb.projects``, ``jb.projects.items``...)."""

    __slots__ = ("_async", "_loop")

    def __init__(self, resource: R, loop: EventLoopThread) -> None:
        self._async = resource
        self._loop = loop

    def __repr__(self) -> str:
        return f"<{type(self).__name__} resource>"
