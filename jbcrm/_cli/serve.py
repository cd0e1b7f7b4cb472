"""``jbcrm sandbox serve``: a simulated server on 127.0.0.1 for trying code by hand."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal

from jbcrm.sandbox import Faults, JetbuiltSandbox, JetpackSandbox, ServerRateLimit

#: The token the served Jetbuilt sandbox accepts.
JETBUILT_TOKEN = "sandbox-token"
#: The real server's limit: 50 requests in any 10 seconds per IP address.
JETBUILT_LIMIT = ServerRateLimit(requests=50, per=10.0)


def serve(args: argparse.Namespace) -> int:
    """Serve until Ctrl-C (or SIGTERM); the first line printed is the base URL."""
    asyncio.run(_serve(args))
    return 0


async def _serve(args: argparse.Namespace) -> None:
    faults = Faults(latency=tuple(args.latency), error_rate=args.error_rate, seed=args.seed)
    sandbox: JetbuiltSandbox | JetpackSandbox
    if args.api == "jetbuilt":
        sandbox = JetbuiltSandbox(
            seed=args.seed,
            scale=args.scale,
            api_key=JETBUILT_TOKEN,
            rate_limit=None if args.no_rate_limit else JETBUILT_LIMIT,
            faults=faults,
        )
    else:
        sandbox = JetpackSandbox(seed=args.seed, scale=args.scale, faults=faults)
    async with sandbox.serve(port=args.port) as url:
        print(url, flush=True)
        for line in _describe(sandbox, url):
            print(line, flush=True)
        await _until_stopped()


async def _until_stopped() -> None:
    """Wait for SIGINT or SIGTERM (Ctrl-C alone where signals cannot be handled)."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    handled = []
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, ValueError):
            loop.add_signal_handler(signum, stop.set)
            handled.append(signum)
    try:
        await stop.wait()
    finally:
        for signum in handled:
            loop.remove_signal_handler(signum)


def _describe(sandbox: JetbuiltSandbox | JetpackSandbox, url: str) -> list[str]:
    """The credentials as environment variables, then what is being served."""
    if isinstance(sandbox, JetbuiltSandbox):
        rule = sandbox.rate_limit
        limit = f"{rule.requests} per {rule.per:g} s per IP" if rule else "no rate limit"
        store = sandbox.store
        return [
            f"JETBUILT_API_KEY={JETBUILT_TOKEN}",
            f"# Jetbuilt sandbox: {len(store.listed_projects()):,} projects, "
            f"{len(store.clients):,} clients; {limit}. Use base_url={url!r}. Ctrl-C stops it.",
        ]
    return [
        f"JETPACKCRM_URL={url}",
        f"JETPACKCRM_API_KEY={sandbox.api_key}",
        f"JETPACKCRM_API_SECRET={sandbox.api_secret}",
        f"# Jetpack CRM sandbox: {len(sandbox.store.contacts):,} customers; the API is at "
        f"{url}/zbs_api/. Ctrl-C stops it.",
    ]
