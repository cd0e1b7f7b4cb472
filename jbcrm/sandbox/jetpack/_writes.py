"""The create_* endpoints: upserts that echo the request body plus an int `id`.

Their failures come back with HTTP 200 and a small error body, as the plugin's do.
"""

from __future__ import annotations

from typing import Any

from jbcrm.sandbox.jetpack._call import Call
from jbcrm.sandbox.jetpack._php import is_valid_email, php_int
from jbcrm.sandbox.jetpack._reads import INVALID_JSON
from jbcrm.sandbox.jetpack._responses import empty_html, fatal_error

__all__ = ["create_company", "create_customer", "create_event", "create_transaction"]

_NO_CONTACT = {"errors": 1}
_NOTHING_DONE = {"error": 100}
_REQUIRED_TRANSACTION_FIELDS = ("orderid", "status", "total")


def _echo(body: dict[str, Any], new_id: int) -> dict[str, Any]:
    return {**body, "id": new_id}


def create_customer(call: Call) -> Any:
    """Upsert a contact by `id`, else by email, replacing every column (unsent ones blanked).

    `{"errors": 1}` without a known id or a valid email; `{"error": 100}` when an update by
    id changed nothing. A contact who is a Customer stays one whatever `status` says.
    """
    body = call.json_body()
    if body is None:
        return INVALID_JSON
    store = call.store
    target = store.contacts.get(php_int(body.get("id"), 0))
    if target is not None:
        if not store.update_contact(body, target, call.now):
            return _NOTHING_DONE
        return _echo(body, target.id)
    email = body.get("email")
    if not is_valid_email(email):
        return _NO_CONTACT
    assert isinstance(email, str)
    existing = store.contact_by_email(email)
    if existing is None:
        return _echo(body, store.new_contact(body, call.now).id)
    store.update_contact(body, existing, call.now)
    return _echo(body, existing.id)


def create_company(call: Call) -> Any:
    """Upsert a company by `id`, else by email.

    No email: an empty text/html 200. An email that already exists: the row is replaced,
    then PHP dies with a 500.
    """
    body = call.json_body()
    if body is None:
        return INVALID_JSON
    store = call.store
    target = store.companies.get(php_int(body.get("id"), 0))
    if target is not None:
        return _echo(body, store.save_company(body, target, call.now).id)
    email = body.get("email")
    if not is_valid_email(email):
        return empty_html()
    assert isinstance(email, str)
    existing = store.company_by_email(email)
    company = store.save_company(body, existing, call.now)
    if existing is not None:
        return fatal_error(call.headers)
    return _echo(body, company.id)


def create_transaction(call: Call) -> Any:
    """Upsert a transaction by `orderid`, creating a Customer contact for an unknown email.

    A body that is not JSON is a PHP fatal (500); a missing required field is
    `{"error": 400, "message": "Missing required field: <name>"}` with HTTP 200.
    """
    body = call.json_body()
    if body is None:
        return fatal_error(call.headers)
    for field in _REQUIRED_TRANSACTION_FIELDS:
        if body.get(field) in (None, ""):
            return {"error": 400, "message": f"Missing required field: {field}"}
    return _echo(body, call.store.save_transaction(body, call.now).id)


def create_event(call: Call) -> Any:
    """Create an event, or replace the one `id` names; `{}` or an unknown id is `{"error": 100}`."""
    body = call.json_body()
    if body is None:
        return INVALID_JSON
    if not body:
        return _NOTHING_DONE
    existing = None
    event_id = php_int(body.get("id"), 0)
    if event_id:
        existing = call.store.events.get(event_id)
        if existing is None:
            return _NOTHING_DONE
    return _echo(body, call.store.save_event(body, existing, call.now).id)
