"""How Jetbuilt reports errors: hints for write access, validation and a wrong base URL."""

from __future__ import annotations

from typing import TYPE_CHECKING

from jbcrm._core.errors import JBCRMError, NotFoundError
from jbcrm._core.responses import WRITE_METHODS, ResponseRules

if TYPE_CHECKING:
    from jbcrm._core.failures import ErrorContext

WRITE_ACCESS_HINT = (
    "writes need 'API write access' enabled in the company's Integration Settings in Jetbuilt"
)


#: Every Jetbuilt host serves the API under ``/api`` (production, sandbox, staging).
API_SEGMENT = "api"
WRONG_BASE_URL_HINT = (
    "no Jetbuilt API route at this path: check the client's base URL (the API is at "
    "https://app.jetbuilt.com/api; JETBUILT_BASE_URL sets it)"
)


class JetbuiltRules(ResponseRules):
    """Jetbuilt answers JSON errors with conventional statuses."""

    def api_error(self, context: ErrorContext, status: int, message: str) -> JBCRMError:
        # A 404 outside the API's path is a wrong base URL (``/apii/projects``), not a
        # missing record: say so, instead of letting "not found" read as "no such project".
        if status == 404 and API_SEGMENT not in context.request.url.path.split("/"):
            return context.api_error(NotFoundError, message, status=404, hint=WRONG_BASE_URL_HINT)
        return super().api_error(context, status, message)

    def error_hint(self, status: int, method: str) -> str | None:
        if status in (401, 403) and method in WRITE_METHODS:
            return f"check the API key; {WRITE_ACCESS_HINT}"
        if status == 401:
            return "check the API key (Authorization: Token token=...)"
        if status == 406:
            return "the server does not accept this api_version; use api_version='v1'"
        if status == 422:
            return "the server refused some fields; see field_errors"
        return super().error_hint(status, method)
