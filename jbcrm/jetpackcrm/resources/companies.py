"""Companies: ``POST /companies``, ``POST /create_company``."""

from __future__ import annotations

from typing import Any

from jbcrm._core.errors import InvalidArgumentError
from jbcrm._core.pagination import AsyncPaginator
from jbcrm._core.params import Unpack, checked
from jbcrm.jetpackcrm._resource import (
    DEFAULT_PER_PAGE,
    JetpackResource,
    profile_body,
    shape_tags,
)
from jbcrm.jetpackcrm.models.companies import COMPANY_COLUMNS, Company
from jbcrm.jetpackcrm.params import AddressFields, ProfileFields

_RESERVED = frozenset({*COMPANY_COLUMNS, "id", "assign", "tags"})


def _echo_as_record(echo: dict[str, Any]) -> dict[str, Any]:
    record = {**echo, "owner": echo["assign"]} if "assign" in echo else echo
    return shape_tags(record)


class CompanyFields(AddressFields, ProfileFields, total=False):
    """What ``crm.companies.upsert`` writes beside the email: the text columns (read back under
    the same names on :class:`~jbcrm.jetpackcrm.Company`), the owner, tags and custom fields."""

    name: str | None
    status: str | None
    maintel: str | None
    sectel: str | None


class Companies(JetpackResource):
    """The CRM's companies."""

    __slots__ = ()

    def list(
        self, *, perpage: int = DEFAULT_PER_PAGE, read_ahead: bool = False
    ) -> AsyncPaginator[Company]:
        """``POST /companies``: every company in ascending id order, with the contacts attached
        to each, ``perpage`` a request.

        The endpoint takes search, owner and include parameters, but plugin 6.4.x hands them to
        its database layer one place off: ``search`` includes every company's invoices instead
        of filtering, ``invoices: "true"`` searches for "1", ``transactions: "true"`` includes
        quotes, ``quotes: "true"`` prints a PHP notice before the JSON, and ``owned`` is
        dropped. None of them can work, so none is sent; filter the companies yourself, and read
        invoices through ``invoices.list()``.
        """
        return self._list(
            "companies", Company, paging="body", perpage=perpage, read_ahead=read_ahead
        )

    async def upsert(self, *, email: str, **fields: Unpack[CompanyFields]) -> Company:
        """``POST /create_company``: create the company with this email.

        What plugin 6.4.x does with it: a new, valid email creates the company (status "Lead"
        unless given) and returns the echo, the fields sent plus ``id``. An email that already
        exists makes the plugin **replace** that company (every column not sent blanked; custom
        fields and tags not sent kept) and then die with a PHP fatal: the call raises
        :class:`~jbcrm.InternalServerError`, which is not retried and says the company may have
        been changed. A missing or invalid email gets an empty answer
        (:class:`~jbcrm.jetpackcrm.errors.RequestRejectedError`). An update by ``id`` is a PHP
        fatal that changes nothing, so this method offers none. Custom fields never store an
        empty value or "0" (refused here), nor a date (stored as empty).
        """
        if not isinstance(email, str) or not email.strip():
            raise InvalidArgumentError("create_company saves a company only through its email")
        given = {**checked(CompanyFields, fields), "email": email}
        body = profile_body(COMPANY_COLUMNS, given, _RESERVED)
        return await self._upsert("create_company", Company, body, shape=_echo_as_record)
