"""The 147 exchanges recorded from a real Jetpack CRM 6.4.4 site (tests/fixtures/jetpack-crm-6.4.4).

Each is one request and the plugin's answer. The credentials appear as the placeholders
``{api_key}``/``{api_secret}``; :meth:`Exchange.params` and :meth:`Exchange.response` put a
test's own credentials in their place, encoded as they travel.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import Any

import attrs
import httpx

FOLDER = Path(__file__).parent / "fixtures" / "jetpack-crm-6.4.4"
KEY, SECRET = "{api_key}", "{api_secret}"
_INDEX_ROW = re.compile(r"^\| (\d+) \|.*\[([^\]]+\.json)\]")


@attrs.frozen
class Exchange:
    """One recorded request and answer, and the site settings it was recorded under."""

    name: str
    number: int
    case: str
    request: dict[str, Any]
    answer: dict[str, Any]
    site: dict[str, str]

    @property
    def endpoint(self) -> str:
        return self.name.split("--", 1)[0]

    @property
    def method(self) -> str:
        return str(self.request["method"])

    @property
    def path(self) -> str:
        """The path as sent, without the query route's `?zbs_api=...`."""
        return str(self.request["path"]).split("?", 1)[0]

    @property
    def status(self) -> int:
        return int(self.answer["status"])

    @property
    def content_type(self) -> str | None:
        return self.answer["headers"].get("Content-Type")

    @property
    def body(self) -> str:
        return str(self.answer["body"])

    def data(self) -> Any:
        """The answer's JSON."""
        return json.loads(self.body)

    def sent_json(self) -> Any:
        """The request's JSON body (None when it sent none or not JSON)."""
        text = self.request["body"]
        try:
            return None if text is None else json.loads(text)
        except ValueError:
            return None

    def params(self, key: str, secret: str) -> list[tuple[str, str]]:
        """The query parameters in the order sent, with `key` and `secret` in place."""
        route = str(self.request["path"]).partition("?")[2]
        pairs = list(httpx.QueryParams(route).multi_items())
        for name, value in self.request["query"].items():
            pairs.append((name, value.replace(KEY, key).replace(SECRET, secret)))
        return pairs

    def response(self, request: httpx.Request, key: str, secret: str) -> httpx.Response:
        """The recorded answer to `request`, its placeholders holding `key` and `secret` as
        the server would repeat them (URL-encoded)."""
        headers = {
            name: in_url(value, key, secret)
            for name, value in self.answer["headers"].items()
            if name != "Content-Length"
        }
        return httpx.Response(
            self.status, headers=headers, content=self.body.encode(), request=request
        )

    def __repr__(self) -> str:
        return self.name


def in_url(text: str, key: str, secret: str) -> str:
    """``text`` with the placeholders replaced by ``key`` and ``secret`` as a query encodes them."""
    for placeholder, value in ((KEY, key), (SECRET, secret)):
        text = text.replace(placeholder, str(httpx.QueryParams({"x": value}))[2:])
    return text


@functools.cache
def exchanges() -> tuple[Exchange, ...]:
    """Every exchange, in recording order (each saw what the earlier ones changed)."""
    order = {}
    for line in (FOLDER / "README.md").read_text().splitlines():
        match = _INDEX_ROW.match(line)
        if match:
            order[match.group(2)] = int(match.group(1))
    found = []
    for file, number in sorted(order.items(), key=lambda item: item[1]):
        raw = json.loads((FOLDER / file).read_text())
        found.append(
            Exchange(
                name=file.removesuffix(".json"),
                number=number,
                case=raw["case"],
                request=raw["request"],
                answer=raw["response"],
                site=raw["site"],
            )
        )
    return tuple(found)


def exchange(name: str) -> Exchange:
    """The exchange recorded in `<name>.json`."""
    return next(e for e in exchanges() if e.name == name)
