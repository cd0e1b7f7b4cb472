"""Every transport and bulk default in one place."""

import httpx

#: httpx's per-phase timeouts: each connect, and each read or write on the socket.
DEFAULT_CONNECT_TIMEOUT = 5.0
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=DEFAULT_CONNECT_TIMEOUT)
#: The whole call: limiter wait, every attempt, redirects, backoff and body reads.
DEFAULT_DEADLINE = 300.0
DEFAULT_MAX_RETRIES = 3
#: The largest body read (decoded bytes); ``None`` in the options means no limit.
DEFAULT_MAX_RESPONSE_SIZE = 50 * 1024 * 1024
DEFAULT_CONCURRENCY = 10
#: Inputs ``fetch_each`` and ``fetch_as_completed`` run at once.
DEFAULT_BULK_CONCURRENCY = 10
#: More connections than this only queue on the rate limit (Jetbuilt allows 50 per 10 s).
MAX_CONCURRENCY = 100
#: Backoff with full jitter: a random wait in [0, min(cap, base * 2**attempt)].
BACKOFF_BASE = 0.5
BACKOFF_CAP = 8.0
#: A ``Retry-After`` longer than this raises at once (RateLimitError, or the 503's error)
#: instead of being slept through.
MAX_RETRY_AFTER = 60.0
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
#: Redirects followed within one call (each checked for its origin).
MAX_REDIRECTS = 5
#: A server that took the request and then sent nothing for a whole read timeout, answering no
#: other request meanwhile, is stalled: it is tried once more, not ``max_retries`` times (four
#: stalls cost two minutes by default).
MAX_STALL_RETRIES = 1
#: How much of a bad body an error message quotes.
EXCERPT_CHARS = 200
#: The longest message or hint an error shows (a server's words can be a whole page).
MESSAGE_CHARS = 500
