"""Typed models of every Jetpack CRM API response."""

from jbcrm.jetpackcrm.models._base import JetpackModel
from jbcrm.jetpackcrm.models.companies import Company
from jbcrm.jetpackcrm.models.customers import Customer
from jbcrm.jetpackcrm.models.events import Event, EventReminder
from jbcrm.jetpackcrm.models.invoices import Invoice
from jbcrm.jetpackcrm.models.lineitems import LineItem
from jbcrm.jetpackcrm.models.quotes import Quote, QuoteStatus
from jbcrm.jetpackcrm.models.status import Extension, Status
from jbcrm.jetpackcrm.models.tags import Tag
from jbcrm.jetpackcrm.models.transactions import Transaction

__all__ = [
    "Company",
    "Customer",
    "Event",
    "EventReminder",
    "Extension",
    "Invoice",
    "JetpackModel",
    "LineItem",
    "Quote",
    "QuoteStatus",
    "Status",
    "Tag",
    "Transaction",
]
