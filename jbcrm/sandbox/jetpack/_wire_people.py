"""Contacts, companies and their tags in the exact wire shapes the plugin sends.

A contact carries its numbers as strings (`id`, `owner`, `createduts`, `lastupdated`), its
creation time twice (`created` as site-local DATETIME text, `createduts` as unix seconds) and
its second address under the old `secaddr_*` names; a company carries `id` and `owner` as
strings but its times as ints. Custom fields follow the columns, keyed by slug, with a date
field's companions (`<slug>_cfdate`, and `<slug>_datetime_str`/`<slug>_date_str` once set).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from jbcrm.sandbox.jetpack._call import View
from jbcrm.sandbox.jetpack._records import Company, Contact
from jbcrm.sandbox.jetpack._schema import (
    ADDRESS_KEYS,
    COMPANY_COLUMNS,
    COMPANY_CUSTOM,
    CONTACT_CUSTOM,
    CONTACT_READ_NAMES,
    CustomField,
)

__all__ = ["Wire", "address_wire", "company_wire", "contact_wire", "custom_wire", "tags_wire"]

Wire = dict[str, Any]

_FIRST_ADDRESS = ("addr1", "addr2", "city", "county", "country", "postcode")
_SECOND_ADDRESS = ("secaddr1", "secaddr2", "seccity", "seccounty", "seccountry", "secpostcode")
_SOCIAL = ("tw", "li", "fb")


def address_wire(values: Mapping[str, str]) -> Wire:
    """The address custom fields every record carries (`""` where the record has none)."""
    return {key: values.get(key, "") for key in ADDRESS_KEYS}


def custom_wire(view: View, fields: Iterable[CustomField], values: Mapping[str, str]) -> Wire:
    """Custom fields by slug; a date field's value is unix seconds as text, with companions."""
    wire: Wire = {}
    for field in fields:
        value = values.get(field.slug, "")
        wire[field.slug] = value
        if field.kind == "date":
            stamp = int(value) if value.lstrip("-").isdigit() else None
            wire[f"{field.slug}_cfdate"] = "" if stamp is None else view.dates.utc_day(stamp)
            if stamp is not None:
                wire[f"{field.slug}_datetime_str"] = view.dates.wordpress_time(stamp)
                wire[f"{field.slug}_date_str"] = view.dates.wordpress_day(stamp)
    return wire | address_wire(values)


def tags_wire(view: View, tag_ids: Iterable[int]) -> list[Wire]:
    """Tags as the read endpoints send them: every value a string, newest tag first."""
    tags = [view.store.tags[i] for i in sorted(tag_ids, reverse=True)]
    return [
        {
            "id": str(tag["id"]),
            "objtype": str(tag["objtype"]),
            "name": tag["name"],
            "slug": tag["name"].lower().replace(" ", "-"),
            "created": str(tag["created"]),
            "lastupdated": str(tag["created"]),
        }
        for tag in tags
    ]


def contact_wire(view: View, contact: Contact) -> Wire:
    """A contact as `customers`, `customer_search` and the lists that embed contacts send it."""
    fields, dates = contact["fields"], view.dates
    wire: Wire = {"id": str(contact["id"]), "owner": str(contact["owner"])}
    wire |= {key: fields[key] for key in ("status", "email", "prefix", "fname", "lname")}
    wire |= {key: fields[key] for key in _FIRST_ADDRESS}
    wire |= {CONTACT_READ_NAMES[key]: fields[key] for key in _SECOND_ADDRESS}
    wire |= {key: fields[key] for key in ("hometel", "worktel", "mobtel")}
    wire |= {"wpid": "-1", "avatar": ""}
    wire |= {key: fields[key] for key in _SOCIAL}
    contacted, created, updated = (
        contact["lastcontacted"],
        contact["created"],
        contact["lastupdated"],
    )
    name = " ".join((fields["prefix"], fields["fname"], fields["lname"])).lstrip()
    wire |= {
        "created": dates.db(created),
        "lastcontacted": dates.db(contacted) if contacted > 0 else -1,
        "createduts": str(created),
        "created_date": dates.crm(created),
        "lastupdated": str(updated),
        "lastupdated_date": dates.crm(updated),
        "lastcontacteduts": str(contacted),
        "lastcontacted_date": dates.crm(contacted),
        "fullname": name,
        "name": name,
    }
    return wire | custom_wire(view, CONTACT_CUSTOM, contact["custom"])


def company_wire(view: View, company: Company) -> Wire:
    """A company as `companies` sends it, with the contacts attached to it."""
    dates = view.dates
    wire: Wire = {"id": str(company["id"]), "owner": str(company["owner"])}
    columns = company["fields"]
    wire |= {key: columns[key] for key in COMPANY_COLUMNS if key not in _SOCIAL}
    wire |= {"wpid": 0, "avatar": ""}
    wire |= {key: columns[key] for key in _SOCIAL}
    wire |= {
        "created": company["created"],
        "created_date": dates.crm(company["created"]),
        "lastupdated": company["lastupdated"],
        "lastupdated_date": dates.crm(company["lastupdated"]),
        "lastcontacted": 0,
        "lastcontacted_date": False,
    }
    wire |= custom_wire(view, COMPANY_CUSTOM, company["custom"])
    wire["contacts"] = [contact_wire(view, c) for c in view.store.members_of(company["id"])]
    return wire
