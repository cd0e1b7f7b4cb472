"""Every transport default in one place."""

import httpx

#: httpx's per-phase timeouts: each connect, and each read or write on the socket.
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0)
#: The whole call: limiter wait, every attempt, redirects, backoff and body reads.
DEFAULT_DEADLINE = 300.0
DEFAULT_MAX_RETRIES = 3
#: The largest body read (decoded bytes); ``None`` in the options means no limit.
DEFAULT_MAX_RESPONSE_SIZE = 50 * 1024 * 1024
DEFAULT_CONCURRENCY = 10
#: Backoff with full jitter: a random wait in [0, min(cap, base * 2**attempt)].
BACKOFF_BASE = 0.5
BACKOFF_CAP = 8.0
#: A ``Retry-After`` longer than this raises at once (RateLimitError, or the 503's error)
#: instead of being slept through.
MAX_RETRY_AFTER = 60.0
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
#: How much of a bad body an error message quotes.
EXCERPT_CHARS = 200
