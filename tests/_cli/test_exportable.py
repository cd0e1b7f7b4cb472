"""What ``jbcrm export`` can read is found on the clients' namespaces, not listed by hand."""

from __future__ import annotations

from functools import cached_property

from jbcrm._cli import exportable
from jbcrm._cli.exportable import Collection
from jbcrm._core.pagination import AsyncPaginator
from jbcrm._core.resource import Resource


class _Leaves(Resource):
    def list(
        self, tree_id: int, branch_id: int, *, colour: str | None = None
    ) -> AsyncPaginator[int]:
        raise NotImplementedError


class _Branches(Resource):
    @property
    def leaves(self) -> _Leaves:
        return _Leaves(self._client)

    def list(self, tree_id: int) -> AsyncPaginator[int]:
        raise NotImplementedError

    async def create(self, tree_id: int) -> int:
        raise NotImplementedError


class _Settings(Resource):
    async def get(self) -> int:
        raise NotImplementedError


class _Writes(Resource):
    async def create(self) -> int:
        raise NotImplementedError


class _Client:
    @cached_property
    def branches(self) -> _Branches:
        return _Branches(self)  # type: ignore[arg-type]

    @cached_property
    def settings(self) -> _Settings:
        return _Settings(self)  # type: ignore[arg-type]

    @cached_property
    def writes(self) -> _Writes:
        return _Writes(self)  # type: ignore[arg-type]

    @property
    def stats(self) -> int:
        return 0


def test_namespaces_with_list_or_an_id_free_get_are_exportable_with_their_parent_ids() -> None:
    found = {
        name: exportable._collection(name, resource)
        for name, resource in exportable._namespaces(_Client, "", globals())
    }
    assert found == {
        "branches": Collection("branches", ("tree_id",)),
        "branches.leaves": Collection("branches.leaves", ("tree_id", "branch_id")),
        "settings": Collection("settings", (), single=True),
        "writes": None,
    }


def test_the_real_clients_export_nested_collections_under_their_parents() -> None:
    jetbuilt = exportable.collections("jetbuilt")
    assert jetbuilt["vendors"] == Collection("vendors", ("db_id",))
    assert jetbuilt["vendors.products"] == Collection("vendors.products", ("db_id", "vendor_id"))
    assert jetbuilt["projects.options.rooms"].parents == ("project_id", "option_id")
    assert jetbuilt["company"].single
    assert "projects.revisions" not in jetbuilt
    assert set(exportable.collections("jetpack")) == {
        "customers", "companies", "quotes", "invoices", "transactions", "events"
    }  # fmt: skip
