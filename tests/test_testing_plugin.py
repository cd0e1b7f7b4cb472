"""The ``jbcrm`` pytest plugin, run the way a user runs it: on a test file of their own."""

from __future__ import annotations

import sys

import pytest

import jbcrm.jetbuilt.resources
import jbcrm.jetpackcrm.resources
import jbcrm.sandbox
import jbcrm.testing

pytest_plugins = ["pytester"]

# Imported here once: each in-process run forgets the modules it imported itself.
PRELOADED = (jbcrm.sandbox, jbcrm.jetbuilt.resources, jbcrm.jetpackcrm.resources)

USER_TESTS = """
import pytest

import jbcrm
from jbcrm.sandbox import Faults


@pytest.mark.asyncio
async def test_lists_every_project(jetbuilt_client, jetbuilt_sandbox):
    projects = await jetbuilt_client.projects.list().to_list()
    assert len(projects) == len(jetbuilt_sandbox.store.listed_projects())


@pytest.mark.asyncio
async def test_client_has_no_rate_limit(jetbuilt_client, jetpack_client):
    assert jetbuilt_client.rate_limit_stats is None
    assert jetpack_client.rate_limit_stats is None


@pytest.mark.asyncio
async def test_faults_reach_the_client(jetbuilt_sandbox, jetbuilt_client):
    jetbuilt_sandbox.faults = Faults(error_rate=1.0)
    with pytest.raises(jbcrm.InternalServerError):
        await jetbuilt_client.with_options(max_retries=0).company.get()


@pytest.mark.asyncio
async def test_upsert_reads_back(jetpack_client, jetpack_sandbox):
    before = len(jetpack_sandbox.store.contacts)
    await jetpack_client.customers.upsert(email="new@example.com", fname="New")
    found = await jetpack_client.customers.find_by_email("new@example.com")
    assert found is not None and found.fname == "New"
    assert len(jetpack_sandbox.store.contacts) == before + 1


def test_each_test_gets_a_fresh_sandbox(jetpack_sandbox):
    assert jetpack_sandbox.store.contact_by_email("new@example.com") is None


def test_sync_clients_reach_the_same_sandboxes(
    sync_jetbuilt_client, jetbuilt_sandbox, sync_jetpack_client, jetpack_sandbox
):
    assert len(sync_jetbuilt_client.projects.list().to_list()) == len(
        jetbuilt_sandbox.store.listed_projects()
    )
    sync_jetpack_client.customers.upsert(email="sync@example.com", fname="Sync")
    assert jetpack_sandbox.store.contact_by_email("sync@example.com") is not None
    assert sync_jetbuilt_client.rate_limit_stats is None
"""

LOOP_SCOPE = ("-o", "asyncio_default_fixture_loop_scope=function")


@pytest.mark.parametrize("mode", ["strict", "auto"])
def test_fixtures_work_in_a_user_test_suite(pytester: pytest.Pytester, mode: str) -> None:
    pytester.makepyfile(test_user=USER_TESTS)
    result = pytester.runpytest(*LOOP_SCOPE, "-o", f"asyncio_mode={mode}")
    result.assert_outcomes(passed=6)


def test_fixtures_are_documented(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest(*LOOP_SCOPE, "--fixtures")
    output = result.stdout.str()
    for name in (
        "jetbuilt_sandbox",
        "jetbuilt_client",
        "jetpack_sandbox",
        "jetpack_client",
        "sync_jetbuilt_client",
        "sync_jetpack_client",
    ):
        assert name in output
    assert "in-process" in output


def test_async_fixtures_fall_back_to_plain_pytest_without_pytest_asyncio(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def resource() -> None:
        """A user fixture."""

    monkeypatch.setitem(sys.modules, "pytest_asyncio", None)
    fixture = jbcrm.testing._async_fixture(resource)
    assert type(fixture) is type(pytest.fixture(resource))
