"""Typed models of every Jetbuilt API response, and the values the API enumerates."""

from jbcrm.jetbuilt.enums import (
    AVSO_REGIONS,
    HEAT_LOAD_UNITS,
    LENGTH_UNITS,
    LINE_ITEM_KINDS,
    POWER_UNITS,
    PROJECT_TYPES,
    RACK_UNITS,
    STAGES,
    STOCK_LOCATION_KINDS,
    TASK_TYPES,
    WARRANTY_UNITS,
    WEIGHT_UNITS,
    AvsoRegion,
    HeatLoadUnit,
    LengthUnit,
    LineItemKind,
    PowerUnit,
    ProjectType,
    RackUnit,
    Stage,
    StockLocationKind,
    TaskType,
    WarrantyUnit,
    WeightUnit,
)
from jbcrm.jetbuilt.models.clients import Client, Contact
from jbcrm.jetbuilt.models.common import Deleted, NamedRef, Ref, UserRef
from jbcrm.jetbuilt.models.company import Company, CompanyLocation
from jbcrm.jetbuilt.models.discussions import Comment, Discussion
from jbcrm.jetbuilt.models.items import (
    BundleRef,
    Expense,
    Factor,
    LineItem,
    LineItemLabor,
    ProjectItems,
    RoomRef,
    Trip,
)
from jbcrm.jetbuilt.models.market_segments import MarketSegment
from jbcrm.jetbuilt.models.options import Option, OptionDetail
from jbcrm.jetbuilt.models.phases import Phase
from jbcrm.jetbuilt.models.products import Product
from jbcrm.jetbuilt.models.projects import (
    Bundle,
    Project,
    ProjectDetail,
    ProjectLabor,
    ProjectVersion,
)
from jbcrm.jetbuilt.models.purchase_orders import PurchaseOrder, PurchaseOrderDetail, ShipAddress
from jbcrm.jetbuilt.models.purchasing import PurchasingLineItem, PurchasingSource
from jbcrm.jetbuilt.models.rooms import Room, RoomDetail
from jbcrm.jetbuilt.models.service_packages import ServicePackage
from jbcrm.jetbuilt.models.stock import StockItem, StockLocation, StockOffice, StockProduct
from jbcrm.jetbuilt.models.systems import System
from jbcrm.jetbuilt.models.tags import Tag
from jbcrm.jetbuilt.models.tasks import Task, TaskDetail, TaskNote, TaskStep
from jbcrm.jetbuilt.models.time_sessions import ProjectRef, TimeEntry, TimeSession
from jbcrm.jetbuilt.models.users import User
from jbcrm.jetbuilt.models.vendors import (
    DealerPrice,
    Vendor,
    VendorProduct,
    VendorPurchasingSource,
)

__all__ = [
    "AVSO_REGIONS",
    "HEAT_LOAD_UNITS",
    "LENGTH_UNITS",
    "LINE_ITEM_KINDS",
    "POWER_UNITS",
    "PROJECT_TYPES",
    "RACK_UNITS",
    "STAGES",
    "STOCK_LOCATION_KINDS",
    "TASK_TYPES",
    "WARRANTY_UNITS",
    "WEIGHT_UNITS",
    "AvsoRegion",
    "Bundle",
    "BundleRef",
    "Client",
    "Comment",
    "Company",
    "CompanyLocation",
    "Contact",
    "DealerPrice",
    "Deleted",
    "Discussion",
    "Expense",
    "Factor",
    "HeatLoadUnit",
    "LengthUnit",
    "LineItem",
    "LineItemKind",
    "LineItemLabor",
    "MarketSegment",
    "NamedRef",
    "Option",
    "OptionDetail",
    "Phase",
    "PowerUnit",
    "Product",
    "Project",
    "ProjectDetail",
    "ProjectItems",
    "ProjectLabor",
    "ProjectRef",
    "ProjectType",
    "ProjectVersion",
    "PurchaseOrder",
    "PurchaseOrderDetail",
    "PurchasingLineItem",
    "PurchasingSource",
    "RackUnit",
    "Ref",
    "Room",
    "RoomDetail",
    "RoomRef",
    "ServicePackage",
    "ShipAddress",
    "Stage",
    "StockItem",
    "StockLocation",
    "StockLocationKind",
    "StockOffice",
    "StockProduct",
    "System",
    "Tag",
    "Task",
    "TaskDetail",
    "TaskNote",
    "TaskStep",
    "TaskType",
    "TimeEntry",
    "TimeSession",
    "Trip",
    "User",
    "UserRef",
    "Vendor",
    "VendorProduct",
    "VendorPurchasingSource",
    "WarrantyUnit",
    "WeightUnit",
]
