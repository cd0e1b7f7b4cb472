"""The Jetpack CRM tables: customers (contacts), companies, quotes, invoices, transactions and
events. Times are the plugin's unix times, stored as UTC; money is NUMERIC."""

from __future__ import annotations

import sqlalchemy as sa

from jbcrm._mirror._schema import ID, Field, record_table
from jbcrm._mirror._types import AMOUNT, UTCDateTime

TEXT = sa.Text()
WHEN = UTCDateTime()
STATUS = sa.String(60)
#: When the plugin created and last changed the record.
STAMPS = (
    Field("created_at", WHEN, "created"),
    Field("updated_at", WHEN, "lastupdated", index=True),
)

CUSTOMERS = record_table(
    "jetpack_customers",
    ["id"],
    [
        Field("owner", ID),
        Field("status", STATUS, index=True),
        Field("email", TEXT, index=True),
        Field("fname", TEXT),
        Field("lname", TEXT),
        Field("city", TEXT),
        Field("country", TEXT),
        *STAMPS,
    ],
)

COMPANIES = record_table(
    "jetpack_companies",
    ["id"],
    [
        Field("owner", ID),
        Field("status", STATUS),
        Field("name", TEXT),
        Field("email", TEXT),
        Field("city", TEXT),
        Field("country", TEXT),
        *STAMPS,
    ],
)

QUOTES = record_table(
    "jetpack_quotes",
    ["id"],
    [
        Field("owner", ID),
        Field("title", TEXT),
        Field("status", STATUS),
        Field("currency", sa.String(3)),
        Field("value", AMOUNT),
        Field("date", WHEN),
        Field("accepted_at", WHEN, "accepted"),
        *STAMPS,
    ],
)

INVOICES = record_table(
    "jetpack_invoices",
    ["id"],
    [
        Field("owner", ID),
        Field("id_override", TEXT),
        Field("status", STATUS, index=True),
        Field("currency", sa.String(3)),
        Field("net", AMOUNT),
        Field("tax", AMOUNT),
        Field("total", AMOUNT),
        Field("date", WHEN),
        Field("due_date", WHEN),
        *STAMPS,
    ],
)

TRANSACTIONS = record_table(
    "jetpack_transactions",
    ["id"],
    [
        Field("owner", ID),
        Field("ref", TEXT, index=True),
        Field("status", STATUS),
        Field("type", STATUS),
        Field("title", TEXT),
        Field("currency", sa.String(3)),
        Field("net", AMOUNT),
        Field("total", AMOUNT),
        Field("date", WHEN),
        Field("date_paid", WHEN),
        *STAMPS,
    ],
)

EVENTS = record_table(
    "jetpack_events",
    ["id"],
    [
        Field("owner", ID),
        Field("title", TEXT),
        Field("start", WHEN),
        Field("end", WHEN),
        Field("complete", sa.Boolean()),
        *STAMPS,
    ],
)
