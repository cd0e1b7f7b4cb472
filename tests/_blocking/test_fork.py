"""After os.fork(): a client made before it refuses clearly in the child, never hangs; one made
in the child works, with a rate-limit budget of the child's own."""

from __future__ import annotations

import os
import signal
import threading
import time
import warnings
from collections.abc import Callable

import httpx

import jbcrm
from jbcrm.sandbox import JetbuiltSandbox
from tests._blocking.test_interrupt import GatedTransport

#: A child still running after this long has hung (it needs well under a second).
HANG = 30.0


def in_a_child(action: Callable[[], str]) -> str:
    """What ``action`` returns (or the exception it raises) in a forked child process."""
    read, write = os.pipe()
    with warnings.catch_warnings():
        # Python 3.12+ warns about forking a process with threads: the user's call here.
        warnings.simplefilter("ignore", DeprecationWarning)
        pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child, which coverage does not follow
        try:
            try:
                text = action()
            except BaseException as exc:
                text = f"{type(exc).__name__}: {exc}"
            os.write(write, text.encode())
        finally:
            os._exit(0)
    os.close(write)
    give_up = time.monotonic() + HANG
    while os.waitpid(pid, os.WNOHANG) == (0, 0):
        if time.monotonic() > give_up:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            raise AssertionError("the child process hung")
        time.sleep(0.02)
    with os.fdopen(read) as answer:
        return answer.read()


def _client(sandbox: JetbuiltSandbox, **options: object) -> jbcrm.SyncJetbuilt:
    transport = options.pop("transport", None) or sandbox.transport()
    return jbcrm.SyncJetbuilt(
        sandbox.api_key,
        base_url=sandbox.base_url,
        http_client=httpx.AsyncClient(transport=transport),  # type: ignore[arg-type]
        **options,  # type: ignore[arg-type]
    )


def test_a_client_made_before_the_fork_raises_a_clear_error_in_the_child() -> None:
    sandbox = JetbuiltSandbox(scale=0.05, rate_limit=None)
    with _client(sandbox, rate_limit=None) as jb:
        jb.company.get()  # the pool and the loop thread are in use at the fork

        def use_it() -> str:
            try:
                jb.company.get()
            except jbcrm.EventLoopMismatchError as exc:
                jb.close()  # does nothing in the child, and raises nothing
                return str(exc)
            return "no error"

        said = in_a_child(use_it)
        assert jb.company.get().name  # the parent's client goes on
    assert said.startswith(f"this object was made in process {os.getpid()}, before os.fork()")
    assert "create the client after the fork" in said


def test_a_client_made_in_the_child_works() -> None:
    sandbox = JetbuiltSandbox(scale=0.05, rate_limit=None)
    with _client(sandbox, rate_limit=None) as jb:
        jb.company.get()

        def make_one() -> str:
            with _client(sandbox, rate_limit=None) as mine:
                return mine.company.get().name

        assert in_a_child(make_one) == jb.company.get().name


def test_requests_in_flight_at_the_fork_hold_no_slot_in_the_child() -> None:
    sandbox = JetbuiltSandbox(scale=0.05, rate_limit=None)
    gated = GatedTransport(sandbox.transport())
    # One request in flight at most: the parent's, held at the gate during the fork.
    one = jbcrm.RateLimit(1, algorithm="adaptive", key="fork-in-flight")
    with _client(sandbox, rate_limit=one, transport=gated) as jb:
        holder = threading.Thread(target=jb.company.get)
        holder.start()
        for _ in range(500):
            if gated.arrived:
                break
            time.sleep(0.01)

        def same_limit() -> str:
            with _client(sandbox, rate_limit=one, deadline=3) as mine:
                return mine.company.get().name

        said = in_a_child(same_limit)
        gated.gate.set()
        holder.join(HANG)
    assert said == sandbox.store.company["name"]
