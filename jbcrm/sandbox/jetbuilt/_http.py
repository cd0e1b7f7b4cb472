"""Request and response plumbing shared by the routes: errors, bodies, path ids."""

from __future__ import annotations

import json
from email.message import Message
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any
from urllib.parse import parse_qsl

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from jbcrm.sandbox.jetbuilt._store import Record, Store

UPLOADED_IMAGE = "_uploaded_image"


class APIError(Exception):
    """An error answer: status and JSON body, raised anywhere in a route."""

    def __init__(self, status: int, body: object) -> None:
        super().__init__(status)
        self.status = status
        self.body = body

    def response(self) -> Response:
        """The JSON response this error becomes."""
        return JSONResponse(self.body, status_code=self.status)


class Invalid(APIError):
    """422 with field errors, Rails style: `{"errors": {"field": ["can't be blank"]}}`."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__(422, {"errors": errors})


def not_found() -> APIError:
    """The 404 answer for an unknown id or path."""
    return APIError(404, {"error": "Not found"})


def store_of(request: Request) -> Store:
    """The sandbox state the app was built with."""
    store: Store = request.app.state.store
    return store


def path_id(request: Request, name: str = "id") -> int:
    """An integer path parameter; anything else cannot name a record, so 404."""
    text = str(request.path_params[name])
    if not text.isdigit():
        raise not_found()
    return int(text)


def find(table: dict[int, Record], record_id: int) -> Record:
    """A record by id, or 404."""
    record = table.get(record_id)
    if record is None:
        raise not_found()
    return record


def ok(body: object, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    """A JSON answer."""
    return JSONResponse(body, status_code=status, headers=headers)


async def fields(request: Request, root: str) -> dict[str, Any]:
    """The request's data parameters, from JSON, a urlencoded form or a multipart form.

    JSON may be flat or wrapped in `{root: {...}}`; form keys may be `root[name]`,
    `<ID>[name]` or plain `name`. An uploaded file is kept under `UPLOADED_IMAGE`.
    """
    raw = await request.body()
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if not raw:
        return {}
    if kind == "multipart/form-data":
        return _unwrap_form(_multipart(request.headers["content-type"], raw))
    if kind == "application/x-www-form-urlencoded":
        return _unwrap_form(parse_qsl(raw.decode("utf-8", "replace"), keep_blank_values=True))
    try:
        data = json.loads(raw)
    except ValueError:
        raise APIError(400, {"error": "The request body is not valid JSON"}) from None
    if not isinstance(data, dict):
        raise APIError(400, {"error": "The request body must be a JSON object"})
    wrapped = data.get(root)
    if len(data) == 1 and isinstance(wrapped, dict):
        return wrapped
    return data


def _unwrap_form(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        name = key[key.index("[") + 1 : -1] if "[" in key and key.endswith("]") else key
        result[name] = value
    return result


def _multipart(content_type: str, raw: bytes) -> list[tuple[str, Any]]:
    head = f"Content-Type: {content_type}\r\n\r\n".encode()
    message = BytesParser(policy=HTTP).parsebytes(head + raw)
    pairs: list[tuple[str, Any]] = []
    for part in message.iter_parts() if message.is_multipart() else ():
        if not isinstance(part, Message):
            continue
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str):
            continue
        filename = part.get_filename()
        payload = part.get_payload(decode=True)
        data = payload if isinstance(payload, bytes) else b""
        if filename:
            key = name[: name.index("[")] + f"[{UPLOADED_IMAGE}]" if "[" in name else UPLOADED_IMAGE
            pairs.append((key, filename))
        else:
            pairs.append((name, data.decode("utf-8", "replace")))
    return pairs
