"""The base of every resource namespace: bound to a client, nothing else."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jbcrm._core.client import BaseClient


class Resource:
    """A namespace of operations (``client.projects``, ``client.projects.items``...); each
    API's base resource narrows ``_client`` to its client class."""

    __slots__ = ("_client",)
    _client: BaseClient

    def __init__(self, client: BaseClient) -> None:
        self._client = client

    def __repr__(self) -> str:
        return f"<{type(self).__name__} resource>"
