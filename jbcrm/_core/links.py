"""RFC 8288 (ex RFC 5988) ``Link`` header parsing."""

from __future__ import annotations

import re

_LINK = re.compile(r"<(?P<url>[^>]*)>(?P<params>[^<]*)")
_PARAM = re.compile(
    r';\s*(?P<name>[A-Za-z0-9!#$&+\-.^_`|~*]+)\s*(?:=\s*(?:"(?P<q>[^"]*)"|(?P<t>[^;,\s]+)))?'
)


def parse_link_header(value: str | None) -> dict[str, str]:
    """Map each ``rel`` to its URL.

    Accepts several links separated by commas with any whitespace or newlines between them,
    quoted or bare ``rel`` values, and several space-separated rel values in one link (each
    maps to the same URL). The first link wins when a rel repeats. Never raises.
    """
    links: dict[str, str] = {}
    if not value:
        return links
    for match in _LINK.finditer(value):
        url = match.group("url").strip()
        for param in _PARAM.finditer(match.group("params")):
            if param.group("name").lower() != "rel":
                continue
            rel_value = param.group("q") if param.group("q") is not None else param.group("t")
            for rel in (rel_value or "").split():
                links.setdefault(rel.lower(), url)
    return links
