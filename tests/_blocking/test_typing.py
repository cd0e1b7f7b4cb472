"""The sync surface is typed for users' mypy --strict: real signatures, real return types."""

from __future__ import annotations

from pathlib import Path

from mypy import api

USER_CODE = """
import jbcrm

with jbcrm.SyncJetbuilt() as jb:
    reveal_type(jb.projects.list(stage="lost"))
    reveal_type(jb.projects.get(1))
    reveal_type(jb.projects.items.list(1).factors())
    reveal_type(jb.with_options(timeout=5))
    reveal_type(jbcrm.sync_fetch_each(jb.projects.get, [1, 2]))
    for project in jb.projects.list():
        reveal_type(project)
    jb.projects.get("1")
    jb.projects.list(stage="nonsense")
    jb.clients.create(company_name="no user_id")
"""


def test_users_code_sees_the_models_paginators_and_refused_arguments(tmp_path: Path) -> None:
    user = tmp_path / "user.py"
    user.write_text(USER_CODE)
    out, _, _ = api.run(["--strict", "--no-incremental", "--python-version", "3.10", str(user)])
    # mypy versions differ in whether they name the builtins module.
    revealed = [
        line.split("Revealed type is ")[1].replace("builtins.", "")
        for line in out.splitlines()
        if "Revealed" in line
    ]
    errors = [line for line in out.splitlines() if ": error:" in line]
    assert revealed == [
        '"jbcrm._blocking._pagination.SyncPaginator[jbcrm.jetbuilt.models.projects.Project]"',
        '"jbcrm.jetbuilt.models.projects.ProjectDetail"',
        '"list[jbcrm.jetbuilt.models.items.Factor]"',
        '"jbcrm._blocking.jetbuilt.client.SyncJetbuilt"',
        '"list[jbcrm._core.bulk.Outcome[int, jbcrm.jetbuilt.models.projects.ProjectDetail]]"',
        '"jbcrm.jetbuilt.models.projects.Project"',
    ]
    assert [e.split(": error: ")[1].split(" [")[-1] for e in errors] == [
        "arg-type]",
        "arg-type]",
        "call-arg]",
    ]
