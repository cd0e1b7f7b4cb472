"""The ``jbcrm`` command's entry point: argument errors, and the extra the demo needs."""

from __future__ import annotations

import sys

import pytest

from jbcrm.cli import main


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["export", "--api", "jetbuilt", "--resource", "widgets"], "jetbuilt has no 'widgets'"),
        (["export", "--api", "jetpack", "--resource", "projects"], "choose from companies"),
        (["export", "--api", "jetbuilt", "--resource", "vendors"], "vendors needs --db-id"),
        (
            ["export", "--api", "jetbuilt", "--resource", "users", "--db-id", "3"],
            "users takes no --db-id",
        ),
        (
            ["export", "--api", "jetbuilt", "--resource", "users", "--route", "query"],
            "--route and --allow-insecure-http are for --api jetpack",
        ),
        (
            ["export", "--api", "jetbuilt", "--resource", "users", "--api-secret", "s"],
            "--api-secret is for --api jetpack",
        ),
        (
            ["export", "--api", "jetbuilt", "--resource", "users", "--timeout", "0"],
            "--timeout: must be a positive number",
        ),
        (["export", "--api", "salesforce", "--resource", "x"], "invalid choice: 'salesforce'"),
        (["demo", "--window", "0"], "--window: must be a positive number, got 0"),
        (["demo", "--seed", "many"], "--seed: invalid int value: 'many'"),
        (["demo", "--limit", "0"], "--limit: must be at least 1, got 0"),
        (["demo", "--scale", "big"], "--scale: must be a number, got 'big'"),
        (["demo", "--latency", "-1", "0"], "--latency: must be 0 or more seconds, got -1"),
        (["demo", "--latency", "0.5", "0.1"], "MIN (0.5) is larger than MAX (0.1)"),
        (["sandbox", "serve", "--api", "jetbuilt", "--error-rate", "2"], "between 0 and 1"),
        (["sandbox", "serve", "--api", "jetpack", "--port", "70000"], "must be a port number"),
        (["sandbox", "serve"], "the following arguments are required: --api"),
        ([], "the following arguments are required: COMMAND"),
    ],
)
def test_bad_arguments_exit_2_with_a_clear_message(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err


def test_demo_without_the_cli_extra_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delitem(sys.modules, "jbcrm._cli.demo", raising=False)
    monkeypatch.setitem(sys.modules, "rich.console", None)
    with pytest.raises(SystemExit) as exit_info:
        main(["demo"])
    assert exit_info.value.code == 2
    assert "pip install 'jbcrm[cli]' (missing rich)" in capsys.readouterr().err
