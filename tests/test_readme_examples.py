"""Every python block of the README runs, as written, against the in-process sandboxes.

How a block runs is read from the block itself, so a new section needs nothing here:

- a block that calls ``asyncio.run(...)`` or has an ``if __name__ == "__main__":`` block is a
  script and runs as ``__main__``;
- a block that defines ``test_*`` functions is a test module: pytest runs it with the jbcrm
  plugin, in asyncio auto mode, and every test in it must pass;
- any other block continues the quick starts: ``jbcrm`` is imported and ``jb`` and ``crm``
  are clients there (open ones when the block awaits at top level, which it may);
- a block naming ``redis://localhost:6379`` gets a throwaway ``redis-server`` at that URL.

Every ``jbcrm.Jetbuilt(...)`` and ``jbcrm.JetpackCRM(...)`` (and their ``Sync`` twins) a block
makes without its own
``http_client`` reaches a fresh in-process sandbox, with the sandbox's credentials and, unless
the block sets one, no client rate limit. A block may opt out only with the line
``<!-- readme-test: skip (the reason) -->`` just above it.
"""

from __future__ import annotations

import ast
import asyncio
import inspect
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import httpx
import pytest
from fastapi import FastAPI

import jbcrm
from jbcrm._blocking._client import SyncClient
from jbcrm.sandbox import Faults, JetbuiltSandbox, JetpackSandbox
from tests.examples.asgi import serving
from tests.integration.redis_server import redis_server_executable, running_redis_server

pytest_plugins = ["pytester"]

README = Path(__file__).parent.parent / "README.md"
LOCAL_REDIS = "redis://localhost:6379/0"
_FENCE = re.compile(r"^```python\n(.*?)^```$", re.S | re.M)
_MARKER = re.compile(r"<!-- readme-test: (?P<mode>[a-z-]+)(?: \((?P<reason>[^)]+)\))? -->")
_HEADING = re.compile(r"^#{2,3} (.+)$", re.M)


@attrs.frozen
class Block:
    heading: str
    line: int
    source: str
    marker: re.Match[str] | None

    @property
    def id(self) -> str:
        return f"L{self.line}-" + re.sub(r"[^a-z0-9]+", "-", self.heading.lower()).strip("-")

    @property
    def tests(self) -> list[str]:
        return [
            node.name
            for node in ast.parse(self.source).body
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            and node.name.startswith("test_")
        ]

    @property
    def is_script(self) -> bool:
        return any(
            (isinstance(node, ast.Call) and ast.unparse(node.func) == "asyncio.run")
            or (isinstance(node, ast.If) and ast.unparse(node.test) == "__name__ == '__main__'")
            for node in ast.walk(ast.parse(self.source))
        )


def readme_blocks() -> list[Block]:
    text = README.read_text(encoding="utf-8")
    blocks = []
    for fence in _FENCE.finditer(text):
        before = text[: fence.start()]
        headings = _HEADING.findall(before)
        previous = before.rstrip("\n").rpartition("\n")[2]
        blocks.append(
            Block(
                heading=headings[-1] if headings else "top",
                line=before.count("\n") + 2,
                source=fence.group(1),
                marker=_MARKER.fullmatch(previous.strip()),
            )
        )
    return blocks


def _block(heading: str) -> Block:
    (found,) = [block for block in readme_blocks() if block.heading == heading]
    return found


BLOCKS = [block for block in readme_blocks() if block.marker is None]


class Sandboxes:
    """A Jetbuilt and a Jetpack CRM sandbox that every client the README makes reaches."""

    def __init__(self) -> None:
        self.jetbuilt = JetbuiltSandbox(scale=0.05, rate_limit=None)
        self.jetpack = JetpackSandbox(scale=0.05)

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(jbcrm, "Jetbuilt", self._jetbuilt_class())
        monkeypatch.setattr(jbcrm, "JetpackCRM", self._jetpack_class())
        monkeypatch.setattr(jbcrm, "SyncJetbuilt", self._sync_class(jbcrm.SyncJetbuilt))
        monkeypatch.setattr(jbcrm, "SyncJetpackCRM", self._sync_class(jbcrm.SyncJetpackCRM))

    def _sync_class(self, base: type[SyncClient]) -> type[SyncClient]:
        """``base`` reaching the sandbox its async client reaches (``jbcrm.Jetbuilt`` is the
        patched one by then)."""
        reach = self._jetbuilt_class() if base is jbcrm.SyncJetbuilt else self._jetpack_class()

        class Sync(base):  # type: ignore[valid-type,misc]
            def __init__(self, *args: Any, **options: Any) -> None:
                SyncClient.__init__(self, reach(*args, **options))

        Sync.__name__ = base.__name__
        return Sync

    def _jetbuilt_class(self) -> type[jbcrm.Jetbuilt]:
        sandbox = self.jetbuilt

        class Jetbuilt(jbcrm.Jetbuilt):
            def __init__(self, api_key: str | None = None, **options: Any) -> None:
                if options.get("http_client") is None:
                    api_key = sandbox.api_key
                    options["base_url"] = sandbox.base_url
                    options["http_client"] = httpx.AsyncClient(transport=sandbox.transport())
                    options.setdefault("rate_limit", None)
                super().__init__(api_key, **options)

        return Jetbuilt

    def _jetpack_class(self) -> type[jbcrm.JetpackCRM]:
        sandbox = self.jetpack

        class JetpackCRM(jbcrm.JetpackCRM):
            def __init__(self, site_url: str | None = None, **options: Any) -> None:
                if options.get("http_client") is None:
                    site_url = sandbox.base_url
                    options["api_key"] = sandbox.api_key
                    options["api_secret"] = sandbox.api_secret
                    options["http_client"] = httpx.AsyncClient(transport=sandbox.transport())
                    options.setdefault("rate_limit", None)
                super().__init__(site_url, **options)

        return JetpackCRM


@pytest.fixture
def sandboxes(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Sandboxes:
    found = Sandboxes()
    found.install(monkeypatch)
    # A block that writes a file (a mirror's SQLite database) writes it here.
    monkeypatch.chdir(tmp_path)
    return found


@pytest.fixture
def redis_url() -> Iterator[str]:
    with running_redis_server(redis_server_executable()) as server:
        yield server.url


def run(block: Block, redis_url: str | None = None) -> dict[str, Any]:
    """Run ``block`` (see the module docstring); its names, once it has run."""
    source = block.source
    if LOCAL_REDIS in source:
        assert redis_url is not None, "this block needs the redis_url fixture"
        source = source.replace(LOCAL_REDIS, redis_url)
    code = compile(source, f"README.md:{block.line}", "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
    namespace: dict[str, Any] = {"__name__": "__main__", "jbcrm": jbcrm}
    if code.co_flags & inspect.CO_COROUTINE:
        asyncio.run(_run_awaiting(code, namespace))
        return namespace
    if not block.is_script:
        namespace.update(jb=jbcrm.Jetbuilt(), crm=jbcrm.JetpackCRM())
    exec(code, namespace)
    return namespace


async def _run_awaiting(code: Any, namespace: dict[str, Any]) -> None:
    async with jbcrm.Jetbuilt() as jb, jbcrm.JetpackCRM() as crm:
        namespace.update(jb=jb, crm=crm)
        await eval(code, namespace)


@pytest.mark.parametrize("block", [b for b in BLOCKS if not b.tests], ids=lambda b: b.id)
def test_every_python_block_of_the_readme_runs_against_the_sandbox(
    block: Block, sandboxes: Sandboxes, request: pytest.FixtureRequest
) -> None:
    redis_url = request.getfixturevalue("redis_url") if LOCAL_REDIS in block.source else None
    run(block, redis_url)


@pytest.mark.parametrize("block", [b for b in BLOCKS if b.tests], ids=lambda b: b.id)
def test_every_test_module_of_the_readme_passes_under_pytest(
    block: Block, pytester: pytest.Pytester
) -> None:
    pytester.makepyfile(test_readme=block.source)
    result = pytester.runpytest(
        "-o", "asyncio_mode=auto", "-o", "asyncio_default_fixture_loop_scope=function"
    )
    result.assert_outcomes(passed=len(block.tests))


def test_an_opted_out_block_says_why() -> None:
    for block in readme_blocks():
        if block.marker is not None:
            assert block.marker["mode"] == "skip", f"README.md:{block.line}: unknown mode"
            assert block.marker["reason"], f"README.md:{block.line}: a skip needs a reason"


def test_the_readme_has_a_block_of_each_kind() -> None:
    assert any(block.is_script for block in BLOCKS)
    assert any(block.tests for block in BLOCKS)
    assert any(not block.is_script and not block.tests for block in BLOCKS)


def test_jetbuilt_quick_start_prints_lost_projects_and_makes_its_client(
    sandboxes: Sandboxes, capsys: pytest.CaptureFixture[str]
) -> None:
    run(_block("Jetbuilt quick start"))
    store = sandboxes.jetbuilt.store
    lost = [p for p in store.listed_projects() if p["stage"] == "lost"]
    printed = capsys.readouterr().out.splitlines()
    (made,) = [c for c in store.clients.values() if c["company_name"] == "Awesome AV"]
    assert lost
    assert [line.split()[0] for line in printed[: len(lost)]] == [str(p["id"]) for p in lost]
    assert made["delinquent"] is True
    assert f"{len(store.listed_projects())} details," in printed[-1]


def test_jetpack_quick_start_saves_the_customer_it_upserts(sandboxes: Sandboxes) -> None:
    run(_block("Jetpack CRM quick start"))
    saved = sandboxes.jetpack.store.contact_by_email("a@b.com")
    assert saved is not None
    assert saved["fields"]["fname"] == "Ann"


def test_sandbox_script_lists_every_project_without_a_429(
    sandboxes: Sandboxes, capsys: pytest.CaptureFixture[str]
) -> None:
    run(_block("The sandbox"))
    assert capsys.readouterr().out == "60 projects; 0 x 429\n"


async def test_fastapi_handlers_answer_404_and_503_with_retry_after(
    sandboxes: Sandboxes,
) -> None:
    app: FastAPI = run(_block("In a web app (FastAPI)"))["app"]

    @app.get("/projects/{project_id}")
    async def project(project_id: int) -> Any:
        async with jbcrm.Jetbuilt(max_retries=0) as jb:
            return (await jb.projects.get(project_id)).raw

    async with serving(app) as http:
        missing = await http.get("/projects/1")
        sandboxes.jetbuilt.faults = Faults(error_rate=1.0, error_statuses=(429,))
        busy = await http.get(f"/projects/{sandboxes.jetbuilt.store.listed_projects()[0]['id']}")
    assert missing.status_code == 404
    assert busy.status_code == 503
    assert busy.headers["Retry-After"] == "10"  # the handler's wait when the server gave none


async def test_redis_app_serves_projects_through_the_shared_limiter(
    sandboxes: Sandboxes, redis_url: str
) -> None:
    app: FastAPI = run(_block("Many processes, one limit (Redis)"), redis_url)["app"]
    project = sandboxes.jetbuilt.store.listed_projects()[0]
    async with serving(app) as http:
        response = await http.get(f"/projects/{project['id']}")
        stats = app.state.jb.rate_limit_stats
    assert response.status_code == 200
    assert response.json()["name"] == project["name"]
    assert stats is not None
    assert stats.requests == 1


def test_sync_script_prints_lost_projects_and_counts_the_details(
    sandboxes: Sandboxes, capsys: pytest.CaptureFixture[str]
) -> None:
    run(_sync_use_blocks()[0])
    lost = [p for p in sandboxes.jetbuilt.store.listed_projects() if p["stage"] == "lost"]
    printed = capsys.readouterr().out.splitlines()
    assert lost
    assert [line.split()[0] for line in printed[:-1]] == [str(p["id"]) for p in lost]
    assert printed[-1] == "20 details"


def _sync_use_blocks() -> list[Block]:
    return [block for block in readme_blocks() if block.heading == "Sync use"]


def test_sync_django_view_answers_the_project_and_404_for_an_unknown_one(
    sandboxes: Sandboxes,
) -> None:
    from django.conf import settings

    if not settings.configured:
        settings.configure(ALLOWED_HOSTS=["testserver"], DEFAULT_CHARSET="utf-8")
    from django.http import Http404
    from django.test import RequestFactory

    (view_block,) = [b for b in _sync_use_blocks() if "django" in b.source]
    view = run(view_block)["project"]
    stored = sandboxes.jetbuilt.store.listed_projects()[0]
    answer = view(RequestFactory().get(f"/projects/{stored['id']}"), stored["id"])
    assert answer.status_code == 200
    assert json.loads(answer.content) == {"id": stored["id"], "name": stored["name"]}
    with pytest.raises(Http404):
        view(RequestFactory().get("/projects/1"), 1)


def test_sync_celery_task_run_eagerly_renames_the_customer_keeping_the_rest(
    sandboxes: Sandboxes,
) -> None:
    (task_block,) = [b for b in _sync_use_blocks() if "celery" in b.source]
    names = run(task_block)
    names["app"].conf.task_always_eager = True
    contact = next(iter(sandboxes.jetpack.store.contacts.values()))
    email, fname = contact["fields"]["email"], contact["fields"]["fname"]
    result = names["rename_customer"].delay(email, "Renamed")
    saved = sandboxes.jetpack.store.contact_by_email(email)
    assert saved is not None
    assert result.get() == saved["id"]
    assert (saved["fields"]["lname"], saved["fields"]["fname"]) == ("Renamed", fname)
