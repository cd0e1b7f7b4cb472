"""``jbcrm sync`` from the command line: plain output off a terminal, exit codes, flags, and
the live view's ETA."""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.console import Console

from jbcrm._cli.sync_view import LiveProgress, Pace, print_summary
from jbcrm._mirror._run import MirrorSummary
from jbcrm._mirror._writer import Counts
from jbcrm.cli import main
from jbcrm.sandbox import JetbuiltSandbox


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[JetbuiltSandbox, str]]:
    sandbox = JetbuiltSandbox(seed=2, scale=0.05, rate_limit=None)
    monkeypatch.setenv("JETBUILT_API_KEY", sandbox.api_key)
    with sandbox.serve_in_thread() as url:
        yield sandbox, url


def test_off_a_terminal_the_summary_is_plain_lines(
    served: tuple[JetbuiltSandbox, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sandbox, url = served
    db = f"sqlite:///{tmp_path / 'jb.db'}"
    argv = ["sync", "--api", "jetbuilt", "--base-url", url, "--db", db]
    assert main([*argv, "--resources", "users", "stock"]) == 0
    out = capsys.readouterr().out
    assert f"jetbuilt_users: {len(sandbox.store.users)} inserted, 0 updated" in out
    assert "Requests: 4 · 429s: 0" in out
    assert "\x1b[" not in out
    assert main([*argv, "--resources", "users"]) == 0
    assert f"0 inserted, 0 updated, 0 deleted, {len(sandbox.store.users)} unchanged" in (
        capsys.readouterr().out
    )


def test_the_database_url_may_come_from_the_environment(
    served: tuple[JetbuiltSandbox, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, url = served
    monkeypatch.setenv("JBCRM_DATABASE_URL", f"sqlite:///{tmp_path / 'env.db'}")
    assert main(["sync", "--api", "jetbuilt", "--base-url", url, "--resources", "users"]) == 0
    assert (tmp_path / "env.db").exists()


def test_bad_records_are_reported_and_the_exit_code_is_1(
    served: tuple[JetbuiltSandbox, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sandbox, url = served
    sandbox.store.users[min(sandbox.store.users)]["email"] = ["not", "text"]
    db = f"sqlite:///{tmp_path / 'jb.db'}"
    code = main(["sync", "--api", "jetbuilt", "--base-url", url, "--db", db,
                 "--resources", "users"])  # fmt: skip
    assert code == 1
    assert "1 record(s) could not be decoded: kept with their JSON in sync_errors" in (
        capsys.readouterr().out
    )


def test_a_database_that_fails_exits_1_in_the_commands_terms(
    served: tuple[JetbuiltSandbox, str], capsys: pytest.CaptureFixture[str]
) -> None:
    _, url = served
    db = "postgresql://ann:pw-never-shown@127.0.0.1:9/crm"
    code = main(["sync", "--api", "jetbuilt", "--base-url", url, "--db", db,
                 "--resources", "users"])  # fmt: skip
    assert code == 1
    err = capsys.readouterr().err
    assert err.startswith("jbcrm sync: MirrorError: the database at postgresql+asyncpg://ann:***@")
    assert "pw-never-shown" not in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--api", "jetbuilt", "--resources", "customers"], "jetbuilt has no customers"),
        (["--api", "jetpack", "--resources", "projects"], "jetpack has no projects"),
        (["--api", "jetbuilt", "--route", "query"], "--route and --allow-insecure-http"),
        (["--api", "jetbuilt", "--overlap", "-1"], "must be 0 or more minutes"),
    ],
)
def test_bad_flags_are_refused_before_anything_runs(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["sync", *argv])
    assert exited.value.code == 2
    assert message in capsys.readouterr().err


def test_each_bar_shows_an_eta_from_the_rate_limit() -> None:
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=120)
    with LiveProgress(console, Pace(50, 10.0), lambda: (12, 0)) as live:
        live.begin("project details", total=100, requests_each=3)
        live.advance("project details", 50)
        live.begin("clients", total=250, requests_each=1 / 25)
    text = out.getvalue()
    # 50 projects left at 3 requests each, 5 requests a second: 30 s.
    assert "ETA 0:30" in text
    # 250 clients at 25 a page: 10 requests, 2 s.
    assert "ETA 0:02" in text
    assert "requests 12" in text


def test_the_summary_compares_the_time_with_the_physical_bound() -> None:
    summary = MirrorSummary("jetbuilt", 7, False, requests=250, elapsed=42.0)
    summary.tables["jetbuilt_projects"] = Counts(inserted=3, updated=1, unchanged=5)
    out = io.StringIO()
    print_summary(Console(file=out, width=120), summary, Pace(50, 10.0))
    text = out.getvalue()
    assert "jetbuilt_projects" in text
    assert "Requests: 250 · 429s: 0 · time: 42.0 s" in text
    assert "physical bound at 50 per 10 s: 40.0 s (95%)" in text


def test_a_leaky_bucket_bound_paces_every_request() -> None:
    assert Pace(10, 1.0, sliding=False).bound(25) == 2.5
    assert Pace(50, 10.0).bound(50) == 0
    assert Pace(50, 10.0).bound(51) == 10.0


def test_without_the_db_extra_the_command_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("jbcrm._cli.sync", "jbcrm._cli.sync_view", "jbcrm._mirror._run"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    monkeypatch.setitem(sys.modules, "sqlalchemy", None)
    with pytest.raises(SystemExit) as exited:
        main(["sync", "--api", "jetbuilt"])
    assert exited.value.code == 2
    assert "pip install 'jbcrm[cli,db]' (missing sqlalchemy)" in capsys.readouterr().err
