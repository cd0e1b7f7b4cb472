"""The create_* endpoints: upserts whose answer is an echo, not the stored record.

create_customer, create_company and create_transaction echo the request body plus an int `id`;
create_event echoes its own normalised fields. Their failures come back with HTTP 200 and a
small error body, an empty page, or a PHP fatal, as the plugin's do. None of them checks the
HTTP method.
"""

from __future__ import annotations

from typing import Any

from jbcrm.sandbox.jetpack._call import Call
from jbcrm.sandbox.jetpack._php import is_valid_email, php_empty, php_int, php_text
from jbcrm.sandbox.jetpack._responses import empty_html, fatal_error
from jbcrm.sandbox.jetpack._upserts import (
    store_company,
    store_contact,
    store_event,
    store_transaction,
)

__all__ = ["create_company", "create_customer", "create_event", "create_transaction"]

INVALID_JSON = {"error": True, "message": "Invalid JSON data"}
_NO_CONTACT = {"errors": 1}
_NOT_SAVED = {"error": 100}
_REQUIRED_TRANSACTION_FIELDS = ("orderid", "status", "total")


def _echo(body: dict[str, Any], record_id: int) -> dict[str, Any]:
    return {**body, "id": record_id}


def create_customer(call: Call) -> Any:
    """Upsert a contact by `id`, else by email, replacing every column (unsent ones blanked).

    `{"errors": 1}` without a known id or a valid email; `{"error": 100}` for an id without an
    email (the plugin saves a contact only through its email). A contact who is a "Customer"
    stays one whatever `status` says, unless `sticky` is sent.
    """
    body = call.json_object()
    if body is None:
        return INVALID_JSON
    store = call.store
    contact_id = php_int(php_text(body.get("id")), -1)
    target = store.contacts.get(contact_id) if contact_id > 0 else None
    email = php_text(body.get("email"))
    if target is None and not is_valid_email(email):
        return _NO_CONTACT
    if not email:
        return _NOT_SAVED
    target = target or store.contact_by_email(email)
    sticky_status = php_text(body["stickystat"]) if "stickystat" in body else "Customer"
    saved = dict(body)
    sticky = php_empty(body.get("sticky"))
    if sticky and target is not None and target["fields"]["status"] == sticky_status:
        saved["status"] = sticky_status
    if not php_text(saved.get("status")):
        saved["status"] = "Lead"
    return _echo(body, store_contact(store, saved, target, call.now)["id"])


def create_company(call: Call) -> Any:
    """Upsert a company by email; an id, or an email that exists, is a PHP fatal.

    No valid email and no known id: an empty text/html 200. A known id: a fatal, the company
    unchanged. An email that already exists: the row is replaced, then PHP dies.
    """
    data = call.decoded_body()
    body = data if isinstance(data, dict) else {}
    store = call.store
    company_id = php_int(php_text(body.get("id")), -1)
    known = company_id > 0 and company_id in store.companies
    email = php_text(body.get("email"))
    if not known and not is_valid_email(email):
        return empty_html()
    if known:
        return fatal_error(call.headers)
    existing = store.company_by_email(email)
    company = store_company(store, body, existing, call.now)
    if existing is not None:
        return fatal_error(call.headers)
    return _echo(body, company["id"])


def create_transaction(call: Call) -> Any:
    """Upsert a transaction by `orderid`, creating a "Customer" contact for an unknown email.

    A body that is not a JSON object is a PHP fatal (500); a missing required field is
    `{"error": 400, "message": "Missing required field: <name>"}` with HTTP 200; an empty
    `status` or `total` is `{"error": 100}`.
    """
    data = call.decoded_body()
    if not isinstance(data, dict | list):
        return fatal_error(call.headers)
    body = data if isinstance(data, dict) else {}
    for field in _REQUIRED_TRANSACTION_FIELDS:
        if field not in body:
            return {"error": 400, "message": f"Missing required field: {field}"}
    store = call.store
    email = php_text(body.get("email"))
    contact = store.contact_by_email(email)
    if contact is None and email:
        fname = php_text(body.get("fname"))
        created = {"email": email, "status": "Customer", "fname": fname}
        contact = store_contact(store, created, None, call.now)
    if not php_text(body["orderid"]):
        return empty_html()
    if php_empty(php_text(body["status"])) or php_empty(php_text(body["total"])):
        return _NOT_SAVED
    return _echo(body, store_transaction(store, body, contact, call.now)["id"])


def create_event(call: Call) -> Any:
    """Create an event, or replace the one `id` names.

    The answer echoes the plugin's normalised fields (-1 for what was not sent), not the body.
    Without a title, `from` and `to`, or for an unknown id: `{"error": 100}`.
    """
    data = call.decoded_body()
    if not isinstance(data, dict) or not data:
        return _NOT_SAVED
    task: dict[str, Any] = {
        "title": php_text(data.get("title", "")),
        "customer": php_int(php_text(data["customer"]), 0) if "customer" in data else -1,
        "notes": php_text(data.get("notes", "")),
        "to": php_text(data.get("to", "")),
        "from": php_text(data.get("from", "")),
        "notify": 24 if php_int(data.get("notify"), 0) == 24 else -1,
        "complete": php_int(data.get("complete"), -1),
        "owner": php_int(data.get("owner"), -1),
    }
    event_id = php_int(data.get("id", data.get("event_id")), -1)
    if any(php_empty(task[key]) for key in ("title", "to", "from")):
        return _NOT_SAVED
    existing = call.store.events.get(event_id) if event_id > 0 else None
    if event_id > 0 and existing is None:
        return _NOT_SAVED
    event = store_event(call.store, task, existing, call.now)
    return {**task, "id": event["id"]}
