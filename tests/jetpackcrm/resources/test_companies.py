"""Companies: a list that sends only what the plugin can honour, and an upsert whose PHP fatals
are reported without retries and without claims."""

from __future__ import annotations

from typing import Any

import pytest

from jbcrm import InternalServerError, InvalidArgumentError
from jbcrm.jetpackcrm import Customer, JetpackCRM, RequestRejectedError
from jbcrm.sandbox import JetpackSandbox
from tests.jetpackcrm.conftest import body, expect


async def test_list_sends_only_paging_and_reads_the_attached_contacts(recorded_site: Any) -> None:
    site, crm = recorded_site("companies--page1-perpage2")
    acme, globex = (await crm.companies.list(perpage=2).pages().__anext__()).items
    assert body(site.requests[0]) == {"page": 1, "perpage": 2}
    assert [c.email for c in acme.contacts or []] == [
        "ann.archer@example.com",
        "ben.baker@example.com",
    ]
    assert all(isinstance(c, Customer) for c in globex.contacts or [])
    assert (acme.id, acme.owner, acme.secaddr1, acme.lastcontacted) == (1, 1, "PO Box 101", None)


async def test_a_companys_custom_fields_leave_out_its_avatar_and_date_companions(
    recorded_site: Any,
) -> None:
    _, crm = recorded_site("companies--list")
    acme = (await crm.companies.list().to_list())[0]
    assert acme.custom_fields == {
        "sector": "tools", "founded": "990057600", "size": "large", "employees": "250",
        "addr_floor": "1", "secaddr_floor": "G",
    }  # fmt: skip
    assert acme.avatar == ""
    assert acme.extra["founded_cfdate"] == "05/17/2001"


def test_list_takes_no_filter_or_include_flag_since_the_plugin_mixes_them_up() -> None:
    import inspect

    from jbcrm.jetpackcrm.resources import Companies

    assert list(inspect.signature(Companies.list).parameters) == ["self", "perpage", "read_ahead"]


async def test_upsert_posts_the_body_and_reads_the_echo(recorded_site: Any) -> None:
    site, crm = recorded_site("create_company--new")
    umbrella = await crm.companies.upsert(
        email="hq@umbrella.example",
        name="Umbrella Corp",
        status="Lead",
        assign=1,
        tags=["prospect", "pharma"],
        custom_fields={"sector": "pharma", "size": "large"},
    )
    assert body(site.requests[0]) == {
        "email": "hq@umbrella.example", "name": "Umbrella Corp", "status": "Lead", "assign": 1,
        "tags": ["prospect", "pharma"], "sector": "pharma", "size": "large",
    }  # fmt: skip
    assert (umbrella.id, umbrella.owner, umbrella.name) == (4, 1, "Umbrella Corp")
    assert [t.name for t in umbrella.tags or []] == ["prospect", "pharma"]


@pytest.mark.parametrize(
    "recorded", ["create_company--existing-email-json", "create_company--existing-email-form"]
)
async def test_the_fatal_after_an_existing_email_is_not_retried_and_claims_no_write(
    recorded_site: Any, recorded: str
) -> None:
    site, crm = recorded_site(recorded, recorded)
    with expect(InternalServerError) as info:
        await crm.companies.upsert(email="info@globex.example", name="Globex Corp")
    assert len(site.requests) == 1
    assert info.value.retryable is False
    text = str(info.value)
    assert "PHP fatal" in text
    assert "may have been changed" in text
    assert "after saving" not in text


async def test_the_fatal_is_honest_the_company_was_replaced(
    sandbox_client: JetpackCRM, jetpack_sandbox: JetpackSandbox
) -> None:
    with expect(InternalServerError):
        await sandbox_client.companies.upsert(email="info@globex.example", name="Globex Corp")
    globex = (await sandbox_client.companies.list().to_list())[1]
    assert (globex.name, globex.city, globex.maintel) == ("Globex Corp", "", "")
    assert globex.custom_fields["sector"] == "energy"


async def test_an_upsert_without_a_valid_email_is_refused_or_rejected(
    crm: JetpackCRM, recorded_site: Any
) -> None:
    with pytest.raises(InvalidArgumentError, match="only through its email"):
        await crm.companies.upsert(email=" ", name="Ghost Co")
    _, client = recorded_site("create_company--invalid-email")
    with expect(RequestRejectedError) as info:
        await client.companies.upsert(email="not-an-email", name="Bad Co")
    assert "missing or not valid" in str(info.value)


async def test_upsert_refuses_values_a_company_never_stores(crm: JetpackCRM) -> None:
    with pytest.raises(InvalidArgumentError, match="tags cannot be removed"):
        await crm.companies.upsert(email="a@b.co", tags=[""])
    with pytest.raises(InvalidArgumentError, match="cannot be cleared"):
        await crm.companies.upsert(email="a@b.co", custom_fields={"sector": ""})


async def test_an_update_by_id_is_not_offered_since_the_plugin_always_dies_on_it(
    recorded_site: Any,
) -> None:
    import inspect

    from jbcrm.jetpackcrm.resources import Companies

    assert "id" not in inspect.signature(Companies.upsert).parameters
    site, crm = recorded_site("create_company--by-id-json", "create_company--by-id-json")
    with expect(InternalServerError) as info:
        await crm.companies.upsert(email="contact@initech.example", name="Initech LLC")
    assert len(site.requests) == 1
    assert info.value.body["additional_errors"] == []
