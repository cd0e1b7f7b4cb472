"""The ``jbcrm`` command: ``demo``, ``export``, ``sync`` and ``sandbox serve``.

The demo and the sandbox need the ``cli`` extra (``pip install 'jbcrm[cli]'``); the parser
itself needs nothing beyond the standard library, so ``jbcrm --help`` always works.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from jbcrm._cli import arguments
from jbcrm._version import __version__

_EXTRA_HINT = "this command needs the cli extra: pip install 'jbcrm[cli]'"
_DB_HINT = "this command needs the db extra: pip install 'jbcrm[cli,db]'"


def build_parser() -> argparse.ArgumentParser:
    """The whole command line, subcommand by subcommand."""
    parser = argparse.ArgumentParser(
        prog="jbcrm", description="Async SDK for the Jetbuilt and Jetpack CRM APIs."
    )
    parser.add_argument("--version", action="version", version=f"jbcrm {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    arguments.add_demo(commands)
    arguments.add_export(commands)
    arguments.add_sync(commands)
    arguments.add_sandbox(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; the return value is the process exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "latency", None) is not None:
        arguments.check_latency(parser, args.latency)
    if args.command == "export":
        arguments.check_export(parser, args)
    if args.command == "sync":
        arguments.check_sync(parser, args)
    try:
        if args.command == "demo":
            from jbcrm._cli.demo import demo

            return demo(args)
        if args.command == "export":
            from jbcrm._cli.export import export

            return export(args)
        if args.command == "sync":
            from jbcrm._cli.sync import sync

            return sync(args)
        from jbcrm._cli.serve import serve

        return serve(args)
    except ModuleNotFoundError as exc:
        missing = (exc.name or "").partition(".")[0]
        if missing in ("rich", "starlette", "uvicorn"):
            parser.exit(2, f"jbcrm: {_EXTRA_HINT} (missing {missing})\n")
        if missing in ("sqlalchemy", "aiosqlite", "asyncpg", "greenlet"):
            parser.exit(2, f"jbcrm: {_DB_HINT} (missing {missing})\n")
        raise
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
