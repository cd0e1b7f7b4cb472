"""Customers: ``POST /customers``, ``GET /customer_search``, ``POST /create_customer``."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping, Sequence
from typing import Any

from jbcrm._core.errors import InvalidArgumentError
from jbcrm._core.pagination import AsyncPaginator
from jbcrm.jetpackcrm._resource import (
    DEFAULT_PER_PAGE,
    JetpackResource,
    Order,
    custom_body,
    include_flag,
)
from jbcrm.jetpackcrm.errors import CustomerNotFoundError
from jbcrm.jetpackcrm.models.customers import CUSTOMER_COLUMNS, Customer

_RESERVED = frozenset({*CUSTOMER_COLUMNS, "id", "assign", "tags"})
_UPDATABLE = frozenset({*CUSTOMER_COLUMNS, "assign", "tags", "custom_fields"})
# Pages read while looking a customer up by id (the API has no get-by-id).
_SCAN_PAGE = 100


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
        """``POST /customers``: every customer, ``perpage`` a request, filtered by a name or
        email substring (``search``), owner (``owned``, a WordPress user id) or ``company`` id.

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
        self,
        query: str,
        *,
        order: Order | None = None,
        perpage: int = DEFAULT_PER_PAGE,
        read_ahead: bool = False,
    ) -> AsyncPaginator[Customer]:
        """``GET /customer_search?zbs_query=...``: customers whose name, address or custom
        fields match the free-text ``query``."""
        filters = {"zbs_query": query, "order": order, **self._hyphen_option()}
        return self._list(
            "customer_search", Customer, filters=filters, perpage=perpage, read_ahead=read_ahead
        )

    async def find_by_email(self, email: str) -> Customer | None:
        """``GET /customer_search?email=...``: the customer with this email, with their
        invoices, transactions and tags; ``None`` when there is none."""
        return await self._by_email(email, hyphens=self._hyphen_option())

    async def upsert(
        self,
        *,
        email: str | None = None,
        id: int | None = None,
        status: str | None = None,
        prefix: str | None = None,
        fname: str | None = None,
        lname: str | None = None,
        addr1: str | None = None,
        addr2: str | None = None,
        city: str | None = None,
        county: str | None = None,
        postcode: str | None = None,
        country: str | None = None,
        secaddr1: str | None = None,
        secaddr2: str | None = None,
        seccity: str | None = None,
        seccounty: str | None = None,
        secpostcode: str | None = None,
        seccountry: str | None = None,
        hometel: str | None = None,
        worktel: str | None = None,
        mobtel: str | None = None,
        tw: str | None = None,
        li: str | None = None,
        fb: str | None = None,
        assign: int | None = None,
        tags: Sequence[str] | None = None,
        custom_fields: Mapping[str, Any] | None = None,
    ) -> Customer:
        """``POST /create_customer``: create a customer, or **replace** the one with this
        ``id`` (else this ``email``).

        Replace means replace: every field not sent is blanked on an existing customer. To
        change a few fields and keep the rest, use :meth:`update`. A status is sticky: an
        existing "Customer" stays one whatever ``status`` says. ``custom_fields`` maps slugs
        to values. Safe to retry (keyed by id or email). Returns the echo: the fields sent,
        plus ``id``.
        """
        if email is None and id is None:
            raise InvalidArgumentError("upsert needs an email or the id of an existing customer")
        columns = {
            "status": status, "email": email, "prefix": prefix, "fname": fname,
            "lname": lname, "addr1": addr1, "addr2": addr2, "city": city, "county": county,
            "postcode": postcode, "country": country, "secaddr1": secaddr1,
            "secaddr2": secaddr2, "seccity": seccity, "seccounty": seccounty,
            "secpostcode": secpostcode, "seccountry": seccountry, "hometel": hometel,
            "worktel": worktel, "mobtel": mobtel, "tw": tw, "li": li, "fb": fb,
        }  # fmt: skip
        body: dict[str, Any] = {"id": id, **columns, "assign": assign}
        if tags is not None:
            body["tags"] = list(tags)
        body = custom_body(body, custom_fields, _RESERVED)
        return await self._upsert("create_customer", Customer, body)

    async def update(self, email_or_id: str | int, **fields: Any) -> Customer:
        """Change some fields of one customer and keep the others: read, merge, write.

        ``fields`` takes the :meth:`upsert` names (``fname="Ann"``, ``tags=[...]``,
        ``custom_fields={"slug": "value"}``; given custom fields are merged into the current
        ones). The customer is read by email, or by id by walking the customer list (the API
        has no get-by-id, so an email is faster). Nothing is sent when nothing changes. The
        write is an upsert by id: a change made by someone else between the read and the
        write is overwritten.
        """
        unknown = set(fields) - _UPDATABLE
        if unknown:
            raise InvalidArgumentError(
                f"update cannot set {', '.join(sorted(unknown))}; use the upsert field names"
            )
        current = await self._current(email_or_id)
        body: dict[str, Any] = {key: getattr(current, key) for key in CUSTOMER_COLUMNS}
        body = {key: value for key, value in body.items() if value is not None}
        if current.owner is not None and current.owner > 0:
            body["assign"] = current.owner
        if current.tags is not None:
            body["tags"] = [tag.name for tag in current.tags]
        custom = dict(current.custom_fields)
        wanted = {key: value for key, value in fields.items() if key != "custom_fields"}
        if "tags" in wanted:
            wanted["tags"] = list(wanted["tags"])
        custom_changes = dict(fields.get("custom_fields") or {})
        merged = {**body, **wanted}
        if merged == body and all(custom.get(k) == v for k, v in custom_changes.items()):
            return current
        merged["id"] = current.id
        merged = custom_body(merged, {**custom, **custom_changes}, _RESERVED)
        return await self._upsert("create_customer", Customer, merged)

    async def _current(self, email_or_id: str | int) -> Customer:
        if isinstance(email_or_id, str):
            found = await self._by_email(email_or_id, hyphens={})
        else:
            found = None
            pages = self.list(include_tags=True, perpage=_SCAN_PAGE).pages()
            async with contextlib.aclosing(pages):
                async for page in pages:
                    found = next((c for c in page.items if c.id == email_or_id), None)
                    if found is not None:
                        break
        if found is None:
            raise CustomerNotFoundError(f"no customer {email_or_id!r} to update")
        return found

    async def _by_email(self, email: str, *, hyphens: Mapping[str, int]) -> Customer | None:
        client = self._client
        result = await client._call("GET", "customer_search", params={"email": email, **hyphens})
        data = result.data
        if data == []:
            return None
        if isinstance(data, list) and len(data) == 1:
            # Tolerated: the one match wrapped in a list.
            data = data[0]
        return client._decode(data, Customer, result)

    def _hyphen_option(self) -> dict[str, int]:
        replace = self._client._replace_hyphens
        return {"replace_hyphens_with_underscores_in_json_keys": 1} if replace else {}
