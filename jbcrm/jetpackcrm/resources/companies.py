"""Companies: ``POST /companies``, ``POST /create_company``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from jbcrm._core.errors import InvalidArgumentError
from jbcrm._core.pagination import AsyncPaginator
from jbcrm.jetpackcrm._resource import DEFAULT_PER_PAGE, JetpackResource, custom_body, include_flag
from jbcrm.jetpackcrm.models.companies import Company

_COLUMNS = frozenset(
    {
        "name", "email", "status", "addr1", "addr2", "city", "county", "postcode", "country",
        "secaddr1", "secaddr2", "seccity", "seccounty", "secpostcode", "seccountry",
        "maintel", "sectel", "tw", "li", "fb",
    }
)  # fmt: skip
_RESERVED = frozenset({*_COLUMNS, "id", "assign", "tags"})


class Companies(JetpackResource):
    """The CRM's companies."""

    __slots__ = ()

    def list(
        self,
        *,
        search: str | None = None,
        owned: int | None = None,
        include_invoices: bool = False,
        include_quotes: bool = False,
        include_transactions: bool = False,
        perpage: int = DEFAULT_PER_PAGE,
        read_ahead: bool = False,
    ) -> AsyncPaginator[Company]:
        """``POST /companies``: every company, ``perpage`` a request.

        Caution: the plugin hands these arguments to its database layer out of order, so on
        the versions seen so far ``search`` and the include flags do not do what they say
        (one may act as another) and ``owned`` is ignored. They are sent as the document
        describes (include flags as the string ``"true"``), so that a fixed plugin honours
        them; filter the results yourself meanwhile. Paging works.
        """
        filters = {
            "search": search,
            "owned": owned,
            "invoices": include_flag(include_invoices),
            "quotes": include_flag(include_quotes),
            "transactions": include_flag(include_transactions),
        }
        return self._list(
            "companies",
            Company,
            filters=filters,
            paging="body",
            perpage=perpage,
            read_ahead=read_ahead,
        )

    async def upsert(
        self,
        *,
        email: str | None = None,
        id: int | None = None,
        name: str | None = None,
        status: str | None = None,
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
        maintel: str | None = None,
        sectel: str | None = None,
        tw: str | None = None,
        li: str | None = None,
        fb: str | None = None,
        assign: int | None = None,
        tags: Sequence[str] | None = None,
        custom_fields: Mapping[str, Any] | None = None,
    ) -> Company:
        """``POST /create_company``: create a company, or **replace** the one with this
        ``id`` (else this ``email``); fields not sent are blanked.

        The plugin answers a new company without an email with an empty body (raised as
        :class:`~jbcrm.jetpackcrm.errors.RequestRejectedError`), and an email that already
        exists with a PHP fatal (500, :class:`~jbcrm.InternalServerError`) *after* saving
        the company, so an upsert by email is not retried; updating by ``id`` avoids both.
        """
        if email is None and id is None:
            raise InvalidArgumentError("upsert needs an email or the id of an existing company")
        columns = {
            "name": name, "email": email, "status": status, "addr1": addr1, "addr2": addr2,
            "city": city, "county": county, "postcode": postcode, "country": country,
            "secaddr1": secaddr1, "secaddr2": secaddr2, "seccity": seccity,
            "seccounty": seccounty, "secpostcode": secpostcode, "seccountry": seccountry,
            "maintel": maintel, "sectel": sectel, "tw": tw, "li": li, "fb": fb,
        }  # fmt: skip
        body: dict[str, Any] = {"id": id, **columns, "assign": assign}
        if tags is not None:
            body["tags"] = list(tags)
        body = custom_body(body, custom_fields, _RESERVED)
        # By email the plugin dies after saving an existing company: retrying gains nothing.
        retries = 0 if id is None else None
        return await self._upsert("create_company", Company, body, max_retries=retries)
