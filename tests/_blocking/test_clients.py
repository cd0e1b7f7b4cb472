"""The sync clients do what the async ones do, blocking: calls, models, errors, options."""

from __future__ import annotations

import httpx
import pytest

import jbcrm
from jbcrm.jetbuilt.models import ProjectDetail
from jbcrm.sandbox import Faults, JetbuiltSandbox, JetpackSandbox


def test_a_get_returns_the_async_clients_model(
    sync_jetbuilt_client: jbcrm.SyncJetbuilt, jetbuilt_sandbox: JetbuiltSandbox
) -> None:
    stored = jetbuilt_sandbox.store.listed_projects()[0]
    project = sync_jetbuilt_client.projects.get(stored["id"])
    assert isinstance(project, ProjectDetail)
    assert (project.id, project.name) == (stored["id"], stored["name"])


def test_creates_and_updates_reach_the_server(
    sync_jetbuilt_client: jbcrm.SyncJetbuilt, jetbuilt_sandbox: JetbuiltSandbox
) -> None:
    owner = sync_jetbuilt_client.users.list().to_list(limit=1)[0]
    made = sync_jetbuilt_client.clients.create(user_id=owner.id, company_name="Awesome AV")
    sync_jetbuilt_client.clients.update(made.id, delinquent=True)
    stored = jetbuilt_sandbox.store.clients[made.id]
    assert (stored["company_name"], stored["delinquent"]) == ("Awesome AV", True)


def test_a_server_error_raises_the_async_clients_error(
    sync_jetbuilt_client: jbcrm.SyncJetbuilt,
) -> None:
    with pytest.raises(jbcrm.NotFoundError) as raised:
        sync_jetbuilt_client.projects.get(1)
    assert raised.value.status == 404


def test_an_argument_the_api_refuses_raises_before_anything_is_sent(
    sync_jetbuilt_client: jbcrm.SyncJetbuilt, jetbuilt_sandbox: JetbuiltSandbox
) -> None:
    with pytest.raises(jbcrm.InvalidArgumentError):
        sync_jetbuilt_client.projects.list(stage="nonsense")  # type: ignore[arg-type]
    assert jetbuilt_sandbox.stats.requests == 0


def test_with_options_gives_a_copy_with_its_own_settings_sharing_the_limiter(
    jetbuilt_sandbox: JetbuiltSandbox,
) -> None:
    jetbuilt_sandbox.faults = Faults(error_rate=1.0)
    http = httpx.AsyncClient(transport=jetbuilt_sandbox.transport())
    with jbcrm.SyncJetbuilt(
        jetbuilt_sandbox.api_key,
        base_url=jetbuilt_sandbox.base_url,
        http_client=http,
        rate_limit=jbcrm.RateLimit(100, per=1.0, key="with-options-test"),
    ) as jb:
        once = jb.with_options(max_retries=0)
        with pytest.raises(jbcrm.InternalServerError) as raised:
            once.company.get()
        assert isinstance(once, jbcrm.SyncJetbuilt)
        assert raised.value.attempts == 1
        assert once.rate_limit_stats == jb.rate_limit_stats
        once.close()
        with pytest.raises(jbcrm.ClientClosedError):
            once.company.get()
        jetbuilt_sandbox.faults = Faults()
        assert jb.company.get().name  # closing the copy closed nothing shared


def test_a_closed_client_raises_client_closed_error(jetbuilt_sandbox: JetbuiltSandbox) -> None:
    jb = jbcrm.SyncJetbuilt(
        jetbuilt_sandbox.api_key,
        base_url=jetbuilt_sandbox.base_url,
        http_client=httpx.AsyncClient(transport=jetbuilt_sandbox.transport()),
    )
    with jb:
        jb.company.get()
    with pytest.raises(jbcrm.ClientClosedError):
        jb.company.get()


def test_a_sync_call_keeps_the_async_deadline(jetbuilt_sandbox: JetbuiltSandbox) -> None:
    jetbuilt_sandbox.faults = Faults(stall_rate=1.0, stall_seconds=30.0)
    http = httpx.AsyncClient(transport=jetbuilt_sandbox.transport())
    with (
        jbcrm.SyncJetbuilt(
            jetbuilt_sandbox.api_key,
            base_url=jetbuilt_sandbox.base_url,
            http_client=http,
            rate_limit=None,
            deadline=0.2,
        ) as jb,
        pytest.raises(jbcrm.APITimeoutError) as raised,
    ):
        jb.company.get()
    assert "deadline of 0.2 s" in str(raised.value)


def test_repr_names_the_sync_client_and_no_secret(
    sync_jetbuilt_client: jbcrm.SyncJetbuilt, sync_jetpack_client: jbcrm.SyncJetpackCRM
) -> None:
    assert repr(sync_jetbuilt_client).startswith("SyncJetbuilt(base_url=")
    assert repr(sync_jetpack_client).startswith("SyncJetpackCRM(site_url=")
    assert repr(sync_jetbuilt_client.projects.items) == "<SyncLineItems resource>"
    assert repr(sync_jetbuilt_client.projects.list()) == "SyncPaginator(GET /projects, total=None)"
    assert "sandbox-token" not in repr(sync_jetbuilt_client)


def test_jetpack_upsert_update_and_find_by_email(
    sync_jetpack_client: jbcrm.SyncJetpackCRM, jetpack_sandbox: JetpackSandbox
) -> None:
    sync_jetpack_client.customers.upsert(email="ann@example.com", fname="Ann", lname="Lee")
    sync_jetpack_client.customers.update("ann@example.com", lname="Low")
    found = sync_jetpack_client.customers.find_by_email("ann@example.com")
    stored = jetpack_sandbox.store.contact_by_email("ann@example.com")
    assert found is not None
    assert (found.fname, found.lname) == ("Ann", "Low")
    assert stored is not None
    assert stored["fields"]["lname"] == "Low"


def test_jetpack_status_and_site_properties(sync_jetpack_client: jbcrm.SyncJetpackCRM) -> None:
    status = sync_jetpack_client.status()
    assert status.raw
    assert sync_jetpack_client.route == "pretty"
    assert sync_jetpack_client.site_url.startswith("http")
