"""The options of each subcommand, with checks that turn bad values into clear errors."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any, TypeVar

from jbcrm._cli import exportable

#: The APIs the commands speak to.
APIS = ("jetbuilt", "jetpack")

#: What the parent ids are, for the messages that ask for one.
_PARENT_HELP = {
    "db_id": "product database id (each location of --resource company names one)",
}

Commands = Any  # argparse's _SubParsersAction is private
N = TypeVar("N", int, float)


def _int(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, got {text!r}") from None


def _float(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number, got {text!r}") from None


def _checked(
    parse: Callable[[str], N], accept: Callable[[N], bool], requirement: str
) -> Callable[[str], N]:
    """An argparse ``type``: the text parsed, refused with "must be <requirement>" when
    ``accept`` says no."""

    def check(text: str) -> N:
        value = parse(text)
        if not accept(value):
            raise argparse.ArgumentTypeError(f"must be {requirement}, got {text}")
        return value

    return check


positive_float = _checked(_float, lambda value: value > 0, "a positive number")
positive_int = _checked(_int, lambda value: value >= 1, "at least 1")
count = _checked(_int, lambda value: value >= 0, "0 or more")
seconds = _checked(_float, lambda value: value >= 0, "0 or more seconds")
fraction = _checked(_float, lambda value: 0.0 <= value <= 1.0, "between 0 and 1")
minutes = _checked(_float, lambda value: value >= 0, "0 or more minutes")
port = _checked(_int, lambda value: 0 <= value <= 65535, "a port number (0 picks a free one)")


def _add_latency(parser: argparse.ArgumentParser, *, default: tuple[float, float]) -> None:
    """``--latency MIN MAX`` (checked by :func:`check_latency` once parsed)."""
    parser.add_argument(
        "--latency",
        nargs=2,
        type=seconds,
        default=default,
        metavar=("MIN", "MAX"),
        help="seconds added to every response",
    )


def add_demo(commands: Commands) -> None:
    demo = commands.add_parser(
        "demo",
        help="mirror loopback sandboxes into SQLite, twice, and show how little the second "
        "run needs",
        description="""
        Start simulated Jetbuilt and Jetpack CRM servers on 127.0.0.1, mirror the Jetbuilt account
        into a SQLite file, let the sandbox's users change a few records, and mirror again: the
        second run sends only the requests its changes need. Then the same for Jetpack CRM. Exits
        1 if anything unexpected happened (such as a 429 or a row that does not match the
        sandbox).
        """,
    )
    demo.add_argument(
        "--scale", type=positive_float, default=0.25, help="data size (1: 1,200 projects)"
    )
    demo.add_argument(
        "--limit", type=positive_int, default=50, help="Jetbuilt requests allowed per window"
    )
    demo.add_argument(
        "--window", type=positive_float, default=1.0, help="the limit's window in seconds"
    )
    _add_latency(demo, default=(0.005, 0.02))
    demo.add_argument("--seed", type=int, default=1, help="seed of the generated data")
    demo.add_argument(
        "--db", metavar="URL", help="the database to mirror into (default: a temporary file)"
    )


def add_export(commands: Commands) -> None:
    export = commands.add_parser(
        "export",
        help="stream every record of a collection to JSON lines or flat CSV",
        description="""
        Export the records of a collection: JSON lines exactly as the API sent them, or CSV with
        nested objects as dotted columns (client.id), lists of values joined with '; ' and lists
        of objects as numbered columns (rooms.1.name). Credentials come from the flags or, better
        (flags show in process lists), from JETBUILT_API_KEY, or JETPACKCRM_URL,
        JETPACKCRM_API_KEY and JETPACKCRM_API_SECRET. A progress line is shown when standard error
        is a terminal.
        """,
    )
    export.add_argument("--api", choices=APIS, required=True)
    export.add_argument(
        "--resource",
        required=True,
        metavar="NAME",
        help="; ".join(f"{api}: {', '.join(exportable.collections(api))}" for api in APIS),
    )
    for parent in exportable.parent_ids():
        under = [
            name
            for api in APIS
            for name, collection in exportable.collections(api).items()
            if parent in collection.parents
        ]
        export.add_argument(
            _flag(parent),
            dest=parent,
            type=positive_int,
            metavar="ID",
            help=f"the {_parent_help(parent)}, for {', '.join(under)}",
        )
    add_connection(export)
    export.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    export.add_argument("--output", default="-", help="file to write (default: standard output)")
    export.add_argument("--max", type=positive_int, help="stop after this many records")


def add_connection(command: argparse.ArgumentParser) -> None:
    """Where the API is and how to reach it: shared by the commands that talk to one."""
    command.add_argument(
        "--base-url", help="Jetbuilt API URL (default production), or the Jetpack CRM site URL"
    )
    command.add_argument("--api-key", help="Jetbuilt token, or Jetpack CRM API key")
    command.add_argument("--api-secret", help="Jetpack CRM API secret")
    command.add_argument(
        "--route",
        choices=("pretty", "query"),
        default="pretty",
        help="Jetpack CRM: 'query' reaches the API as <site>/?zbs_api=..., which works with "
        "plain permalinks",
    )
    command.add_argument(
        "--allow-insecure-http",
        action="store_true",
        help="Jetpack CRM: allow plain http to another machine (the secret is in every URL)",
    )
    command.add_argument("--timeout", type=positive_float, help="request timeout in seconds")
    command.add_argument(
        "--deadline", type=positive_float, help="seconds each request may take in all (retries too)"
    )
    command.add_argument(
        "--max-retries", type=count, help="retries of a failed request (default 3)"
    )


def add_sync(commands: Commands) -> None:
    from jbcrm._mirror._resources import RESOURCES

    sync = commands.add_parser(
        "sync",
        help="mirror an account into SQLite or PostgreSQL, incrementally",
        description="""
        Copy every collection of a Jetbuilt account or a Jetpack CRM into a database: one table
        per resource with typed columns and the record's JSON. Later runs fetch only what changed
        (Jetbuilt's min_updated_at from the last checkpoint) and write only rows whose JSON
        changed; an interrupted run loses nothing. Credentials as for export; the database URL may
        also come from JBCRM_DATABASE_URL. Exits 1 if a resource failed or a record could not be
        decoded (see sync_errors).
        """,
    )
    sync.add_argument("--api", choices=APIS, required=True)
    sync.add_argument(
        "--db",
        metavar="URL",
        help="sqlite:///path.db (the default is sqlite:///jbcrm.db) or "
        "postgresql://user:password@host/database",
    )
    sync.add_argument(
        "--full",
        action="store_true",
        help="list and rewrite everything, and mark deleted what the API no longer lists",
    )
    sync.add_argument(
        "--resources",
        nargs="+",
        metavar="NAME",
        help="; ".join(f"{api}: {', '.join(names)}" for api, names in RESOURCES.items()),
    )
    sync.add_argument(
        "--overlap",
        type=minutes,
        default=10.0,
        metavar="MINUTES",
        help="how far before the last checkpoint incremental listings start (default 10)",
    )
    add_connection(sync)


def check_sync(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Resources the API has; Jetpack-only flags only for Jetpack."""
    from jbcrm._mirror._resources import RESOURCES

    known = RESOURCES[args.api]
    unknown = [name for name in args.resources or () if name not in known]
    if unknown:
        parser.error(
            f"argument --resources: {args.api} has no {', '.join(unknown)}; "
            f"choose from {', '.join(known)}"
        )
    _check_jetbuilt_flags(parser, args)


def add_sandbox(commands: Commands) -> None:
    sandbox = commands.add_parser("sandbox", help="run a simulated server")
    actions = sandbox.add_subparsers(dest="action", required=True, metavar="ACTION")
    serve = actions.add_parser(
        "serve",
        help="serve a simulated Jetbuilt or Jetpack CRM on 127.0.0.1 until Ctrl-C",
        description="Serve a sandbox on 127.0.0.1. The first line printed is the base URL; "
        "the next lines are the credentials, as environment variables.",
    )
    serve.add_argument("--api", choices=APIS, required=True)
    serve.add_argument("--port", type=port, default=0, help="0 picks a free port")
    serve.add_argument("--seed", type=int, default=1, help="seed of the generated data")
    serve.add_argument("--scale", type=positive_float, default=1.0, help="data size")
    _add_latency(serve, default=(0.0, 0.0))
    serve.add_argument(
        "--error-rate", type=fraction, default=0.0, help="share of requests answered 5xx"
    )
    serve.add_argument(
        "--no-rate-limit",
        action="store_true",
        help="turn off Jetbuilt's 50-per-10-s limit (Jetpack CRM has none)",
    )


def check_latency(parser: argparse.ArgumentParser, latency: tuple[float, float]) -> None:
    """MIN must not exceed MAX."""
    low, high = latency
    if low > high:
        parser.error(f"argument --latency: MIN ({low:g}) is larger than MAX ({high:g})")


def check_export(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """The resource must be one the API can export, with exactly the parent ids it needs."""
    found = exportable.collections(args.api)
    collection = found.get(args.resource)
    if collection is None:
        choices = ", ".join(found)
        parser.error(
            f"argument --resource: {args.api} has no {args.resource!r}; choose from {choices}"
        )
    missing = [p for p in collection.parents if getattr(args, p) is None]
    if missing:
        needed = "; ".join(f"{_flag(p)}: the {_parent_help(p)}" for p in missing)
        parser.error(f"{args.api} {args.resource} needs {needed}")
    unused = [
        _flag(p)
        for p in exportable.parent_ids()
        if getattr(args, p) is not None and p not in collection.parents
    ]
    if unused:
        parser.error(f"{args.api} {args.resource} takes no {', '.join(unused)}")
    _check_jetbuilt_flags(parser, args)


def _check_jetbuilt_flags(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    if args.api == "jetbuilt" and (args.route != "pretty" or args.allow_insecure_http):
        parser.error("--route and --allow-insecure-http are for --api jetpack")
    if args.api == "jetbuilt" and args.api_secret is not None:
        parser.error("--api-secret is for --api jetpack (Jetbuilt has only a key)")


def _flag(parent: str) -> str:
    return "--" + parent.replace("_", "-")


def _parent_help(parent: str) -> str:
    return _PARENT_HELP.get(parent, parent.removesuffix("_id").replace("_", " ") + " id")
