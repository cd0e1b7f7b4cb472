"""The sandbox against the real plugin: every recorded exchange replayed, in recording order.

Each recorded request is sent to a sandbox holding the recorded site's data
(`JetpackSandbox(data="reference")`), under the time zone and permalink setting it was recorded
under, with the sandbox's credentials. The answer must match the recorded one in status,
content type, redirect target, the kind of HTML page, and the JSON shape: the key set of every
object (allowing the keys that exist only for some values), every value's type (ids as the
strings the plugin sends), list lengths, and error bodies exactly. The read-backs that follow a
write (`*--after-*`) must match in their values too, which pins down what an upsert blanks,
keeps and resets.

Differences that remain, and why they stay:

| where | difference | why |
|---|---|---|
| HTML pages | theme markup, scripts, site name | a client needs only the kind of page |
| JSON answers | key order, `Content-Length` | a client reads keys by name |
| outside read-backs | seed times, the random `hash` of quotes and invoices | data |
| read-backs | `created*`, `lastupdated*`, `hash`, a transaction's clock-set `date` | clock |
"""

from __future__ import annotations

import asyncio
import json
import re
from typing import Any

import httpx
import pytest

from jbcrm.sandbox import JetpackSandbox
from tests.recorded_exchanges import Exchange, exchanges, in_url

# Keys a record carries only for some values: a date custom field's companions once it is set.
_VARIABLE_KEYS = re.compile(r".+_(datetime_str|date_str)$")
# Values set by the clock or at random.
_CLOCK_KEYS = frozenset(
    {"created", "createduts", "created_date", "lastupdated", "lastupdated_date", "hash"}
)
_NOTICE = re.compile(r'^(<div class="zbs info msg">[^<]*</div>)(.*)$', re.S)


def page_kind(text: str) -> str:
    """What an HTML answer is, as far as a client can tell."""
    if not text:
        return "empty"
    if "wp-die-message" in text:
        return "WordPress error page"
    if re.search(r"<title>Page not found", text):
        return "theme 404 page"
    return "HTML page" if text.lstrip().lower().startswith("<!doctype html") else "text"


def shape_differences(real: Any, mine: Any, where: str = "$") -> list[str]:
    """Where the sandbox's JSON differs in shape from the real plugin's."""
    if isinstance(real, dict) and isinstance(mine, dict):
        found = []
        missing = {k for k in real.keys() - mine.keys() if not _VARIABLE_KEYS.match(k)}
        extra = {k for k in mine.keys() - real.keys() if not _VARIABLE_KEYS.match(k)}
        if missing or extra:
            found.append(f"{where}: keys missing {sorted(missing)}, extra {sorted(extra)}")
        for key in real.keys() & mine.keys():
            found += shape_differences(real[key], mine[key], f"{where}.{key}")
        return found
    if isinstance(real, list) and isinstance(mine, list):
        if len(real) != len(mine):
            return [f"{where}: {len(real)} items recorded, {len(mine)} from the sandbox"]
        found = []
        for index, (one, other) in enumerate(zip(real, mine, strict=True)):
            found += shape_differences(one, other, f"{where}[{index}]")
        return found
    if type(real) is not type(mine):
        return [f"{where}: {type(real).__name__} recorded, {type(mine).__name__} here"]
    return []


def value_differences(real: Any, mine: Any, where: str = "$") -> list[str]:
    """Where the values differ, leaving out those set by the clock or at random."""
    if isinstance(real, dict) and isinstance(mine, dict):
        found = []
        for key in real.keys() & mine.keys() - _CLOCK_KEYS:
            if key in ("date", "date_date") and real.get("date") and mine.get("date"):
                # A transaction sent without a date is dated by the clock.
                continue
            found += value_differences(real[key], mine[key], f"{where}.{key}")
        return found
    if isinstance(real, list) and isinstance(mine, list):
        found = []
        for index, (one, other) in enumerate(zip(real, mine, strict=False)):
            found += value_differences(one, other, f"{where}[{index}]")
        return found
    return [] if real == mine else [f"{where}: {mine!r}, recorded {real!r}"]


def _is_error_body(exchange: Exchange, data: Any) -> bool:
    if exchange.status >= 300:
        return True
    return isinstance(data, dict) and bool({"error", "errors"} & data.keys())


def _header_differences(
    exchange: Exchange, answer: httpx.Response, key: str, secret: str
) -> list[str]:
    found = []
    if answer.status_code != exchange.status:
        found.append(f"status {answer.status_code}, recorded {exchange.status}")
    content_type = answer.headers.get("Content-Type")
    if content_type != exchange.content_type:
        found.append(f"content type {content_type!r}, recorded {exchange.content_type!r}")
    location = exchange.answer["headers"].get("Location")
    if location is not None:
        recorded = httpx.URL(in_url(location, key, secret))
        given = httpx.URL(answer.headers.get("Location", ""))
        if (recorded.path, recorded.params) != (given.path, given.params):
            found.append(f"redirected to {given}, recorded {recorded}")
    return found


def differences(exchange: Exchange, answer: httpx.Response, key: str, secret: str) -> list[str]:
    """Every way `answer` differs from the recorded one."""
    found = _header_differences(exchange, answer, key, secret)
    real_text, text = exchange.body, answer.text
    real_notice, notice = _NOTICE.match(real_text), _NOTICE.match(text)
    if real_notice or notice:
        if not (real_notice and notice and real_notice.group(1) == notice.group(1)):
            return [*found, "the notice printed before the JSON differs"]
        real_text, text = real_notice.group(2), notice.group(2)
    try:
        real = json.loads(real_text)
    except ValueError:
        if page_kind(real_text) != page_kind(text):
            found.append(f"{page_kind(text)}, recorded {page_kind(real_text)}")
        return found
    try:
        mine = json.loads(text)
    except ValueError:
        return [*found, f"{page_kind(text)}, recorded JSON"]
    if _is_error_body(exchange, real) and real != mine:
        found.append(f"error body {mine}, recorded {real}")
    found += shape_differences(real, mine)
    if "--after-" in exchange.name:
        found += value_differences(real, mine)
    return found


async def _replay_all() -> dict[str, list[str]]:
    # Credentials with the characters URLs must encode: the replay puts them where the
    # placeholders were.
    sandbox = JetpackSandbox(
        data="reference", api_key="jpcrm_pk_a+b/c=d", api_secret="jpcrm_sk_% &x"
    )
    key, secret = sandbox.api_key, sandbox.api_secret
    found: dict[str, list[str]] = {}
    transport = sandbox.transport()
    async with httpx.AsyncClient(transport=transport, base_url=sandbox.base_url) as client:
        for exchange in exchanges():
            sandbox.timezone = exchange.site["timezone"]
            sandbox.permalinks = "plain" if exchange.site["permalinks"] == "plain" else "pretty"
            sandbox.misconfigured = "not flushed" in exchange.case
            body = exchange.request["body"]
            request = client.build_request(
                exchange.method,
                exchange.path,
                params=exchange.params(key, secret),
                headers=exchange.request["headers"],
                content=None if body is None else body.encode(),
            )
            found[exchange.name] = differences(exchange, await client.send(request), key, secret)
    return found


@pytest.fixture(scope="module")
def replayed() -> dict[str, list[str]]:
    """Every exchange replayed once, in order, against one reference sandbox."""
    return asyncio.run(_replay_all())


@pytest.mark.parametrize("exchange", exchanges(), ids=lambda e: e.name)
def test_the_sandbox_answers_every_recorded_request_like_the_real_plugin(
    exchange: Exchange, replayed: dict[str, list[str]]
) -> None:
    assert replayed[exchange.name] == []


def test_the_shape_comparison_sees_keys_types_and_lengths() -> None:
    real = [{"id": "1", "owner": "-1", "tags": [{"id": "2"}], "birthday_date_str": "x"}]
    assert shape_differences(real, [{"id": "1", "owner": "-1", "tags": [{"id": "2"}]}]) == []
    assert shape_differences(real, [{"id": 1, "owner": "-1", "tags": [{"id": "2"}]}]) == [
        "$[0].id: str recorded, int here"
    ]
    assert shape_differences(real, [{"id": "1", "tags": []}]) == [
        "$[0]: keys missing ['owner'], extra []",
        "$[0].tags: 1 items recorded, 0 from the sandbox",
    ]
    assert shape_differences(real, []) == ["$: 1 items recorded, 0 from the sandbox"]


def test_a_read_back_must_match_in_values_but_not_in_clock_times() -> None:
    real = {"fname": "", "owner": "-1", "lastupdated": "1796112048", "hash": "a"}
    assert value_differences(real, {**real, "lastupdated": "1", "hash": "b"}) == []
    assert value_differences(real, {**real, "fname": "Cara"}) == ["$.fname: 'Cara', recorded ''"]


def test_error_bodies_html_pages_and_notices_are_compared() -> None:
    fatal = next(e for e in exchanges() if e.name == "create_company--by-id-form")
    page = httpx.Response(500, headers={"Content-Type": fatal.content_type or ""}, text="<p>x</p>")
    assert differences(fatal, page, "k", "s") == ["text, recorded WordPress error page"]
    rejected = next(e for e in exchanges() if e.name == "create_customer--by-id")
    other = httpx.Response(
        200, headers={"Content-Type": rejected.content_type or ""}, json={"errors": 1}
    )
    assert differences(rejected, other, "k", "s") == [
        "error body {'errors': 1}, recorded {'error': 100}",
        "$: keys missing ['error'], extra ['errors']",
    ]
    noticed = next(e for e in exchanges() if e.name == "companies--quotes-string-true")
    plain = httpx.Response(200, headers={"Content-Type": noticed.content_type or ""}, text="[]")
    assert differences(noticed, plain, "k", "s") == ["the notice printed before the JSON differs"]
