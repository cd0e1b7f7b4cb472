"""Customers: ``POST /customers``, ``GET /customer_search``, ``POST /create_customer``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jbcrm._core.errors import InvalidArgumentError
from jbcrm._core.pagination import AsyncPaginator
from jbcrm._core.params import Unpack, checked
from jbcrm.jetpackcrm._resource import (
    DEFAULT_PER_PAGE,
    SCAN_PER_PAGE,
    JetpackResource,
    custom_body,
    include_flag,
    profile_body,
    shape_tags,
    storable_custom_fields,
    tag_names,
)
from jbcrm.jetpackcrm.errors import CustomerNotFoundError
from jbcrm.jetpackcrm.models.customers import CUSTOMER_COLUMNS, CUSTOMER_READ_NAMES, Customer
from jbcrm.jetpackcrm.params import AddressFields, ProfileFields

_RESERVED = frozenset({*CUSTOMER_COLUMNS, "id", "assign", "tags", "sticky"})
# The status the plugin will not take away from a contact unless `sticky` says so.
_STICKY_STATUS = "Customer"


def _echo_as_record(echo: dict[str, Any]) -> dict[str, Any]:
    """An echo read like a stored contact: the second address under its read names, the tag
    names as tags, ``assign`` as the owner."""
    record = {CUSTOMER_READ_NAMES.get(key, key): value for key, value in echo.items()}
    if "assign" in echo:
        record["owner"] = echo["assign"]
    return shape_tags(record)


class CustomerFields(AddressFields, ProfileFields, total=False):
    """What ``crm.customers.upsert`` writes beside the email, and ``update`` changes: the text
    columns (read back under the same names on :class:`~jbcrm.jetpackcrm.Customer`), the owner,
    tags and custom fields."""

    status: str | None
    prefix: str | None
    fname: str | None
    lname: str | None
    hometel: str | None
    worktel: str | None
    mobtel: str | None


class CustomerUpdate(CustomerFields, total=False):
    """The arguments of ``crm.customers.update``."""

    email: str | None


class Customers(JetpackResource):
    """The CRM's contacts, which the API calls customers."""

    __slots__ = ()

    def list(
        self,
        *,
        search: str | None = None,
        owned: int | None = None,
        company: int | None = None,
        include_tags: bool = False,
        include_invoices: bool = False,
        include_quotes: bool = False,
        include_transactions: bool = False,
        perpage: int = DEFAULT_PER_PAGE,
        read_ahead: bool = False,
    ) -> AsyncPaginator[Customer]:
        """``POST /customers``: every customer in ascending id order, ``perpage`` a request,
        filtered by a text in any column (``search``), owner (``owned``, a WordPress user id)
        or ``company`` id.

        The endpoint reads paging and filters only from the JSON body, and an include flag
        only as the string ``"true"``, which is what is sent. ``read_ahead`` fetches up to
        ``concurrency`` pages ahead (the server sends no total, so it may ask past the end).
        """
        filters = {
            "search": search,
            "owned": owned,
            "company": company,
            # The plugin casts `tags` to bool: even "false" would include them, so it is
            # sent only when wanted.
            "tags": True if include_tags else None,
            "invoices": include_flag(include_invoices),
            "quotes": include_flag(include_quotes),
            "transactions": include_flag(include_transactions),
        }
        return self._list(
            "customers",
            Customer,
            filters=filters,
            paging="body",
            perpage=perpage,
            read_ahead=read_ahead,
        )

    def search(
        self, query: str, *, perpage: int = DEFAULT_PER_PAGE, read_ahead: bool = False
    ) -> AsyncPaginator[Customer]:
        """``GET /customer_search?zbs_query=...``: customers with the text ``query`` in a
        column, in ascending id order (the plugin reads no sort order). With the client's
        ``replace_hyphens_in_keys``, custom field keys come with underscores."""
        filters = {"zbs_query": query, **self._hyphen_option()}
        return self._list(
            "customer_search", Customer, filters=filters, perpage=perpage, read_ahead=read_ahead
        )

    async def find_by_email(self, email: str) -> Customer | None:
        """``GET /customer_search?email=...``: the customer with this email, with their tags,
        invoices and transactions; ``None`` when there is none.

        ``replace_hyphens_in_keys`` is never sent here: the plugin dies on it (a PHP fatal) for
        an email lookup, so this customer's custom field keys keep their hyphens.
        """
        client = self._client
        result = await client._call("GET", "customer_search", params={"email": email})
        data = result.data
        if data == []:
            return None
        if isinstance(data, list) and len(data) == 1:
            # Tolerated: the one match wrapped in a list.
            data = data[0]
        return client._decode(data, Customer, result)

    async def upsert(
        self, *, email: str, id: int | None = None, **fields: Unpack[CustomerFields]
    ) -> Customer:
        """``POST /create_customer``: create the customer with this email, or **replace** it
        (or the one with this ``id``, whose email then becomes ``email``).

        Replace means what the plugin does: every column not sent is blanked, and the owner
        is removed unless ``assign`` is sent; tags and custom fields not sent are kept. A
        "Customer" stays one whatever ``status`` says. The plugin never stores an empty value or
        "0" in a custom field (refused here), nor a date sent to a date custom field (stored as
        empty), nor an empty tag list (refused here: tags cannot be removed). It saves nothing
        without the email, even for an ``id``. To change a few fields and keep the rest, use
        :meth:`update`. Safe to retry (keyed by email). Returns the echo, the fields sent plus
        ``id``: its ``status`` is what was sent, not what was kept.
        """
        if not isinstance(email, str) or not email.strip():
            raise InvalidArgumentError(
                "create_customer saves a customer only through its email (an update by id "
                "without it changes nothing); pass email=..., or use update()"
            )
        given = {**checked(CustomerFields, fields), "email": email}
        body = {"id": id, **profile_body(CUSTOMER_COLUMNS, given, _RESERVED)}
        return await self._upsert("create_customer", Customer, body, shape=_echo_as_record)

    async def update(self, email_or_id: str | int, /, **fields: Unpack[CustomerUpdate]) -> Customer:
        """Change some fields of one customer and keep every other: read, merge, write, and
        return the customer as the CRM then holds it.

        ``fields`` takes the :meth:`upsert` names (``fname="Ann"``, ``assign=2``,
        ``tags=[...]``, ``custom_fields={"slug": "value"}``; ``""`` or ``None`` clears a
        column). The customer is read by email, or by id by walking the customer list (the API
        has no get-by-id, so an email is faster). Everything the plugin would blank is sent
        back: every column, the email, the owner; tags and custom fields are sent only when
        they change (the plugin keeps them otherwise). A status change away from "Customer" is
        sent with the plugin's ``sticky`` switch, without which it would be ignored. Refused,
        since the plugin cannot do them: clearing a custom field or setting it to "0", setting
        a date custom field, removing every tag. Nothing is sent when nothing changes. A change
        made by someone else between the read and the write is overwritten.
        """
        given = checked(CustomerUpdate, fields)
        current = await self._current(email_or_id)
        if not current.email:
            raise InvalidArgumentError(
                f"customer {current.id} has no email; the API saves a customer only through it"
            )
        before: dict[str, Any] = {key: getattr(current, key) or "" for key in CUSTOMER_COLUMNS}
        after = {**before, **{k: given[k] or "" for k in CUSTOMER_COLUMNS if k in given}}
        owner = given.get("assign", current.owner)
        body: dict[str, Any] = {"id": current.id, **after, "assign": owner}
        changed = after != before or owner != current.owner
        if "tags" in given:
            names = tag_names(given["tags"])
            body["tags"] = names
            changed |= names != [tag.name for tag in current.tags or []]
        custom = self._custom_changes(current, given.get("custom_fields"))
        if after["status"] != before["status"] and before["status"] == _STICKY_STATUS:
            body["sticky"] = 1
        if not (changed or custom):
            return current
        await self._client._call(
            "POST", "create_customer", json=custom_body(body, custom, _RESERVED)
        )
        saved = await self.find_by_email(after["email"])
        if saved is None:
            raise CustomerNotFoundError(f"customer {current.id} is gone after the update")
        return saved

    def _custom_changes(
        self, current: Customer, changes: Mapping[str, Any] | None
    ) -> dict[str, Any]:
        wanted = storable_custom_fields(changes)
        dates = sorted(slug for slug in wanted if f"{slug}_cfdate" in current.raw)
        if dates:
            raise InvalidArgumentError(
                f"custom fields {', '.join(dates)} are dates, which the CRM does not store "
                "when they come through the API"
            )
        present = current.custom_fields
        return {slug: value for slug, value in wanted.items() if present.get(slug) != value}

    async def _current(self, email_or_id: str | int) -> Customer:
        if isinstance(email_or_id, str):
            found = await self.find_by_email(email_or_id)
        else:
            listed = self.list(include_tags=True, perpage=SCAN_PER_PAGE)
            hit = await self._find(listed, lambda c: c.id == email_or_id)
            found = None if hit is None else hit.record
        if found is None:
            raise CustomerNotFoundError(f"no customer {email_or_id!r} to update")
        return found

    def _hyphen_option(self) -> dict[str, int]:
        replace = self._client._replace_hyphens
        return {"replace_hyphens_with_underscores_in_json_keys": 1} if replace else {}
