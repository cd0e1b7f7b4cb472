"""Every transport default in one place."""

import httpx

DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0)
DEFAULT_MAX_RETRIES = 3
DEFAULT_CONCURRENCY = 10
#: More connections than this only queue on the rate limit (Jetbuilt allows 50 per 10 s).
MAX_CONCURRENCY = 100
#: Backoff with full jitter: a random wait in [0, min(cap, base * 2**attempt)].
BACKOFF_BASE = 0.5
BACKOFF_CAP = 8.0
#: A ``Retry-After`` longer than this raises RateLimitError instead of sleeping silently.
MAX_RETRY_AFTER = 60.0
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
#: How much of a bad body an error message quotes.
EXCERPT_CHARS = 200
#: The longest message or hint an error shows (a server's words can be a whole page).
MESSAGE_CHARS = 500
