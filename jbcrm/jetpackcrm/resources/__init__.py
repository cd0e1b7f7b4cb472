"""The resource namespaces of :class:`~jbcrm.JetpackCRM`, one module per family."""

from jbcrm.jetpackcrm.resources.companies import Companies
from jbcrm.jetpackcrm.resources.customers import Customers
from jbcrm.jetpackcrm.resources.events import Events
from jbcrm.jetpackcrm.resources.invoices import Invoices
from jbcrm.jetpackcrm.resources.quotes import Quotes
from jbcrm.jetpackcrm.resources.transactions import Transactions

__all__ = ["Companies", "Customers", "Events", "Invoices", "Quotes", "Transactions"]
