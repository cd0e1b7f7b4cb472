"""How Jetbuilt reports errors: hints for write access and validation."""

from __future__ import annotations

from jbcrm._core.responses import WRITE_METHODS, ResponseRules

WRITE_ACCESS_HINT = (
    "writes need 'API write access' enabled in the company's Integration Settings in Jetbuilt"
)


class JetbuiltRules(ResponseRules):
    """Jetbuilt answers JSON errors with conventional statuses."""

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
