"""The one place that sends requests: limiter, retries, redirects, logging. What an answer
means (data or which error) is decided in :mod:`jbcrm._core.classify`."""

from __future__ import annotations

import asyncio
import logging
import platform
import time
from collections.abc import Mapping
from typing import Any

import attrs
import httpx

from jbcrm._core import constants
from jbcrm._core.classify import NOT_SENT, check_response, connection_error
from jbcrm._core.errors import (
    APIConnectionError,
    APIError,
    ClientClosedError,
    EventLoopMismatchError,
)
from jbcrm._core.failures import ErrorContext, unsendable
from jbcrm._core.ratelimit import Limiter
from jbcrm._core.redact import Redactor, install_log_filter
from jbcrm._core.responses import ResponseRules
from jbcrm._core.retry import RetryPolicy, note_attempts, parse_retry_after
from jbcrm._version import __version__

logger = logging.getLogger("jbcrm")

DEFAULT_USER_AGENT = (
    f"jbcrm/{__version__} httpx/{httpx.__version__} python/{platform.python_version()}"
)
_MAX_REDIRECTS = 5
# Statuses whose Retry-After header is honoured.
_RETRY_AFTER_STATUSES = frozenset({429, 503})


@attrs.frozen
class RequestOptions:
    """Per-call settings; ``with_options`` makes a copy of the client with other values."""

    timeout: httpx.Timeout = constants.DEFAULT_TIMEOUT
    retry: RetryPolicy = attrs.field(factory=RetryPolicy)


@attrs.frozen
class Result:
    """A successful response and its decoded JSON (``None`` for an empty body)."""

    response: httpx.Response
    data: Any


class Transport:
    """Sends every request of one SDK client through its limiter, retry loop and error rules.

    Owns one ``httpx.AsyncClient`` (or borrows the caller's, which it then never closes).
    """

    def __init__(
        self,
        *,
        base_url: str,
        rules: ResponseRules,
        redactor: Redactor,
        limiter: Limiter | None,
        headers: Mapping[str, str] | None = None,
        params: Mapping[str, str] | None = None,
        http_client: httpx.AsyncClient | None = None,
        concurrency: int = constants.DEFAULT_CONCURRENCY,
        user_agent: str | None = None,
        owns_limiter: bool = False,
    ) -> None:
        install_log_filter()
        self._base = base_url.rstrip("/") + "/"
        self.base_url = httpx.URL(self._base)
        self.rules = rules
        self.redactor = redactor
        self.limiter = limiter
        self.concurrency = concurrency
        self._params = dict(params or {})
        self._headers = {"User-Agent": user_agent or DEFAULT_USER_AGENT, **(headers or {})}
        self._owns_client = http_client is None
        self._owns_limiter = owns_limiter
        self._client = http_client or httpx.AsyncClient(
            limits=httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency),
            follow_redirects=False,
            headers=self._headers,
        )
        self._loop: asyncio.AbstractEventLoop | None = None

    def __repr__(self) -> str:
        return f"Transport(base_url={self.redactor.url(self.base_url)!r})"

    @property
    def closed(self) -> bool:
        return self._client.is_closed

    async def aclose(self) -> None:
        """Close the connection pool (unless it was the caller's) and a limiter of our own."""
        if self._owns_client:
            await self._client.aclose()
        close_limiter = getattr(self.limiter, "aclose", None) if self._owns_limiter else None
        if close_limiter is not None:
            await close_limiter()

    def url(self, path: str) -> str:
        """An absolute URL for ``path`` (kept as is when already absolute)."""
        if path.startswith(("http://", "https://")):
            return path
        # Plain concatenation: the base ends in "/" and httpx parses the result once anyway.
        return self._base + path.lstrip("/")

    async def request(
        self,
        method: str,
        path: str,
        *,
        options: RequestOptions,
        idempotent: bool,
        params: Mapping[str, Any] | None = None,
        json_body: Any = None,
        files: Any = None,
        data: Mapping[str, Any] | None = None,
    ) -> Result:
        """Send one logical request (with retries) and return the checked, decoded result."""
        self._check_loop()
        if self._client.is_closed:
            raise ClientClosedError(
                "this client is closed",
                hint="create a new client, or keep using it inside its `async with` block",
            )
        request = self._build(method, path, options, params, json_body, files, data)
        policy = options.retry
        limiter_pauses = self.limiter is not None
        try:
            return await self._attempt(request, 1, max_pause=policy.max_retry_after)
        except (APIError, APIConnectionError) as exc:
            if policy.max_retries == 0 or not policy.should_retry(exc, idempotent=idempotent):
                raise
            await asyncio.sleep(policy.wait(exc, 1, limiter_pauses=limiter_pauses))
        # Only a failed first attempt pays for the retry machinery (tenacity costs ~20 µs).
        retrying = policy.retrying(idempotent=idempotent, limiter_pauses=limiter_pauses, done=1)
        attempt = 1
        try:
            async for attempt_ctx in retrying:
                with attempt_ctx:
                    attempt = attempt_ctx.retry_state.attempt_number + 1
                    return await self._attempt(request, attempt, max_pause=policy.max_retry_after)
        except (APIError, APIConnectionError) as exc:
            note_attempts(exc, attempt)
            raise
        raise AssertionError("unreachable: tenacity re-raises the last failure")

    def _build(
        self,
        method: str,
        path: str,
        options: RequestOptions,
        params: Mapping[str, Any] | None,
        json_body: Any,
        files: Any,
        data: Mapping[str, Any] | None,
    ) -> httpx.Request:
        url: str | httpx.URL = self.url(path)
        query = {**self._params, **params} if params else self._params
        try:
            if query:
                # Merge, so that the query of an absolute URL (a Link header's) is kept.
                url = httpx.URL(url).copy_merge_params(query)
            return self._client.build_request(
                method,
                url,
                json=json_body,
                files=files,
                data=data,
                headers=None if self._owns_client else self._headers,
                timeout=options.timeout,
            )
        except httpx.InvalidURL as exc:
            refused = unsendable(
                f"cannot build a request URL from {str(url)!r} ({exc})", exc, self.redactor
            )
        # Raised outside the ``except`` block, so that the httpx error is not its context.
        raise refused

    def _check_loop(self) -> None:
        loop = asyncio.get_running_loop()
        if self._loop is None:
            self._loop = loop
        elif self._loop is not loop:
            raise EventLoopMismatchError(
                "this client was opened on another event loop; an httpx connection pool cannot "
                "move between loops",
                hint="create the client inside the loop that uses it (e.g. in a FastAPI lifespan "
                "or once per asyncio.run), or use `async with` around each run",
            )

    async def _attempt(self, request: httpx.Request, attempt: int, *, max_pause: float) -> Result:
        limiter = self.limiter
        waited = time.perf_counter()
        permit = await limiter.acquire(deadline=None) if limiter is not None else None
        started = time.perf_counter()
        sent, status, retry_after = True, None, None
        outcome = "cancelled"
        failure: APIConnectionError | None = None
        try:
            response = await self._send(request)
            status = response.status_code
            outcome = str(status)
            if status in _RETRY_AFTER_STATUSES:
                retry_after = parse_retry_after(response.headers.get("Retry-After"))
        except httpx.RequestError as exc:
            sent = not isinstance(exc, NOT_SENT)
            outcome = type(exc).__name__
            context = ErrorContext(request, self.redactor, attempt=attempt)
            failure = connection_error(context, exc, sent=sent)
        finally:
            if permit is not None:
                # A Retry-After longer than the policy allows is raised to the caller; the other
                # tasks wait no longer than that either, instead of hanging silently.
                pause = None if retry_after is None else min(retry_after, max_pause)
                await permit.release(sent=sent, status=status, retry_after=pause)
            if logger.isEnabledFor(logging.DEBUG):
                logger.debug(
                    "%s %s -> %s in %.1f ms (attempt %d, waited %.1f ms for the limiter)",
                    request.method,
                    self.redactor.url(request.url),
                    outcome,
                    (time.perf_counter() - started) * 1000,
                    attempt,
                    (started - waited) * 1000,
                )
        if failure is not None:
            # Raised outside the ``except`` block: the httpx error must not become its context.
            raise failure
        data = check_response(
            response,
            rules=self.rules,
            redactor=self.redactor,
            retry_after=retry_after,
            attempt=attempt,
        )
        return Result(response, data)

    async def _send(self, request: httpx.Request) -> httpx.Response:
        # Redirects are followed here, never by httpx (a caller's client may be set to follow
        # them): only to the same origin, so that credentials cannot travel elsewhere, and only
        # when the method survives (a 301/302 would silently turn a write into a GET).
        response = await self._client.send(request, follow_redirects=False)
        origin = request.url
        for _ in range(_MAX_REDIRECTS):
            following = response.next_request if response.is_redirect else None
            if following is None or following.method != request.method:
                return response
            target = following.url
            if (target.scheme, target.host, target.port) != (
                origin.scheme,
                origin.host,
                origin.port,
            ):
                return response
            response = await self._client.send(following, follow_redirects=False)
        return response
