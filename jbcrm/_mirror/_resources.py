"""The collections each API's mirror can copy, by the names ``--resources`` takes (importable
without the ``db`` extra, for the command line's help and checks)."""

JETBUILT = (
    "projects",
    "clients",
    "users",
    "products",
    "vendors",
    "purchase_orders",
    "tasks",
    "time_sessions",
    "stock",
)
JETPACK = ("customers", "companies", "quotes", "invoices", "transactions", "events")

RESOURCES = {"jetbuilt": JETBUILT, "jetpack": JETPACK}
