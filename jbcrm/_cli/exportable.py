"""What ``jbcrm export`` can read, found by walking each client's namespaces.

A namespace with a ``list`` method is a collection; the positional parameters of that
``list`` are the ids of its parents (``db_id``, ``project_id``, ...), and become flags of the
command. A namespace whose ``get`` needs no id (``company``) exports its one record. Nothing
here is written per resource, so a new namespace is exportable as soon as a client has it.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Iterator, Mapping
from functools import cache, cached_property
from typing import Any, get_type_hints

import attrs

from jbcrm._core.client import BaseClient
from jbcrm._core.resource import Resource
from jbcrm.jetbuilt.client import Jetbuilt
from jbcrm.jetpackcrm.client import JetpackCRM

#: The client class of each API, by the name the command line uses.
CLIENTS: dict[str, type[BaseClient]] = {"jetbuilt": Jetbuilt, "jetpack": JetpackCRM}


@attrs.frozen
class Collection:
    """One exportable namespace: ``name`` is its dotted path on the client."""

    name: str
    #: The ids ``list`` (or ``get``) takes first, positionally, in order.
    parents: tuple[str, ...]
    #: True for a namespace read with a ``get`` that needs no id: one record.
    single: bool = False

    def namespace(self, client: BaseClient) -> Any:
        """The namespace object on ``client`` (``client.projects.items``)."""
        namespace: Any = client
        for part in self.name.split("."):
            namespace = getattr(namespace, part)
        return namespace


@cache
def collections(api: str) -> dict[str, Collection]:
    """The exportable collections of ``api``, by dotted name, sorted."""
    client = CLIENTS[api]
    # Namespace annotations may name resource classes imported only for type checkers.
    package = importlib.import_module(client.__module__.rpartition(".")[0] + ".resources")
    found = {}
    for name, resource in _namespaces(client, "", vars(package)):
        collection = _collection(name, resource)
        if collection is not None:
            found[name] = collection
    return dict(sorted(found.items()))


def parent_ids() -> tuple[str, ...]:
    """Every parent id any collection of any API needs, in first-seen order."""
    names: dict[str, None] = {}
    for api in CLIENTS:
        for collection in collections(api).values():
            names.update(dict.fromkeys(collection.parents))
    return tuple(names)


def _namespaces(
    owner: type, prefix: str, localns: Mapping[str, Any]
) -> Iterator[tuple[str, type[Resource]]]:
    for name, attribute in vars(owner).items():
        if name.startswith("_"):
            continue
        if isinstance(attribute, cached_property):
            getter = attribute.func
        elif isinstance(attribute, property) and attribute.fget is not None:
            getter = attribute.fget
        else:
            continue
        returned = get_type_hints(getter, localns=dict(localns)).get("return")
        if isinstance(returned, type) and issubclass(returned, Resource):
            yield prefix + name, returned
            yield from _namespaces(returned, f"{prefix}{name}.", localns)


def _collection(name: str, resource: type[Resource]) -> Collection | None:
    if callable(getattr(resource, "list", None)):
        return Collection(name, _positional(resource.list))  # type: ignore[attr-defined]
    getter = getattr(resource, "get", None)
    if callable(getter) and not _positional(getter):
        return Collection(name, (), single=True)
    return None


def _positional(method: Any) -> tuple[str, ...]:
    parameters = list(inspect.signature(method).parameters.values())[1:]  # without self
    return tuple(p.name for p in parameters if p.kind is p.POSITIONAL_OR_KEYWORD)
