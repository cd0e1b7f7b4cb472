"""The columns of each record and the custom fields this simulated site defines.

The site has the custom fields of the site the plugin's answers were recorded on: for contacts
`custom-field`, `cf1` (text), `birthday` (date), `score` (number), `tier` (select) and
`interests` (checkbox); for companies `sector`, `founded` (date), `size` and `employees`; for
transactions `channel`; and an address field `floor`, which every record carries twice, as
`addr_floor` and `secaddr_floor`.
"""

from __future__ import annotations

from typing import Literal

import attrs

__all__ = [
    "ADDRESS_KEYS",
    "COMPANY_COLUMNS",
    "COMPANY_CUSTOM",
    "CONTACT_COLUMNS",
    "CONTACT_CUSTOM",
    "CONTACT_READ_NAMES",
    "SUCCESS_STATUSES",
    "TRANSACTION_CUSTOM",
    "CustomField",
]

Kind = Literal["text", "date", "number", "select", "checkbox"]


@attrs.frozen
class CustomField:
    """A custom field: its slug (the key on the wire) and its kind."""

    slug: str
    kind: Kind = "text"


CONTACT_CUSTOM = (
    CustomField("custom-field"),
    CustomField("cf1"),
    CustomField("birthday", "date"),
    CustomField("score", "number"),
    CustomField("tier", "select"),
    CustomField("interests", "checkbox"),
)
COMPANY_CUSTOM = (
    CustomField("sector"),
    CustomField("founded", "date"),
    CustomField("size", "select"),
    CustomField("employees", "number"),
)
TRANSACTION_CUSTOM = (CustomField("channel"),)
# An address custom field is one value per address block.
ADDRESS_KEYS = ("addr_floor", "secaddr_floor")

# The text columns create_customer writes, by the names it reads them under.
CONTACT_COLUMNS = (
    "status", "email", "prefix", "fname", "lname",
    "addr1", "addr2", "city", "county", "country", "postcode",
    "secaddr1", "secaddr2", "seccity", "seccounty", "seccountry", "secpostcode",
    "hometel", "worktel", "mobtel", "tw", "li", "fb",
)  # fmt: skip
# The read endpoints send a contact's second address under its old names.
CONTACT_READ_NAMES = {
    "secaddr1": "secaddr_addr1",
    "secaddr2": "secaddr_addr2",
    "seccity": "secaddr_city",
    "seccounty": "secaddr_county",
    "seccountry": "secaddr_country",
    "secpostcode": "secaddr_postcode",
}
COMPANY_COLUMNS = (
    "status", "name", "email",
    "addr1", "addr2", "city", "county", "country", "postcode",
    "secaddr1", "secaddr2", "seccity", "seccounty", "seccountry", "secpostcode",
    "maintel", "sectel", "tw", "li", "fb",
)  # fmt: skip

# Transaction statuses the site counts as successful (Settings → Transactions); the recorded
# site counted every status it had.
SUCCESS_STATUSES = frozenset({"Succeeded", "Completed", "Paid", "Refunded", "Failed", "Pending"})
