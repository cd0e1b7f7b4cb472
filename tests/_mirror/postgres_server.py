"""A throwaway PostgreSQL server on a free 127.0.0.1 port, in a temporary folder, for tests.

``initdb`` refuses to run as root, so as root the server runs as the ``postgres`` system user
(Debian's package creates it). Durability is off (``fsync=off``): the data dies with the test
run anyway. The tests that need the server skip only when PostgreSQL is not installed and
``JBCRM_REQUIRE_POSTGRES`` is unset; CI sets it, so a missing server fails the run.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator

import pytest

REQUIRE_ENV = "JBCRM_REQUIRE_POSTGRES"
USER = "jbcrm"
_START_TIMEOUT = 30.0


def postgres_bin() -> str:
    """The folder holding ``initdb`` and ``postgres``; skips, or fails when required."""
    found = shutil.which("initdb")
    if found is not None:
        return os.path.dirname(os.path.realpath(found))
    # Debian keeps the server binaries out of PATH, one folder per major version.
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    if versions:
        return os.path.dirname(versions[0])
    if os.environ.get(REQUIRE_ENV):
        pytest.fail(f"PostgreSQL (initdb) is not installed and {REQUIRE_ENV} is set")
    pytest.skip("PostgreSQL is not installed")


class PostgresServer:
    """One server process and the URL of its ``postgres`` database."""

    def __init__(self, bin_dir: str) -> None:
        self.bin_dir = bin_dir
        self.port = _free_port()
        self.folder = tempfile.mkdtemp(prefix="jbcrm-pg-")
        self._as_user = _unprivileged_user()
        self._process: subprocess.Popen[bytes] | None = None

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{USER}@127.0.0.1:{self.port}/{database}"

    def start(self) -> None:
        data = os.path.join(self.folder, "data")
        if self._as_user is not None:
            os.chown(self.folder, self._as_user.pw_uid, self._as_user.pw_gid)
        self._run(["initdb", "-D", data, "-U", USER, "--auth=trust", "-E", "UTF8", "--no-sync"])
        self._process = subprocess.Popen(
            [
                os.path.join(self.bin_dir, "postgres"),
                "-D", data,
                "-p", str(self.port),
                "-h", "127.0.0.1",
                "-k", self.folder,
                "-c", "fsync=off",
                "-c", "synchronous_commit=off",
                "-c", "full_page_writes=off",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            user=None if self._as_user is None else self._as_user.pw_uid,
        )  # fmt: skip
        deadline = time.monotonic() + _START_TIMEOUT
        while not self._ready():
            if self._process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"postgres did not start on port {self.port}")
            time.sleep(0.05)

    def stop(self) -> None:
        if self._process is not None:
            # SIGINT is PostgreSQL's fast shutdown (SIGTERM waits for clients to leave).
            self._process.send_signal(signal.SIGINT)
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
            self._process = None
        shutil.rmtree(self.folder, ignore_errors=True)

    def create_database(self, name: str) -> str:
        """A new empty database; returns its URL."""
        self._run(["createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", USER, name])
        return self.url(name)

    def _run(self, command: list[str]) -> None:
        subprocess.run(
            [os.path.join(self.bin_dir, command[0]), *command[1:]],
            check=True,
            capture_output=True,
            user=None if self._as_user is None else self._as_user.pw_uid,
        )

    def _ready(self) -> bool:
        probe = [os.path.join(self.bin_dir, "pg_isready"), "-q", "-h", "127.0.0.1",
                 "-p", str(self.port), "-U", USER]  # fmt: skip
        if os.path.exists(probe[0]):
            return subprocess.run(probe, check=False).returncode == 0
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port), 0.5):
            return True
        return False


@contextlib.contextmanager
def running_postgres_server() -> Iterator[PostgresServer]:
    """A started server, stopped (and its folder removed) on exit."""
    server = PostgresServer(postgres_bin())
    server.start()
    try:
        yield server
    finally:
        server.stop()


def _unprivileged_user() -> pwd.struct_passwd | None:
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam("postgres")
    except KeyError:
        pytest.fail("running as root needs the postgres system user (Debian's postgresql)")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port
