"""Interpreter exit with sync clients around: no hang, no warning, whatever is left open."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from jbcrm.sandbox import Faults, JetbuiltSandbox

ROOT = Path(__file__).resolve().parents[2]
#: A script still running after this long has hung (each needs a second or two).
HANG = 60.0

PRELUDE = """
import signal, sys, threading, time
import jbcrm

url, key = sys.argv[1], sys.argv[2]
"""


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[JetbuiltSandbox, str]]:
    sandbox = JetbuiltSandbox(scale=0.05, rate_limit=None)
    with sandbox.serve_in_thread() as url:
        yield sandbox, url


@pytest.fixture
def stalled(server: tuple[JetbuiltSandbox, str]) -> Iterator[tuple[JetbuiltSandbox, str]]:
    """The server, answering nothing for 20 s during the test."""
    server[0].faults = Faults(stall_rate=1.0, stall_seconds=20.0)
    yield server
    server[0].faults = Faults()


def run_script(body: str, server: tuple[JetbuiltSandbox, str]) -> subprocess.CompletedProcess[str]:
    """Run ``body`` in a fresh interpreter, every warning (unclosed sockets too) an error.

    Not in development mode: its asyncio debug mode reports any callback slower than 0.1 s,
    which a loaded machine's first connection may be."""
    sandbox, url = server
    script = PRELUDE + textwrap.dedent(body)
    return subprocess.run(
        [sys.executable, "-W", "error", "-c", script, url, sandbox.api_key],
        capture_output=True,
        text=True,
        timeout=HANG,
        cwd=ROOT,
    )


def test_a_client_left_open_closes_quietly_at_exit(server: tuple[JetbuiltSandbox, str]) -> None:
    done = run_script(
        """
        jb = jbcrm.SyncJetbuilt(key, base_url=url, rate_limit=None)
        print(jb.company.get().name)
        """,
        server,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.strip() == server[0].store.company["name"]


def test_exit_while_another_thread_waits_for_a_stalled_answer(
    stalled: tuple[JetbuiltSandbox, str],
) -> None:
    done = run_script(
        """
            jb = jbcrm.SyncJetbuilt(key, base_url=url, rate_limit=jbcrm.RateLimit(10, per=1.0))

            def call():
                try:
                    jb.company.get()
                except jbcrm.JBCRMError as exc:
                    print(type(exc).__name__, flush=True)

            threading.Thread(target=call, daemon=True).start()
            while jb.rate_limit_stats.in_flight == 0:
                time.sleep(0.01)
            """,
        stalled,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.strip() in ("", "ClientClosedError")


def test_ctrl_c_during_a_call_ends_the_script_with_keyboard_interrupt_only(
    stalled: tuple[JetbuiltSandbox, str],
) -> None:
    done = run_script(
        """
            jb = jbcrm.SyncJetbuilt(key, base_url=url, rate_limit=None)
            main = threading.main_thread().ident
            threading.Timer(0.5, signal.pthread_kill, (main, signal.SIGINT)).start()
            jb.company.get()
            """,
        stalled,
    )
    assert done.returncode != 0
    assert done.stderr.rstrip().endswith("KeyboardInterrupt")
    assert "Warning" not in done.stderr
    assert "Task was destroyed" not in done.stderr
