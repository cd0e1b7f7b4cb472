"""Customers: the requests sent, the recorded answers decoded, and safe partial updates read
back through the simulated site."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import pytest

from jbcrm import InternalServerError, InvalidArgumentError
from jbcrm.jetpackcrm import CustomerNotFoundError, JetpackCRM, RequestRejectedError
from jbcrm.sandbox import JetpackSandbox
from tests.jetpackcrm.conftest import body, expect, query

UTC = timezone.utc
ANN = "ann.archer@example.com"


async def test_list_posts_paging_filters_and_string_include_flags_in_the_body(
    recorded_site: Any,
) -> None:
    site, crm = recorded_site("customers--transactions-string-true")
    [ann] = await crm.customers.list(
        search=ANN,
        owned=1,
        company=1,
        include_tags=True,
        include_invoices=True,
        include_quotes=True,
        include_transactions=True,
        perpage=20,
    ).to_list()
    request = site.requests[0]
    assert (request.method, request.url.path) == ("POST", "/zbs_api/customers/")
    assert body(request) == {
        "page": 1, "perpage": 20, "search": ANN, "owned": 1, "company": 1, "tags": True,
        "invoices": "true", "quotes": "true", "transactions": "true",
    }  # fmt: skip
    assert [t.ref for t in ann.transactions or []] == ["ORD-1004", "ORD-1001"]
    assert "contact" in (ann.transactions or [])[0].extra


async def test_list_sends_no_include_flag_unless_asked(recorded_site: Any) -> None:
    site, crm = recorded_site("customers--no-body")
    assert len(await crm.customers.list().to_list()) == 10
    assert body(site.requests[0]) == {"page": 1, "perpage": 10}


async def test_the_second_address_is_read_from_the_secaddr_keys(recorded_site: Any) -> None:
    _, crm = recorded_site("customers--page1-perpage5")
    ann = (await crm.customers.list(perpage=5).to_list())[1]
    second = (ann.secaddr1, ann.secaddr2, ann.seccity, ann.seccounty, ann.secpostcode)
    assert second == ("1 Side Road", "Unit 1", "Springfield North", "North Springfield", "SC01 1ZZ")
    assert ann.seccountry == "US"
    assert not any(key.startswith("secaddr_a") for key in ann.custom_fields)


async def test_custom_fields_hold_only_the_custom_fields(recorded_site: Any) -> None:
    _, crm = recorded_site("customers--page1-perpage5")
    ann = (await crm.customers.list(perpage=5).to_list())[1]
    assert ann.custom_fields == {
        "custom-field": "custom Ann", "cf1": "cf1-1", "birthday": "324345600", "score": "87",
        "tier": "gold", "interests": "email,phone", "addr_floor": "1", "secaddr_floor": "3",
    }  # fmt: skip
    assert ann.extra == {
        "created": "2026-12-01 08:00:41",
        "lastcontacted": -1,
        "created_date": "12/01/2026",
        "lastupdated_date": "12/01/2026",
        "lastcontacted_date": False,
        "birthday_cfdate": "04/12/1980",
        "birthday_datetime_str": "April 12, 1980 12:00 am",
        "birthday_date_str": "April 12, 1980",
    }
    assert (ann.id, ann.owner, ann.wpid, ann.lastcontacted) == (2, 1, -1, None)


async def test_no_owner_and_none_custom_values_read_as_none_and_empty(recorded_site: Any) -> None:
    _, crm = recorded_site("customers--page1-perpage5")
    billing = (await crm.customers.list(perpage=5).to_list())[0]
    assert billing.owner is None
    assert set(billing.custom_fields.values()) == {""}
    assert "birthday_cfdate" not in billing.custom_fields


async def test_created_is_the_unix_time_not_the_site_local_text(recorded_site: Any) -> None:
    _, crm = recorded_site("customers--tz-new-york")
    [tina] = await crm.customers.list(search="tina.zone@example.com").to_list()
    assert tina.created == datetime(2026, 12, 1, 8, 0, 53, tzinfo=UTC)
    assert tina.extra["created"] == "2026-12-01 03:00:53"


async def test_search_sends_the_phrase_and_the_hyphen_option(recorded_site: Any) -> None:
    site, crm = recorded_site(
        "customer_search--phrase-replace-hyphens", replace_hyphens_in_keys=True
    )
    [jon] = await crm.customers.search("Ja").to_list()
    assert query(site.requests[0])["zbs_query"] == "Ja"
    assert query(site.requests[0])["replace_hyphens_with_underscores_in_json_keys"] == "1"
    assert "order" not in query(site.requests[0])
    assert jon.custom_fields["custom_field"] == "custom Jon"


async def test_find_by_email_returns_the_customer_with_tags_money_and_none_for_a_miss(
    recorded_site: Any,
) -> None:
    site, crm = recorded_site("customer_search--email-hit", "customer_search--email-miss")
    ann = await crm.customers.find_by_email(ANN)
    assert ann is not None
    assert [t.name for t in ann.tags or []] == ["newsletter", "vip"]
    [invoice] = ann.invoices or []
    assert (invoice.id_override, [i.title for i in invoice.lineitems or []]) == (
        "INV-2001",
        ["Widget", "Gadget"],
    )
    assert await crm.customers.find_by_email("nobody@example.com") is None
    assert query(site.requests[0])["email"] == ANN


async def test_find_by_email_never_sends_the_hyphen_option_the_plugin_dies_on(
    recorded_site: Any,
) -> None:
    site, crm = recorded_site("customer_search--email-hit", replace_hyphens_in_keys=True)
    assert await crm.customers.find_by_email(ANN) is not None
    assert "replace_hyphens_with_underscores_in_json_keys" not in query(site.requests[0])


async def test_the_php_fatal_of_that_option_is_not_retried_and_blames_no_other_endpoint(
    recorded_site: Any,
) -> None:
    site, crm = recorded_site(
        "customer_search--email-replace-hyphens", "customer_search--email-replace-hyphens"
    )
    with expect(InternalServerError) as info:
        await crm.customers.find_by_email(ANN)
    assert len(site.requests) == 1
    assert info.value.retryable is False
    assert "PHP fatal" in str(info.value)
    assert "create_company" not in str(info.value)


async def test_upsert_posts_the_body_and_reads_the_echo_like_a_record(recorded_site: Any) -> None:
    site, crm = recorded_site("create_customer--new")
    nina = await crm.customers.upsert(
        email="nina.novak@example.com", status="Lead", fname="Nina", lname="Novak",
        secaddr1="14 Side Road", seccity="Maribor", assign=2, tags=["newsletter", "trial"],
        custom_fields={"cf1": "cf1-14", "interests": ["email", "post"]},
    )  # fmt: skip
    assert body(site.requests[0]) == {
        "email": "nina.novak@example.com", "status": "Lead", "fname": "Nina", "lname": "Novak",
        "secaddr1": "14 Side Road", "seccity": "Maribor", "assign": 2,
        "tags": ["newsletter", "trial"], "cf1": "cf1-14", "interests": ["email", "post"],
    }  # fmt: skip
    assert (nina.id, nina.owner, nina.secaddr1, nina.seccity) == (14, 2, "14 Side Road", "Maribor")
    assert [t.name for t in nina.tags or []] == ["newsletter", "trial"]
    assert nina.custom_fields["cf1"] == "cf1-14"
    assert "secaddr1" not in nina.custom_fields
    assert nina.raw["secaddr1"] == "14 Side Road"


async def test_the_plugin_saves_nothing_without_the_email_so_upsert_needs_it(
    crm: JetpackCRM, recorded_site: Any
) -> None:
    with pytest.raises(InvalidArgumentError, match="only through its email"):
        await crm.customers.upsert(email="", fname="Carolina")
    _, client = recorded_site("create_customer--by-id")
    with expect(RequestRejectedError) as info:
        await client.customers.upsert(email="cara.cole@example.com", id=4)
    assert "saves a customer only through its email" in str(info.value)


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"tags": []}, "tags cannot be removed"),
        ({"custom_fields": {"cf1": ""}}, "cannot be cleared"),
        ({"custom_fields": {"score": "0"}}, "set to 0"),
        ({"custom_fields": {"fname": "x"}}, "name of a standard field"),
    ],
)
async def test_upsert_refuses_what_the_plugin_would_not_store(
    crm: JetpackCRM, fields: dict[str, Any], words: str
) -> None:
    with pytest.raises(InvalidArgumentError, match=words):
        await crm.customers.upsert(email="a@b.co", **fields)


async def test_upsert_replaces_the_customer_as_the_plugin_does(
    sandbox_client: JetpackCRM,
) -> None:
    await sandbox_client.customers.upsert(email=ANN, lname="Only")
    ann = await sandbox_client.customers.find_by_email(ANN)
    assert ann is not None
    assert (ann.fname, ann.lname, ann.seccity, ann.owner) == ("", "Only", "", None)
    assert ann.custom_fields["cf1"] == "cf1-1"
    assert [t.name for t in ann.tags or []] == ["newsletter", "vip"]


async def test_update_changes_some_fields_and_keeps_owner_tags_custom_fields_and_the_rest(
    sandbox_client: JetpackCRM,
) -> None:
    saved = await sandbox_client.customers.update(
        ANN, lname="Archer-Smith", seccity="Shelbyville", custom_fields={"cf1": "changed"}
    )
    ann = await sandbox_client.customers.find_by_email(ANN)
    assert ann is not None
    assert saved.custom_fields == ann.custom_fields
    assert (ann.fname, ann.lname, ann.owner, ann.status) == ("Ann", "Archer-Smith", 1, "Customer")
    assert (ann.secaddr1, ann.seccity, ann.mobtel) == ("1 Side Road", "Shelbyville", "0700 000 001")
    assert [t.name for t in ann.tags or []] == ["newsletter", "vip"]
    custom = ann.custom_fields
    assert (custom["cf1"], custom["custom-field"], custom["birthday"]) == (
        "changed",
        "custom Ann",
        "324345600",
    )


async def test_update_by_id_walks_the_list_and_can_take_a_customer_out_of_customer_status(
    sandbox_client: JetpackCRM,
) -> None:
    saved = await sandbox_client.customers.update(4, status="Lead", tags=["vip", "renewal"])
    assert (saved.id, saved.email, saved.status, saved.owner) == (
        4,
        "cara.cole@example.com",
        "Lead",
        1,
    )
    assert [t.name for t in saved.tags or []] == ["renewal", "vip"]


async def test_update_sends_nothing_when_nothing_changes(
    sandbox_client: JetpackCRM, jetpack_sandbox: JetpackSandbox
) -> None:
    before = jetpack_sandbox.stats.requests
    same = await sandbox_client.customers.update(ANN, fname="Ann", custom_fields={"cf1": "cf1-1"})
    assert same.fname == "Ann"
    assert jetpack_sandbox.stats.requests == before + 1


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"custom_fields": {"birthday": "1980-04-13"}}, "birthday are dates"),
        ({"custom_fields": {"cf1": ""}}, "cannot be cleared"),
        ({"tags": []}, "tags cannot be removed"),
        ({"firstname": "Ann"}, "cannot set firstname .did you mean fname"),
    ],
)
async def test_update_refuses_a_change_the_plugin_would_not_make(
    sandbox_client: JetpackCRM, fields: dict[str, Any], words: str
) -> None:
    with pytest.raises(InvalidArgumentError, match=words):
        await sandbox_client.customers.update(ANN, **fields)


async def test_update_of_an_unknown_customer_raises_not_found(sandbox_client: JetpackCRM) -> None:
    with expect(CustomerNotFoundError):
        await sandbox_client.customers.update("ghost@example.com", fname="Casper")
    with expect(CustomerNotFoundError):
        await sandbox_client.customers.update(999, fname="Casper")


async def test_tags_given_as_one_string_are_refused(crm: JetpackCRM) -> None:
    with pytest.raises(InvalidArgumentError, match="tags must be a list"):
        await crm.customers.upsert(email="a@b.co", tags="vip")  # type: ignore[arg-type]


async def test_recorded_read_backs_show_what_an_upsert_blanks_and_what_it_cannot_store(
    recorded_site: Any,
) -> None:
    _, crm = recorded_site("customers--after-existing-email", "customers--after-create-new")
    [ben] = await crm.customers.list(search="ben.baker@example.com", include_tags=True).to_list()
    assert (ben.fname, ben.lname, ben.city, ben.mobtel, ben.owner) == (
        "Benjamin",
        "",
        "York",
        "",
        None,
    )
    assert (ben.custom_fields["cf1"], [t.name for t in ben.tags or []]) == ("cf1-2", ["newsletter"])
    [nina] = await crm.customers.list(search="nina.novak@example.com", include_tags=True).to_list()
    assert nina.custom_fields["birthday"] == ""
    assert nina.custom_fields["interests"] == "email,post"
