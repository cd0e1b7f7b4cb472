"""The Django recipe's code, as the page shows it, is a working app: each block becomes the file
its first line names, Django routes to the view, and the view answers from the sandbox."""

from __future__ import annotations

import importlib
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import httpx
import pytest

import jbcrm
from jbcrm.sandbox import JetbuiltSandbox
from jbcrm.testing import jetbuilt_client, jetbuilt_sandbox
from tests.leak_guard import SANDBOX_TOKEN

__all__ = ["jetbuilt_client", "jetbuilt_sandbox"]  # the plugin's fixtures, used below

RECIPE = Path(__file__).parents[2] / "docs" / "recipes" / "django.md"
_BLOCK = re.compile(r"^```python\n# (?P<path>\S+\.py)\n(?P<source>.*?)^```$", re.S | re.M)


def _recipe_files() -> dict[str, str]:
    return {m["path"]: m["source"] for m in _BLOCK.finditer(RECIPE.read_text(encoding="utf-8"))}


@pytest.fixture
def crm(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[ModuleType]:
    """The recipe's ``crm`` package, importable, with Django configured to route to it."""
    from django.conf import settings

    if not settings.configured:
        settings.configure(ALLOWED_HOSTS=["testserver"], DEFAULT_CHARSET="utf-8")
    for name, source in _recipe_files().items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        (path.parent / "__init__.py").touch()
        path.write_text(source, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield importlib.import_module("crm")
    for module in [m for m in sys.modules if m == "crm" or m.startswith("crm.")]:
        del sys.modules[module]


def test_the_recipe_has_the_client_accessor_the_views_and_the_urls() -> None:
    assert sorted(_recipe_files()) == ["crm/jetbuilt.py", "crm/urls.py", "crm/views.py"]


async def test_the_async_view_answers_the_project_and_404_for_an_unknown_one(
    crm: ModuleType,
    jetbuilt_client: jbcrm.Jetbuilt,
    jetbuilt_sandbox: JetbuiltSandbox,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from django.http import Http404
    from django.test import AsyncRequestFactory
    from django.urls import resolve

    accessor = importlib.import_module("crm.jetbuilt")
    views = importlib.import_module("crm.views")
    # As the recipe says for tests: the process's client is the plugin's sandbox client.
    monkeypatch.setattr(accessor, "_client", jetbuilt_client)
    stored = jetbuilt_sandbox.store.listed_projects()[0]
    match = resolve(f"/projects/{stored['id']}", urlconf="crm.urls")
    assert match.func is views.project
    answer = await match.func(AsyncRequestFactory().get(match.route), **match.kwargs)
    assert answer.status_code == 200
    assert answer["Content-Type"] == "application/json"
    assert httpx.Response(200, content=answer.content).json()["name"] == stored["name"]
    with pytest.raises(Http404):
        await views.project(AsyncRequestFactory().get("/projects/1"), 1)


async def test_the_async_view_answers_503_with_retry_after_when_jetbuilt_is_busy(
    crm: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.test import AsyncRequestFactory

    def busy(request: httpx.Request) -> httpx.Response:
        return httpx.Response(429, headers={"Retry-After": "7"}, json={"error": "slow down"})

    accessor = importlib.import_module("crm.jetbuilt")
    views = importlib.import_module("crm.views")
    async with (
        httpx.AsyncClient(transport=httpx.MockTransport(busy)) as http,
        jbcrm.Jetbuilt(SANDBOX_TOKEN, rate_limit=None, max_retries=0, http_client=http) as jb,
    ):
        monkeypatch.setattr(accessor, "_client", jb)
        answer = await views.project(AsyncRequestFactory().get("/projects/5"), 5)
    assert answer.status_code == 503
    assert answer["Retry-After"] == "7"


async def test_the_accessor_makes_one_client_per_process_from_the_environment(
    crm: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JETBUILT_API_KEY", SANDBOX_TOKEN)
    accessor = importlib.import_module("crm.jetbuilt")
    first = accessor.jetbuilt()
    assert isinstance(first, jbcrm.Jetbuilt)
    assert accessor.jetbuilt() is first
    await first.aclose()
