"""``jbcrm export``: every collection to JSON lines or CSV, credentials, limits and hints."""

from __future__ import annotations

import asyncio
import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from rich.console import Console

import jbcrm
from jbcrm._cli import export as export_module
from jbcrm._cli import exportable
from jbcrm.cli import main
from jbcrm.sandbox import Faults, JetbuiltSandbox, JetpackSandbox


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
    assert {row["email"] for row in rows} == {
        c["fields"]["email"] for c in sandbox.store.contacts.values()
    }
    assert "exported 25 records of customers" in capsys.readouterr().err


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
    err = capsys.readouterr().err
    assert code == 2
    assert "pass --api-key or set JETBUILT_API_KEY" in err
    assert "api_key=" not in err


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


def _parent_ids(store: Any) -> dict[str, int]:
    """A real id for every parent an export may need, taken from the sandbox's data."""
    db_id = store.company["locations"][0]["product_database_id"]
    project_id = next(p["id"] for p in store.listed_projects() if store.detail(p["id"]).options)
    return {
        "db_id": db_id,
        "project_id": project_id,
        "option_id": store.detail(project_id).options[0]["id"],
        "client_id": next(iter(store.clients)),
        "vendor_id": next(
            v["id"] for v in store.vendors[db_id].values()
            if v["dealer_pricing_status"] == "approved"
        ),
        "company_product_id": next(iter(store.stock_items.values()))["company_product_id"],
    }  # fmt: skip


def _flag(parent: str) -> str:
    return "--" + parent.replace("_", "-")


@pytest.mark.parametrize("name", list(exportable.collections("jetbuilt")))
async def test_every_jetbuilt_collection_exports_what_the_sdk_lists(
    name: str, jetbuilt: tuple[JetbuiltSandbox, str], tmp_path: Path
) -> None:
    sandbox, url = jetbuilt
    collection = exportable.collections("jetbuilt")[name]
    ids = _parent_ids(sandbox.store)
    output = tmp_path / "out.jsonl"
    argv = ["export", "--api", "jetbuilt", "--resource", name, "--base-url", url,
            "--api-key", sandbox.api_key, "--output", str(output)]  # fmt: skip
    for parent in collection.parents:
        argv += [_flag(parent), str(ids[parent])]
    code = await asyncio.to_thread(main, argv)
    async with jbcrm.Jetbuilt(
        sandbox.api_key,
        base_url=sandbox.base_url,
        rate_limit=None,
        http_client=httpx.AsyncClient(transport=sandbox.transport()),
    ) as jb:
        namespace = collection.namespace(jb)
        args = [ids[parent] for parent in collection.parents]
        if collection.single:
            expected = [(await namespace.get(*args)).raw]
        else:
            expected = [record.raw async for record in namespace.list(*args)]
    assert code == 0
    assert [json.loads(line) for line in output.read_text().splitlines()] == expected


@pytest.mark.parametrize(
    ("api", "name"),
    [(api, name) for api in ("jetbuilt", "jetpack")
     for name, collection in exportable.collections(api).items() if collection.parents],
)  # fmt: skip
def test_a_collection_under_a_parent_asks_for_each_missing_parent_flag(
    api: str, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["export", "--api", api, "--resource", name])
    err = capsys.readouterr().err
    assert exit_info.value.code == 2
    for parent in exportable.collections(api)[name].parents:
        assert _flag(parent) in err


def test_export_csv_flattens_nested_values_into_columns(
    jetbuilt: tuple[JetbuiltSandbox, str], tmp_path: Path
) -> None:
    sandbox, url = jetbuilt
    output = tmp_path / "projects.csv"
    code = main(
        ["export", "--api", "jetbuilt", "--resource", "projects", "--base-url", url,
         "--api-key", sandbox.api_key, "--format", "csv", "--output", str(output)]
    )  # fmt: skip
    with output.open(newline="") as file:
        rows = list(csv.DictReader(file))
    listed = sandbox.store.listed_projects()
    assert code == 0
    assert [int(row["id"]) for row in rows] == [project["id"] for project in listed]
    assert [int(row["owner.id"]) for row in rows] == [p["owner"]["id"] for p in listed]
    cells = [cell for row in rows for cell in row.values()]
    assert not [cell for cell in cells if cell.startswith(("{", "["))]


def test_export_prints_only_the_summary_when_standard_error_is_not_a_terminal(
    jetbuilt_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        ["export", "--api", "jetbuilt", "--resource", "clients", "--base-url", jetbuilt_url,
         "--api-key", "export-token"]
    )  # fmt: skip
    assert code == 0
    assert capsys.readouterr().err == "exported 15 records of clients to standard output\n"


def test_export_shows_records_and_pages_on_a_terminal(
    jetbuilt_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=120)
    monkeypatch.setattr(export_module, "terminal", lambda: console)
    code = main(
        ["export", "--api", "jetbuilt", "--resource", "projects", "--base-url", jetbuilt_url,
         "--api-key", "export-token", "--output", str(tmp_path / "p.jsonl")]
    )  # fmt: skip
    assert code == 0
    assert "60 of 60 records" in screen.getvalue()
    assert "3 pages" in screen.getvalue()


def _export_from_a_stalled_server(
    jetbuilt: tuple[JetbuiltSandbox, str], capsys: pytest.CaptureFixture[str], *flags: str
) -> tuple[int, str]:
    """``jbcrm export`` of the users against a server that never answers in time."""
    sandbox, url = jetbuilt
    sandbox.faults = Faults(stall_rate=1.0, stall_seconds=3.0)
    code = main(
        ["export", "--api", "jetbuilt", "--resource", "users", "--base-url", url,
         "--api-key", sandbox.api_key, *flags]
    )  # fmt: skip
    return code, capsys.readouterr().err


def test_export_timeout_names_the_flag_not_the_python_option(
    jetbuilt: tuple[JetbuiltSandbox, str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = _export_from_a_stalled_server(
        jetbuilt, capsys, "--timeout", "0.2", "--max-retries", "0"
    )
    assert code == 1
    assert "APITimeoutError" in err
    assert "--timeout" in err
    assert "--deadline" in err
    assert "with_options" not in err
    assert "hint for Python code" not in err


def test_export_deadline_bounds_each_call(
    jetbuilt: tuple[JetbuiltSandbox, str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = _export_from_a_stalled_server(
        jetbuilt, capsys, "--timeout", "5", "--deadline", "0.3"
    )
    assert code == 1
    assert "APITimeoutError" in err
    assert "waiting for the response" in err


def test_export_refuses_plain_http_to_another_host_naming_the_flag(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(
        ["export", "--api", "jetpack", "--resource", "customers",
         "--base-url", "http://crm.example.com", "--api-key", "jpcrm_pk_x",
         "--api-secret", "jpcrm_sk_y"]
    )  # fmt: skip
    err = capsys.readouterr().err
    assert code == 2
    assert "--allow-insecure-http" in err
    assert "allow_insecure_http" not in err
    assert "jpcrm_sk_y" not in err
