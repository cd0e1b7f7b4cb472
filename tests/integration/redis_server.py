"""A throwaway ``redis-server`` on a free 127.0.0.1 port, without persistence, for tests.

The tests that need one skip only when ``redis-server`` is not installed and
``JBCRM_REQUIRE_REDIS`` is unset; CI sets the variable, so a missing server fails the run.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator

import pytest

REQUIRE_ENV = "JBCRM_REQUIRE_REDIS"
_START_TIMEOUT = 10.0
#: A test process killed outright (``make mutate`` stops a hung mutant with SIGKILL) leaves no
#: server behind: util-linux's setpriv makes the kernel stop it when its parent dies.
_SETPRIV = shutil.which("setpriv")
_DIE_WITH_PARENT = [_SETPRIV, "--pdeathsig", "TERM", "--"] if _SETPRIV else []


class RedisServer:
    """One ``redis-server`` process that can be stopped and started again on the same port."""

    def __init__(self, executable: str) -> None:
        self.executable = executable
        self.port = _free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        """Start the server and wait until it answers PING."""
        self._process = subprocess.Popen(
            [
                *_DIE_WITH_PARENT,
                self.executable,
                "--port", str(self.port),
                "--bind", "127.0.0.1",
                "--save", "",
                "--appendonly", "no",
                "--daemonize", "no",
                "--loglevel", "warning",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + _START_TIMEOUT
        while not self._answers_ping():
            if self._process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"redis-server did not start on port {self.port}")
            time.sleep(0.01)

    def stop(self) -> None:
        """Stop the server (its data is gone: there is no persistence)."""
        if self._process is not None:
            self._process.terminate()
            try:
                self._process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
            self._process = None

    def _answers_ping(self) -> bool:
        with (
            contextlib.suppress(OSError),
            socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock,
        ):
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
        return False


def redis_server_executable() -> str:
    """The ``redis-server`` to run; skips, or fails when ``JBCRM_REQUIRE_REDIS`` is set."""
    executable = shutil.which("redis-server")
    if executable is None:
        if os.environ.get(REQUIRE_ENV):
            pytest.fail(f"redis-server is not installed and {REQUIRE_ENV} is set")
        pytest.skip("redis-server is not installed")
    return executable


@contextlib.contextmanager
def running_redis_server(executable: str) -> Iterator[RedisServer]:
    """A started server, stopped on exit."""
    server = RedisServer(executable)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port
