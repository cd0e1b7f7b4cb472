"""The Redis side of the shared limiter: the optional import, the connection and the key names."""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterable

from jbcrm._core.errors import ConfigurationError

try:
    import redis.asyncio as aioredis
    from redis.asyncio.retry import Retry
    from redis.backoff import NoBackoff
    from redis.exceptions import RedisError
except ImportError:  # pragma: no cover - depends on the installed extras
    raise ConfigurationError(
        "a RateLimit with redis_url needs the redis package",
        hint="pip install 'jbcrm[redis]'",
    ) from None

__all__ = ["RedisError", "aioredis", "client_for", "describe", "key_names", "logger"]

logger = logging.getLogger("jbcrm.ratelimit")

_CONNECT_TIMEOUT = 1.0
_COMMAND_TIMEOUT = 2.0
_SAFE_KEY = re.compile(r"[A-Za-z0-9_.:-]{1,64}")


def client_for(url: str) -> aioredis.Redis:
    # One immediate retry renews a pooled connection broken by a Redis restart; more retries
    # with backoff would only stall requests while Redis is down.
    return aioredis.Redis.from_url(
        url,
        socket_connect_timeout=_CONNECT_TIMEOUT,
        socket_timeout=_COMMAND_TIMEOUT,
        retry=Retry(NoBackoff(), 1),
    )


def describe(client: aioredis.Redis) -> str:
    """host:port/db of a client, for messages: never its credentials."""
    kwargs = client.connection_pool.connection_kwargs
    if "path" in kwargs:
        return f"unix:{kwargs['path']}"
    return f"{kwargs.get('host', 'localhost')}:{kwargs.get('port', 6379)}/{kwargs.get('db', 0)}"


def key_names(key: str, parts: Iterable[str]) -> list[str]:
    """``jbcrm:{<key>}:<part>`` (one hash tag), the key hashed unless it is short and plain."""
    tag = key if _SAFE_KEY.fullmatch(key) else _digest(key)
    return [f"jbcrm:{{{tag}}}:{part}" for part in parts]


def _digest(key: str) -> str:
    return "sha256-" + hashlib.sha256(key.encode()).hexdigest()[:32]
