"""The one place that sends requests: limiter, retries, redirects, logging. What an answer
means (data or which error) is decided in :mod:`jbcrm._core.classify`."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import platform
import sys
import time
from collections.abc import Mapping
from typing import Any

import attrs
import httpx

from jbcrm._core import config, constants
from jbcrm._core.body import ACCEPT_ENCODING, TooLarge, already_read, decoded, read_body
from jbcrm._core.classify import NOT_SENT, check_response, connection_error
from jbcrm._core.deadline import BACKOFF, LIMITER, READING, Deadline, Phase
from jbcrm._core.errors import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    ClientClosedError,
    EventLoopMismatchError,
    JBCRMError,
    RateLimitError,
    ResponseTooLargeError,
)
from jbcrm._core.failures import ErrorContext, unsendable
from jbcrm._core.options import RequestOptions
from jbcrm._core.origin import crossing, on_origin
from jbcrm._core.ratelimit import Limiter, LimiterTimeout, Permit
from jbcrm._core.redact import Redactor, install_log_filter
from jbcrm._core.responses import ResponseRules
from jbcrm._core.retry import parse_retry_after
from jbcrm._version import __version__

logger = logging.getLogger("jbcrm")

DEFAULT_USER_AGENT = (
    f"jbcrm/{__version__} httpx/{httpx.__version__} python/{platform.python_version()}"
)
# The message of aclose()'s cancellation of tasks waiting in the limiter.
_CLOSING = "jbcrm: client closed"
# Statuses whose Retry-After header is honoured.
_RETRY_AFTER_STATUSES = frozenset({429, 503})


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
        self.base_url = base_url.rstrip("/") + "/"
        self.rules = rules
        self.redactor = redactor
        self.limiter = limiter
        self.concurrency = concurrency
        self._params = dict(params or {})
        agent = (
            DEFAULT_USER_AGENT
            if user_agent is None
            else config.header_value("user_agent", user_agent)
        )
        self._headers = {
            "User-Agent": agent,
            # Only what the body reader can inflate within max_response_size.
            "Accept-Encoding": ACCEPT_ENCODING,
            **(headers or {}),
        }
        self._owns_client = http_client is None
        self._owns_limiter = owns_limiter
        self._client = http_client or httpx.AsyncClient(
            limits=httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency),
            follow_redirects=False,
            headers=self._headers,
        )
        self._loop: asyncio.AbstractEventLoop | None = None
        # Set by aclose(): wakes requests sleeping in backoff, which then raise ClientClosedError.
        self._closing = asyncio.Event()
        # Tasks waiting for a limiter slot: aclose() wakes them at once (a full window or a
        # 429 pause could otherwise hold them for seconds after the client is gone).
        self._limiter_waits: set[asyncio.Task[Any]] = set()
        # When the server last answered any request of this client (time.monotonic()).
        self._answered_at = float("-inf")

    def __repr__(self) -> str:
        return f"Transport(base_url={self.redactor.url(self.base_url)!r})"

    @property
    def closed(self) -> bool:
        return self._client.is_closed or self._closing.is_set()

    async def aclose(self) -> None:
        """Close the connection pool (unless it was the caller's) and a limiter of our own.

        Requests still waiting (in the limiter or in backoff) raise ClientClosedError."""
        self._closing.set()
        for task in list(self._limiter_waits):
            task.cancel(_CLOSING)
        if self._owns_client:
            await self._client.aclose()
        close_limiter = getattr(self.limiter, "aclose", None) if self._owns_limiter else None
        if close_limiter is not None:
            await close_limiter()

    def url(self, path: str, method: str = "GET") -> str:
        """An absolute URL for ``path``; an absolute ``path`` (a server's link) is kept as is,
        but only on the base URL's origin (:class:`~jbcrm.CrossOriginError` otherwise)."""
        if path.startswith(("http://", "https://")):
            return on_origin(httpx.URL(self.base_url), path, method, self.redactor)
        # Plain concatenation: the base ends in "/" and httpx parses the result once anyway.
        return self.base_url + path.lstrip("/")

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
        """Send one logical request (with retries, within its deadline) and return the
        checked, decoded result."""
        self._check_loop()
        self._check_open()
        request = self._build(method, path, options, params, json_body, files, data)
        deadline = Deadline(options.deadline)
        policy = options.retry
        limiter_pauses = self.limiter is not None
        attempt = retries = stalls = 0
        # A DELETE whose earlier attempt may have reached the server: a 404 now means done.
        maybe_done = False
        while True:
            attempt += 1
            attempt_started = time.monotonic()
            try:
                return await self._attempt(
                    request, attempt, deadline, options, gone_is_done=maybe_done
                )
            except (APIError, APIConnectionError) as exc:
                error: JBCRMError = exc
            if deadline.expired or not policy.should_retry(error, idempotent=idempotent):
                raise error
            if policy.uses_a_retry(error, limiter_pauses=limiter_pauses):
                retries += 1
                if retries > policy.max_retries:
                    raise error
            # A stall counts only when the server answered nobody meanwhile: a server that
            # stalls one request among many that it answers is flaky, not stuck.
            if policy.is_stall(error) and self._answered_at < attempt_started:
                stalls += 1
                if stalls > policy.max_stall_retries:
                    raise error
            maybe_done = maybe_done or (request.method == "DELETE" and _may_have_run(error))
            await self._back_off(
                policy.wait(error, max(retries, 1), limiter_pauses=limiter_pauses),
                deadline,
                request,
                error,
            )

    def _check_open(self) -> None:
        if self.closed:
            raise ClientClosedError(
                "this client is closed",
                hint="create a new client, or keep using it inside its `async with` block",
            )

    async def _back_off(
        self, seconds: float, deadline: Deadline, request: httpx.Request, error: JBCRMError
    ) -> None:
        """Sleep before the next attempt; raise at once when the deadline would end first, or
        when the client is closed meanwhile."""
        if seconds > deadline.remaining():
            status = getattr(error, "status", None)
            timeout = deadline.error(
                ErrorContext(request, self.redactor, attempt=getattr(error, "attempts", 1)),
                f"{BACKOFF} (the next attempt after {type(error).__name__}"
                f"{f' {status}' if status else ''} would start in {seconds:.1f} s)",
                sent=getattr(error, "sent", True),
            )
            timeout.phase = BACKOFF
            raise timeout from error
        if seconds > 0:
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._closing.wait(), seconds)
        self._check_open()

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
        url: str | httpx.URL = self.url(path, method)
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
        except UnicodeEncodeError as exc:
            # A lone surrogate (from a bad decode upstream) cannot be sent as UTF-8.
            refused = unsendable(
                f"cannot encode the request's parameters or body as UTF-8 ({exc.reason}); "
                "text must be valid Unicode, without lone surrogates",
                exc,
                self.redactor,
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

    async def _attempt(
        self,
        request: httpx.Request,
        attempt: int,
        deadline: Deadline,
        options: RequestOptions,
        *,
        gone_is_done: bool,
    ) -> Result:
        """One attempt: each redirect hop takes its own limiter slot, and everything runs
        within the call's deadline."""
        hop = request
        for _ in range(constants.MAX_REDIRECTS + 1):
            response, retry_after = await self._hop(hop, attempt, deadline, options)
            following = self._redirect(request, response)
            if following is None:
                break
            hop = following
        if gone_is_done and response.status_code == 404:
            return Result(response, None)
        data = check_response(
            response,
            rules=self.rules,
            redactor=self.redactor,
            retry_after=retry_after,
            attempt=attempt,
        )
        return Result(response, data)

    async def _hop(
        self, request: httpx.Request, attempt: int, deadline: Deadline, options: RequestOptions
    ) -> tuple[httpx.Response, float | None]:
        """Send ``request`` once through the limiter; the response comes back read whole."""
        limiter = self.limiter
        waited = time.perf_counter()
        permit = await self._acquire(limiter, request, attempt, deadline) if limiter else None
        started = time.perf_counter()
        phase = Phase()
        sent, status, retry_after = False, None, None
        outcome = "cancelled"
        failure: JBCRMError | None = None
        response: httpx.Response | None = None
        try:
            self._check_open()
            sent = True
            request.extensions["trace"] = phase
            try:
                async with deadline.scope():
                    response = await self._receive(request, phase, options.max_response_size)
            except asyncio.TimeoutError:
                sent = phase.sent
                outcome = "deadline"
                failure = self._timeout(deadline, request, attempt, phase.name, sent=sent)
            except TooLarge as big:
                outcome = "too large"
                failure = self._too_large(request, attempt, big)
                status = big.status
            except httpx.RequestError as exc:
                sent = not isinstance(exc, NOT_SENT)
                outcome = type(exc).__name__
                context = ErrorContext(request, self.redactor, attempt=attempt)
                failure = connection_error(context, exc, sent=sent)
            else:
                self._answered_at = time.monotonic()
                status = response.status_code
                outcome = str(status)
                if status in _RETRY_AFTER_STATUSES:
                    retry_after = parse_retry_after(response.headers.get("Retry-After"))
        finally:
            if permit is not None:
                # The server's own pause, however long: the other tasks fail fast when it ends
                # after their deadline, instead of being held silently for a shorter one.
                await permit.release(sent=sent, status=status, retry_after=retry_after)
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
        assert response is not None
        return response, retry_after

    async def _acquire(
        self, limiter: Limiter, request: httpx.Request, attempt: int, deadline: Deadline
    ) -> Permit:
        task = asyncio.current_task()
        if task is not None:
            self._limiter_waits.add(task)
        try:
            return await limiter.acquire(deadline=deadline.at)
        except LimiterTimeout as exc:
            paused, wait = exc.paused, exc.wait
        except asyncio.CancelledError as exc:
            # Only aclose()'s own cancellation becomes ClientClosedError; the caller's stays.
            if not (self._closing.is_set() and exc.args[:1] == (_CLOSING,)):
                raise
            if task is not None and sys.version_info >= (3, 11):
                task.uncancel()
            paused, wait = False, None
        finally:
            self._limiter_waits.discard(task)
        self._check_open()
        context = ErrorContext(request, self.redactor, attempt=attempt)
        if paused:
            # The limiter holds every task after a 429 until past this call's deadline: the
            # honest answer is the server's, with how long is left of its pause.
            error = context.api_error(
                RateLimitError,
                "the client is paused after a 429"
                + (f" for another {wait:.1f} s" if wait is not None else "")
                + ", beyond this call's deadline",
                status=429,
                body=None,
                hint="retry after `retry_after` seconds, or give the call a longer deadline",
            )
            error.retry_after = wait
            error.retryable = False
            raise error
        raise self._timeout(deadline, request, attempt, LIMITER, sent=False)

    async def _receive(
        self, request: httpx.Request, phase: Phase, max_size: int | None
    ) -> httpx.Response:
        streamed = await self._client.send(request, follow_redirects=False, stream=True)
        try:
            if already_read(streamed, max_size):
                return streamed
            if streamed.is_redirect:
                # Its body is never shown: the error names the Location instead.
                redirect = decoded(streamed, b"")
                redirect.next_request = streamed.next_request
                return redirect
            phase.name = READING
            return decoded(streamed, await read_body(streamed, max_size))
        finally:
            await streamed.aclose()

    def _redirect(self, request: httpx.Request, response: httpx.Response) -> httpx.Request | None:
        """The next hop of a same-origin redirect that keeps the method, else None.

        Redirects are followed here, never by httpx (a caller's client may be set to follow
        them): only to the same origin, so that credentials cannot travel elsewhere, and only
        when the method survives (a 301/302 would silently turn a write into a GET)."""
        following = response.next_request if response.is_redirect else None
        if following is None or following.method != request.method:
            return None
        return None if crossing(request.url, following.url) else following

    def _timeout(
        self, deadline: Deadline, request: httpx.Request, attempt: int, phase: str, *, sent: bool
    ) -> APITimeoutError:
        context = ErrorContext(request, self.redactor, attempt=attempt)
        return deadline.error(context, phase, sent=sent)

    def _too_large(self, request: httpx.Request, attempt: int, big: TooLarge) -> JBCRMError:
        context = ErrorContext(request, self.redactor, attempt=attempt)
        head = big.head.decode("utf-8", errors="replace")
        error = ResponseTooLargeError(
            f"the body is larger than max_response_size ({big.limit:,} bytes, decoded); "
            "reading stopped there",
            status=big.status,
            method=context.method,
            url=context.url,
            excerpt=context.text(head, constants.EXCERPT_CHARS),
            hint="raise max_response_size (client.with_options(max_response_size=...), None "
            "for no limit) if such bodies are expected",
        )
        error.limit = big.limit
        return error


def _may_have_run(error: JBCRMError) -> bool:
    """Whether the server may have carried out a request that failed this way."""
    if isinstance(error, APIConnectionError):
        return error.sent
    return isinstance(error, APIError) and error.status >= 500
