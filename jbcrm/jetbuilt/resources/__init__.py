"""The Jetbuilt resource namespaces, one module per family of routes.

Naming rule, applied everywhere: a namespace mirrors the API path in snake_case, and the ids
the path needs come first, positionally, in path order: the product database
(``jb.products.list(db_id)``), then the parent (``jb.projects.items.list(project_id)``), then
the record (``jb.vendors.products.get(db_id, vendor_id, product_id)``).
"""

from jbcrm.jetbuilt.models import Deleted
from jbcrm.jetbuilt.resources.clients import Clients, Contacts
from jbcrm.jetbuilt.resources.company import CompanyResource
from jbcrm.jetbuilt.resources.discussions import Discussions
from jbcrm.jetbuilt.resources.items import LineItems, LineItemsPaginator
from jbcrm.jetbuilt.resources.market_segments import MarketSegments
from jbcrm.jetbuilt.resources.options import OptionPurchasing, OptionRooms, Options
from jbcrm.jetbuilt.resources.phases import Phases
from jbcrm.jetbuilt.resources.products import Products
from jbcrm.jetbuilt.resources.projects import Projects, Revisions
from jbcrm.jetbuilt.resources.purchase_orders import PurchaseOrders
from jbcrm.jetbuilt.resources.purchasing import ProjectPurchasing, Purchasing, PurchasingSources
from jbcrm.jetbuilt.resources.rooms import Rooms
from jbcrm.jetbuilt.resources.service_packages import ServicePackages
from jbcrm.jetbuilt.resources.stock import (
    Stock,
    StockItems,
    StockLocations,
    StockProductItems,
    StockProducts,
)
from jbcrm.jetbuilt.resources.systems import Systems
from jbcrm.jetbuilt.resources.tags import Tags
from jbcrm.jetbuilt.resources.tasks import Tasks
from jbcrm.jetbuilt.resources.time_sessions import TimeSessions
from jbcrm.jetbuilt.resources.users import Users
from jbcrm.jetbuilt.resources.vendors import VendorProducts, Vendors

__all__ = [
    "Clients",
    "CompanyResource",
    "Contacts",
    "Deleted",
    "Discussions",
    "LineItems",
    "LineItemsPaginator",
    "MarketSegments",
    "OptionPurchasing",
    "OptionRooms",
    "Options",
    "Phases",
    "Products",
    "ProjectPurchasing",
    "Projects",
    "PurchaseOrders",
    "Purchasing",
    "PurchasingSources",
    "Revisions",
    "Rooms",
    "ServicePackages",
    "Stock",
    "StockItems",
    "StockLocations",
    "StockProductItems",
    "StockProducts",
    "Systems",
    "Tags",
    "Tasks",
    "TimeSessions",
    "Users",
    "VendorProducts",
    "Vendors",
]
