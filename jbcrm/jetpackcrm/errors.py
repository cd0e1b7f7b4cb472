"""Errors particular to Jetpack CRM."""

from __future__ import annotations

from jbcrm._core.errors import BadRequestError, JBCRMError


class RequestRejectedError(BadRequestError):
    """The CRM refused the request inside an HTTP 200 answer (``{"error": ...}``,
    ``{"errors": 1}``, or an empty body); ``status`` is that 200 and ``body`` the answer."""


class RecordNotFoundError(JBCRMError, LookupError):
    """No record has the email, id or order id that a read-merge-write update named."""


class CustomerNotFoundError(RecordNotFoundError):
    """No customer has the email or id that :meth:`~jbcrm.jetpackcrm.resources.Customers.update`
    named."""
