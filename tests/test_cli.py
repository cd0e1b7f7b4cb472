"""The ``jbcrm`` command: ``sandbox serve``, ``export`` and argument errors."""

from __future__ import annotations

import asyncio
import csv
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from jbcrm._cli import serve as serve_module
from jbcrm.cli import build_parser, main
from jbcrm.sandbox import JetbuiltSandbox, JetpackSandbox

JETBUILT_HEADERS = {
    "Authorization": "Token token=sandbox-token",
    "Accept": "application/vnd.jetbuilt.v1",
}


@pytest.fixture
def jetbuilt() -> Iterator[tuple[JetbuiltSandbox, str]]:
    sandbox = JetbuiltSandbox(scale=0.05, api_key="export-token", rate_limit=None)
    with sandbox.serve_in_thread() as url:
        yield sandbox, url


@pytest.fixture
def jetbuilt_url(jetbuilt: tuple[JetbuiltSandbox, str]) -> str:
    return jetbuilt[1]


@pytest.fixture
def jetpack() -> Iterator[tuple[JetpackSandbox, str]]:
    sandbox = JetpackSandbox(scale=0.05)
    with sandbox.serve_in_thread() as url:
        yield sandbox, url


@pytest.fixture(autouse=True)
def no_credentials_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (
        "JETBUILT_API_KEY",
        "JETPACKCRM_URL",
        "JETPACKCRM_API_KEY",
        "JETPACKCRM_API_SECRET",
    ):
        monkeypatch.delenv(name, raising=False)


def test_sandbox_serve_prints_a_url_that_answers_until_terminated() -> None:
    command = [sys.executable, "-m", "jbcrm.cli", "sandbox", "serve", "--api", "jetbuilt"]
    process = subprocess.Popen(
        [*command, "--scale", "0.05", "--no-rate-limit"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None
        url = process.stdout.readline().strip()
        credentials = process.stdout.readline().strip()
        response = httpx.get(f"{url}/projects", headers=JETBUILT_HEADERS, timeout=10)
    finally:
        process.terminate()
        returncode = process.wait(timeout=10)
    assert url.startswith("http://127.0.0.1:")
    assert url.endswith("/api")
    assert credentials == "JETBUILT_API_KEY=sandbox-token"
    assert response.status_code == 200
    assert response.headers["X-Total-Count"] == "60"
    assert returncode == 0


@pytest.mark.usefixtures("plain_httpx_scrubbed")
async def test_jetpack_sandbox_serve_prints_its_credentials_as_environment_variables(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    args = build_parser().parse_args(
        ["sandbox", "serve", "--api", "jetpack", "--scale", "0.05", "--latency", "0", "0.01"]
    )
    server = asyncio.create_task(serve_module._serve(args))
    out = ""
    while out.count("\n") < 4:
        await asyncio.sleep(0.01)
        out += capsys.readouterr().out
    lines = out.splitlines()
    url = lines[0]
    env = dict(line.split("=", 1) for line in lines[1:4])
    async with httpx.AsyncClient() as client:
        response = await client.get(
            f"{url}/zbs_api/status/",
            params={
                "api_key": env["JETPACKCRM_API_KEY"],
                "api_secret": env["JETPACKCRM_API_SECRET"],
            },
        )
    server.cancel()
    with pytest.raises(asyncio.CancelledError):
        await server
    assert env["JETPACKCRM_URL"] == url
    assert response.status_code == 200
    assert response.json()["success"] is True


def test_export_writes_one_json_line_per_project(
    jetbuilt: tuple[JetbuiltSandbox, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sandbox, jetbuilt_url = jetbuilt
    monkeypatch.setenv("JETBUILT_API_KEY", "export-token")
    output = tmp_path / "projects.jsonl"
    code = main(
        ["export", "--api", "jetbuilt", "--resource", "projects", "--base-url", jetbuilt_url,
         "--output", str(output)]
    )  # fmt: skip
    records = [json.loads(line) for line in output.read_text().splitlines()]
    assert code == 0
    listed = sandbox.store.listed_projects()
    assert [record["id"] for record in records] == [project["id"] for project in listed]
    assert records[0]["name"] == listed[0]["name"]


def test_export_writes_csv_with_every_customer(
    jetpack: tuple[JetpackSandbox, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sandbox, url = jetpack
    output = tmp_path / "customers.csv"
    code = main(
        ["export", "--api", "jetpack", "--resource", "customers", "--base-url", url,
         "--api-key", sandbox.api_key, "--api-secret", sandbox.api_secret,
         "--format", "csv", "--output", str(output)]
    )  # fmt: skip
    with output.open(newline="") as file:
        rows = list(csv.DictReader(file))
    assert code == 0
    assert len(rows) == len(sandbox.store.contacts)
    assert {row["email"] for row in rows} == {c.email for c in sandbox.store.contacts.values()}
    assert "exported 25 customers" in capsys.readouterr().err


def test_export_stops_after_max_records(
    jetbuilt_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        ["export", "--api", "jetbuilt", "--resource", "clients", "--base-url", jetbuilt_url,
         "--api-key", "export-token", "--max", "7"]
    )  # fmt: skip
    assert code == 0
    assert len(capsys.readouterr().out.splitlines()) == 7


def test_export_without_credentials_names_the_environment_variable(
    jetbuilt_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        ["export", "--api", "jetbuilt", "--resource", "projects", "--base-url", jetbuilt_url]
    )
    assert code == 2
    assert "JETBUILT_API_KEY" in capsys.readouterr().err


def test_export_with_a_wrong_key_fails_without_showing_it(
    jetpack: tuple[JetpackSandbox, str], capsys: pytest.CaptureFixture[str]
) -> None:
    _, url = jetpack
    code = main(
        ["export", "--api", "jetpack", "--resource", "customers", "--base-url", url,
         "--api-key", "jpcrm_pk_wrong", "--api-secret", "jpcrm_sk_very_secret"]
    )  # fmt: skip
    err = capsys.readouterr().err
    assert code == 1
    assert "AuthenticationError" in err
    assert "jpcrm_sk_very_secret" not in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["export", "--api", "jetbuilt", "--resource", "widgets"], "jetbuilt has no 'widgets'"),
        (["export", "--api", "jetpack", "--resource", "projects"], "choose from customers"),
        (["export", "--api", "salesforce", "--resource", "x"], "invalid choice: 'salesforce'"),
        (["demo", "--window", "0"], "--window: must be a positive number, got 0"),
        (["demo", "--details", "many"], "--details: must be a whole number, got 'many'"),
        (["demo", "--details", "-1"], "--details: must be 0 or more, got -1"),
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
