"""The Jetbuilt tables: a project with its line items, options, rooms and systems; clients and
their contacts; users; products and vendors per product database; purchase orders; tasks;
time sessions; stock.

Ids that name records of other tables (a project's ``client_id``) are indexed columns, not
foreign key constraints: the API's lists are read at different moments, and a project may
name a client created after the clients were listed. The records that live inside another
one (a project's line items, a client's contacts) do have a foreign key to it.
"""

from __future__ import annotations

import sqlalchemy as sa

from jbcrm._mirror._schema import ID, Field, record_table
from jbcrm._mirror._types import AMOUNT, UTCDateTime

TEXT = sa.Text()
FLAG = sa.Boolean()
DAY = sa.Date()
WHEN = UTCDateTime()
INT = sa.Integer()
STAMPS = (Field("created_at", WHEN), Field("updated_at", WHEN, index=True))

PROJECTS = record_table(
    "jetbuilt_projects",
    ["id"],
    [
        Field("name", TEXT),
        Field("custom_id", TEXT),
        Field("stage", sa.String(40), index=True),
        Field("version", TEXT),
        Field("original_version_id", ID, index=True),
        Field("project_type", sa.String(40)),
        Field("client_id", ID, "client.id", index=True),
        Field("primary_contact_id", ID, "primary_contact.id"),
        Field("owner_id", ID, "owner.id", index=True),
        Field("owner_name", TEXT, "owner.full_name"),
        Field("project_manager_id", ID, "project_manager.id"),
        Field("location_id", ID, "company_location.id"),
        Field("market_segment_id", ID, "market_segment.id"),
        Field("currency", sa.String(3)),
        Field("budget", AMOUNT),
        Field("probability", AMOUNT),
        Field("equipment_total", AMOUNT),
        Field("labor_total", AMOUNT),
        Field("shipping_total", AMOUNT),
        Field("tax_total", AMOUNT),
        Field("total", AMOUNT),
        Field("paid_to_date", AMOUNT),
        Field("total_margin", AMOUNT),
        Field("equipment_margin", AMOUNT),
        Field("close_date", DAY),
        Field("price_valid_until", DAY),
        Field("city", TEXT),
        Field("state", TEXT),
        Field("country", sa.String(2)),
        Field("active", FLAG),
        *STAMPS,
    ],
    # The project's updated_at when its line items, options, rooms and systems were last read:
    # different from updated_at (or NULL) while they still have to be fetched.
    extra=[sa.Column("details_updated_at", WHEN)],
)

_PROJECT = ("project_id", "jetbuilt_projects.id")

LINE_ITEMS = record_table(
    "jetbuilt_line_items",
    ["project_id", "id"],
    [
        Field("manufacturer_name", TEXT),
        Field("model", TEXT),
        Field("part_number", TEXT),
        Field("kind", sa.String(40)),
        Field("short_description", TEXT),
        Field("quantity", AMOUNT),
        Field("price", AMOUNT),
        Field("cost", AMOUNT),
        Field("total_equipment_price", AMOUNT),
        Field("currency_iso", sa.String(3)),
        Field("product_id", ID),
        Field("custom_product_id", ID),
        Field("room_id", ID, "room.id"),
        Field("system_id", ID, "system.id"),
        Field("option_id", ID, "option.id"),
        *STAMPS,
    ],
    parent=_PROJECT,
)

OPTIONS = record_table(
    "jetbuilt_options",
    ["project_id", "id"],
    [
        Field("name", TEXT),
        Field("sold", FLAG),
        Field("change_order", FLAG),
        Field("total", AMOUNT),
        Field("upgrade_total", AMOUNT),
        Field("room_id", ID, "room.id"),
        *STAMPS,
    ],
    parent=_PROJECT,
)

ROOMS = record_table(
    "jetbuilt_rooms",
    ["project_id", "id"],
    [Field("name", TEXT), Field("quantity", AMOUNT), Field("active", FLAG), *STAMPS],
    parent=_PROJECT,
)

SYSTEMS = record_table(
    "jetbuilt_systems",
    ["project_id", "id"],
    [Field("name", TEXT), Field("active", FLAG), *STAMPS],
    parent=_PROJECT,
)

CLIENTS = record_table(
    "jetbuilt_clients",
    ["id"],
    [
        Field("company_name", TEXT),
        Field("delinquent", FLAG),
        Field("parent_id", ID, index=True),
        Field("primary_contact_email", TEXT),
        Field("city", TEXT),
        Field("state", TEXT),
        Field("country", sa.String(2)),
        *STAMPS,
    ],
)

CONTACTS = record_table(
    "jetbuilt_contacts",
    ["id"],
    [
        Field("first_name", TEXT),
        Field("last_name", TEXT),
        Field("title", TEXT),
        Field("email_address", TEXT),
        Field("primary", FLAG),
        *STAMPS,
    ],
    parent=("client_id", "jetbuilt_clients.id"),
)

USERS = record_table(
    "jetbuilt_users", ["id"], [Field("full_name", TEXT), Field("email", TEXT), *STAMPS]
)

PRODUCTS = record_table(
    "jetbuilt_products",
    ["db_id", "id"],
    [
        Field("manufacturer_name", TEXT, "manufacturer.name"),
        Field("model", TEXT),
        Field("currency_code", sa.String(3)),
        Field("product_id", ID),
        Field("cost", AMOUNT),
        Field("price", AMOUNT),
        Field("msrp", AMOUNT),
        Field("custom", FLAG),
        Field("discontinued", FLAG),
        *STAMPS,
    ],
)

VENDORS = record_table(
    "jetbuilt_vendors",
    ["db_id", "id"],
    [
        Field("name", TEXT),
        Field("manufacturer", FLAG),
        Field("distributor", FLAG),
        Field("preferred", FLAG),
        Field("dealer_pricing_status", sa.String(40)),
        Field("discount_percentage", AMOUNT),
    ],
)

PURCHASE_ORDERS = record_table(
    "jetbuilt_purchase_orders",
    ["id"],
    [
        Field("project_id", ID, index=True),
        Field("purchasing_source_id", ID),
        Field("user_id", ID),
        Field("custom_id", TEXT),
        Field("status", sa.String(40)),
        Field("shipping_option", TEXT),
        *STAMPS,
    ],
)

TASKS = record_table(
    "jetbuilt_tasks",
    ["id"],
    [
        Field("name", TEXT),
        Field("project_id", ID, index=True),
        Field("client_id", ID),
        Field("assigned_to_id", ID),
        Field("completed_at", WHEN),
        Field("due_on", DAY),
        Field("minutes", AMOUNT),
        *STAMPS,
    ],
)

TIME_SESSIONS = record_table(
    "jetbuilt_time_sessions",
    ["id"],
    [
        Field("user_id", ID, "user.id", index=True),
        Field("project_id", ID, "project.id", index=True),
        Field("start_at", WHEN),
        Field("end_at", WHEN),
        Field("duration", INT),
        Field("work_duration", INT),
        Field("description", TEXT),
        *STAMPS,
    ],
)

STOCK_ITEMS = record_table(
    "jetbuilt_stock_items",
    ["id"],
    [
        Field("stock_location_id", ID, index=True),
        Field("company_product_id", ID, index=True),
        Field("name", TEXT),
        Field("quantity", INT),
        Field("serial_num", TEXT),
        Field("status", sa.String(40)),
        *STAMPS,
    ],
)

STOCK_LOCATIONS = record_table(
    "jetbuilt_stock_locations",
    ["id"],
    [
        Field("name", TEXT),
        Field("position", TEXT),
        Field("kind", sa.String(20)),
        Field("office_id", ID),
        Field("project_id", ID),
        *STAMPS,
    ],
)

STOCK_PRODUCTS = record_table(
    "jetbuilt_stock_products",
    ["company_product_id"],
    [Field("name", TEXT), Field("quantity_available", INT)],
)
