"""What keeps a listing honest when the server's pages lie: repeated pages (by URL and by
content) and repeated records (by id), in bounded memory.

A server may ignore ``page``, add a cache-buster to every ``next`` link, link back to an early
page, or shift records between pages because some were inserted meanwhile. URLs alone cannot
tell, so every page is also recognised by its content: the ids of its records (or a digest of
its body when they have none). Memory stays bounded however long the listing: the first page,
the last :data:`RECENT_PAGES` pages and one checkpoint (Brent's cycle detection, which catches a
cycle of any length within two rounds of it) per kind of token, and the ids of the last
:data:`RECENT_IDS` records.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Hashable, Iterable, Mapping
from typing import Any

import attrs

#: Pages remembered exactly (a loop shorter than this is caught at its first repeat).
RECENT_PAGES = 64
#: Record ids remembered to drop the repeats that inserts between pages cause.
RECENT_IDS = 5_000
#: Pages in a row that bring no new record before the listing is taken for a loop (inserts
#: between pages can shift one whole page of old records onto the next, rarely more).
MAX_STALE_PAGES = 3


@attrs.define
class PaginatorStats:
    """What one paginator has done: pages and items yielded, repeated records dropped."""

    pages: int = 0
    items: int = 0
    repeats_dropped: int = 0


class _Tokens:
    """Has this token been seen? Exact for the first and the recent ones, Brent's checkpoint
    for longer cycles; constant memory."""

    __slots__ = ("_checkpoint", "_first", "_power", "_recent", "_steps")

    def __init__(self) -> None:
        self._first: Hashable | None = None
        self._recent: deque[Hashable] = deque(maxlen=RECENT_PAGES)
        self._checkpoint: Hashable | None = None
        self._power = 1
        self._steps = 0

    def repeats(self, token: Hashable) -> bool:
        """Whether ``token`` was seen before (and remember it if not)."""
        if token in (self._first, self._checkpoint) or token in self._recent:
            return True
        if self._first is None:
            self._first = token
        self._recent.append(token)
        self._steps += 1
        if self._steps == self._power:
            self._checkpoint, self._power, self._steps = token, self._power * 2, 0
        return False


def item_id(item: Any) -> Hashable | None:
    """A record's ``id`` (attribute or key) when it is an int or a string, else None."""
    value = item.get("id") if isinstance(item, Mapping) else getattr(item, "id", None)
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        return None
    return value


class PageGuard:
    """Checks each request and page of one listing, in order."""

    __slots__ = ("_contents", "_id_order", "_ids", "_requests", "_stale", "dedupe", "stats")

    def __init__(self, *, dedupe: bool = True) -> None:
        self.dedupe = dedupe
        self.stats = PaginatorStats()
        self._requests = _Tokens()
        self._contents = _Tokens()
        self._ids: set[Hashable] = set()
        self._id_order: deque[Hashable] = deque()
        self._stale = 0

    def request_repeats(self, key: Hashable) -> bool:
        """Whether a page with this request key was asked for already."""
        return self._requests.repeats(hash(key))

    def admit(self, items: list[Any], fingerprint: Hashable | None) -> tuple[list[Any], str | None]:
        """The items of the next page to yield (repeats dropped when ``dedupe``), or the reason
        the page is a repeat of one already seen."""
        if not items:
            return items, None
        ids = [item_id(item) for item in items]
        known = all(i is not None for i in ids)
        token = hash(tuple(ids)) if known else fingerprint
        if token is not None and self._contents.repeats(token):
            return [], "its content repeats a page already fetched"
        if known and all(i in self._ids for i in ids):
            self._stale += 1
            if self._stale >= MAX_STALE_PAGES:
                return [], f"{self._stale} pages in a row brought no record not seen before"
        else:
            self._stale = 0
        kept = items
        if self.dedupe:
            kept, seen = [], set()
            for item, ident in zip(items, ids, strict=True):
                if ident is not None and (ident in self._ids or ident in seen):
                    continue
                seen.add(ident)
                kept.append(item)
            self.stats.repeats_dropped += len(items) - len(kept)
        self._remember(i for i in ids if i is not None)
        return kept, None

    def count(self, items: int) -> None:
        self.stats.pages += 1
        self.stats.items += items

    def _remember(self, ids: Iterable[Hashable]) -> None:
        for ident in ids:
            if ident in self._ids:
                continue
            self._ids.add(ident)
            self._id_order.append(ident)
            if len(self._id_order) > RECENT_IDS:
                self._ids.discard(self._id_order.popleft())
