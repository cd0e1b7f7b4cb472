"""The scripts in examples/, run against the sandboxes: as functions, and as scripts."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

import jbcrm
from examples import bulk_export, fastapi_app, jetpack_import
from jbcrm.sandbox import Faults, JetbuiltSandbox, ServerRateLimit
from tests.examples.asgi import serving

EXAMPLES = Path(__file__).parents[2] / "examples"


class FailingPath(httpx.AsyncBaseTransport):
    """The sandbox, except that one path answers 500."""

    def __init__(self, inner: httpx.AsyncBaseTransport, path: str) -> None:
        self.inner = inner
        self.path = path

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == self.path:
            return httpx.Response(500, json={"error": "boom"})
        return await self.inner.handle_async_request(request)


def _jetbuilt(
    sandbox: JetbuiltSandbox, transport: httpx.AsyncBaseTransport | None = None
) -> jbcrm.Jetbuilt:
    return jbcrm.Jetbuilt(
        sandbox.api_key,
        base_url=sandbox.base_url,
        rate_limit=None,
        max_retries=0,
        http_client=httpx.AsyncClient(transport=transport or sandbox.transport()),
    )


def _run_script(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, timeout=120, check=False
    )


# examples/bulk_export.py


async def test_bulk_export_writes_every_project_detail_as_jetbuilt_sent_it(
    jetbuilt_sandbox: JetbuiltSandbox,
) -> None:
    out = io.StringIO()
    async with _jetbuilt(jetbuilt_sandbox) as jb:
        written, failed = await bulk_export.export_projects(jb, out)
        one = await jb.projects.get(jetbuilt_sandbox.store.listed_projects()[0]["id"])
    records = {record["id"]: record for record in map(json.loads, out.getvalue().splitlines())}
    listed = [project["id"] for project in jetbuilt_sandbox.store.listed_projects()]
    assert (written, failed) == (len(listed), 0)
    assert sorted(records) == sorted(listed)
    assert records[one.id] == one.raw


async def test_bulk_export_skips_a_failing_project_and_writes_the_others(
    jetbuilt_sandbox: JetbuiltSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = jetbuilt_sandbox.store.listed_projects()[3]["id"]
    transport = FailingPath(jetbuilt_sandbox.transport(), f"/api/projects/{broken}")
    out = io.StringIO()
    async with _jetbuilt(jetbuilt_sandbox, transport) as jb:
        written, failed = await bulk_export.export_projects(jb, out)
    ids = [json.loads(line)["id"] for line in out.getvalue().splitlines()]
    assert failed == 1
    assert written == len(jetbuilt_sandbox.store.listed_projects()) - 1
    assert broken not in ids
    assert f"project {broken} skipped: " in capsys.readouterr().err


def test_bulk_export_runs_as_a_script_against_the_sandbox_without_a_429(tmp_path: Path) -> None:
    output = tmp_path / "projects.jsonl"
    done = _run_script(str(EXAMPLES / "bulk_export.py"), str(output), "--sandbox")
    assert done.returncode == 0, done.stderr
    assert len(output.read_text().splitlines()) == 60
    assert "the sandbox answered 0 x 429" in done.stderr
    assert "60 projects written" in done.stderr


# examples/fastapi_app.py


async def test_fastapi_example_serves_a_project_exactly_as_jetbuilt_sent_it(
    jetbuilt_sandbox: JetbuiltSandbox,
) -> None:
    project = jetbuilt_sandbox.store.listed_projects()[0]
    app = fastapi_app.create_app(lambda: _jetbuilt(jetbuilt_sandbox))
    async with serving(app) as http:
        response = await http.get(f"/projects/{project['id']}")
    assert response.status_code == 200
    assert response.json()["id"] == project["id"]
    assert response.json()["name"] == project["name"]


async def test_fastapi_example_lists_the_projects_of_a_stage(
    jetbuilt_sandbox: JetbuiltSandbox,
) -> None:
    app = fastapi_app.create_app(lambda: _jetbuilt(jetbuilt_sandbox))
    async with serving(app) as http:
        response = await http.get("/projects", params={"stage": "lost", "limit": 100})
        refused = await http.get("/projects", params={"stage": "sold-ish"})
    lost = [p["id"] for p in jetbuilt_sandbox.store.listed_projects() if p["stage"] == "lost"]
    assert response.status_code == 200
    assert [project["id"] for project in response.json()] == lost
    assert refused.status_code == 422


async def test_fastapi_example_answers_404_for_a_project_jetbuilt_does_not_have(
    jetbuilt_sandbox: JetbuiltSandbox,
) -> None:
    app = fastapi_app.create_app(lambda: _jetbuilt(jetbuilt_sandbox))
    async with serving(app) as http:
        response = await http.get("/projects/1")
    assert response.status_code == 404
    assert response.json() == {"detail": "not found in Jetbuilt"}


async def test_fastapi_example_answers_503_with_the_servers_retry_after_when_rate_limited() -> None:
    sandbox = JetbuiltSandbox(scale=0.05, rate_limit=ServerRateLimit(requests=1, per=120.0))
    project_id = sandbox.store.listed_projects()[0]["id"]
    app = fastapi_app.create_app(lambda: _jetbuilt(sandbox))
    async with serving(app) as http:
        first = await http.get(f"/projects/{project_id}")
        second = await http.get(f"/projects/{project_id}")
    assert first.status_code == 200
    assert second.status_code == 503
    assert 60 < int(second.headers["Retry-After"]) <= 120


async def test_fastapi_example_answers_502_when_jetbuilt_fails(
    jetbuilt_sandbox: JetbuiltSandbox,
) -> None:
    jetbuilt_sandbox.faults = Faults(error_rate=1.0)
    app = fastapi_app.create_app(lambda: _jetbuilt(jetbuilt_sandbox))
    async with serving(app) as http:
        response = await http.get("/projects/1")
    assert response.status_code == 502
    assert response.json() == {"detail": "Jetbuilt failed (InternalServerError)"}


def test_fastapi_example_reads_its_server_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("JETBUILT_API_KEY", "k")
    monkeypatch.setenv("JETBUILT_BASE_URL", "http://127.0.0.1:9/api")
    assert fastapi_app.jetbuilt_from_environment().base_url == "http://127.0.0.1:9/api"


# examples/jetpack_import.py


async def test_import_creates_new_customers_and_changes_only_the_given_fields_of_others(
    jetpack_client: jbcrm.JetpackCRM,
) -> None:
    await jetpack_client.customers.upsert(
        email="old@example.com", fname="Olga", city="York", worktel="1"
    )
    rows = jetpack_import.read_rows(
        io.StringIO("email,fname,tags\nold@example.com,Olive,\nnew@example.com,Nia,a; b\n")
    )
    counts = await jetpack_import.import_contacts(jetpack_client, rows)
    old = await jetpack_client.customers.find_by_email("old@example.com")
    new = await jetpack_client.customers.find_by_email("new@example.com")
    assert dict(counts) == {"updated": 1, "created": 1}
    assert old is not None
    assert (old.fname, old.city, old.worktel) == ("Olive", "York", "1")
    assert new is not None
    assert new.fname == "Nia"
    assert sorted(tag.name for tag in new.tags or []) == ["a", "b"]


async def test_import_reports_a_failing_row_by_line_and_imports_the_others(
    jetpack_client: jbcrm.JetpackCRM, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = jetpack_import.read_rows(
        io.StringIO("email,fname\nok@example.com,Ok\n,Nobody\nnot-an-email,Bad\n")
    )
    counts = await jetpack_import.import_contacts(jetpack_client, rows)
    err = capsys.readouterr().err
    assert dict(counts) == {"created": 1, "failed": 2}
    assert "line 3: no email" in err
    assert "line 4: " in err
    assert await jetpack_client.customers.find_by_email("ok@example.com") is not None


def test_import_refuses_a_csv_without_an_email_column(tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    path.write_text("name,city\nAnn,Leeds\n")
    done = _run_script(str(EXAMPLES / "jetpack_import.py"), str(path), "--sandbox")
    assert done.returncode == 2
    assert "needs a header row with an email column" in done.stderr


def test_import_runs_as_a_script_against_the_sandbox() -> None:
    done = _run_script(str(EXAMPLES / "jetpack_import.py"), str(EXAMPLES / "contacts.csv"),
                       "--sandbox")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout == "3 created, 0 updated, 0 failed\n"
