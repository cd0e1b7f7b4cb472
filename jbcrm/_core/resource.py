"""The base of every resource namespace: bound to a client, nothing else."""

from __future__ import annotations

from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from jbcrm._core.client import BaseClient

C = TypeVar("C", bound="BaseClient")


class Resource(Generic[C]):
    """A namespace of operations (``client.projects``, ``client.projects.items``...)."""

    __slots__ = ("_client",)

    def __init__(self, client: C) -> None:
        self._client = client

    def __repr__(self) -> str:
        return f"<{type(self).__name__} resource>"
