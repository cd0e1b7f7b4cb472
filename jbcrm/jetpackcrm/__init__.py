"""The Jetpack CRM client: :class:`JetpackCRM`, its models and its errors."""

from jbcrm.jetpackcrm.client import JETPACKCRM_RATE_LIMIT, JetpackCRM
from jbcrm.jetpackcrm.errors import (
    CustomerNotFoundError,
    RecordNotFoundError,
    RequestRejectedError,
)
from jbcrm.jetpackcrm.models import (
    Company,
    Customer,
    Event,
    EventReminder,
    Extension,
    Invoice,
    LineItem,
    Quote,
    QuoteStatus,
    Status,
    Tag,
    Transaction,
)

__all__ = [
    "JETPACKCRM_RATE_LIMIT",
    "Company",
    "Customer",
    "CustomerNotFoundError",
    "Event",
    "EventReminder",
    "Extension",
    "Invoice",
    "JetpackCRM",
    "LineItem",
    "Quote",
    "QuoteStatus",
    "RecordNotFoundError",
    "RequestRejectedError",
    "Status",
    "Tag",
    "Transaction",
]
