"""Decoding the types the real plugin sends: ids and unix times as strings, ``-1``/``false``
for "none", money as decimal strings, custom fields as top-level slugs."""

from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal

from jbcrm._core.convert import structure
from jbcrm.jetpackcrm import Company, Customer, Event, Quote, QuoteStatus, Transaction
from tests.jetpackcrm.conftest import fixture

UTC = timezone.utc
SEED_NOW = datetime(2026, 11, 28, 9, 30, 37, tzinfo=UTC)


def real_customer() -> Customer:
    return structure(fixture("real_customers")[0], Customer)


def test_a_real_contact_decodes_numbers_sent_as_strings() -> None:
    customer = real_customer()
    assert (customer.id, customer.owner, customer.wpid) == (7, 1, -1)
    assert customer.created == SEED_NOW
    assert customer.createduts == SEED_NOW
    assert customer.lastupdated == SEED_NOW
    assert customer.lastcontacted is None


def test_custom_fields_are_the_top_level_slugs_including_hyphens_and_address_fields() -> None:
    assert real_customer().custom_fields == {
        "favourite-colour": "teal",
        "cf1": "",
        "addr_delivery": "Leave at reception",
        "secaddr_delivery": "",
    }


def test_extra_holds_unknown_keys_and_date_companions_but_not_custom_fields() -> None:
    assert real_customer().extra == {
        "created_date": "11/28/2026",
        "lastupdated_date": "11/28/2026",
        "lastcontacted_date": False,
        "facebook_pixel": {"seen": 2},
    }


def test_included_records_decode_with_their_own_types() -> None:
    customer = real_customer()
    assert customer.tags is not None
    assert [(t.name, t.slug, t.created) for t in customer.tags] == [("VIP", "vip", SEED_NOW)]
    [invoice] = customer.invoices or []
    assert (invoice.owner, invoice.total, invoice.paid_date) == (1, Decimal("500.00"), None)
    [tx] = customer.transactions or []
    assert (tx.status_bool, tx.is_paid, tx.type_accounting, tx.date_paid) == (
        -1,
        False,
        "debit",
        None,
    )
    [quote] = customer.quotes or []
    assert quote.status is QuoteStatus.ACCEPTED
    assert quote.accepted == SEED_NOW


def test_quote_statuses_decode_to_the_enum() -> None:
    statuses = [structure({"id": 1, "status": v}, Quote).status for v in (-1, -2, 1)]
    assert statuses == [QuoteStatus.DRAFT, QuoteStatus.PUBLISHED, QuoteStatus.ACCEPTED]


def test_a_real_event_decodes_reminders_contacts_and_companies() -> None:
    [event] = [structure(e, Event) for e in fixture("real_events")]
    assert event.owner == -1
    assert event.complete is True
    assert event.start == datetime.fromtimestamp(1795860000, UTC)
    assert event.reminders is not None
    assert (event.reminders[0].remind_at, event.reminders[0].sent) == (-86400, False)
    assert [c.fullname for c in event.contact or []] == ["Ann Lee"]
    [company] = event.company or []
    assert (company.id, company.owner, company.lastcontacted) == (3, 2, None)
    assert event.custom_fields == {}


def test_money_is_decimal_and_an_empty_amount_is_none() -> None:
    tx = structure({"id": "4", "total": "79.99", "net": "", "fee": 0}, Transaction)
    assert (tx.id, tx.total, tx.net, tx.fee) == (4, Decimal("79.99"), None, Decimal(0))


def test_unix_times_tolerate_numeric_strings_zero_false_and_minus_one() -> None:
    for value, expected in (
        ("1795858237", SEED_NOW),
        (1795858237, SEED_NOW),
        (0, None),
        (False, None),
        (-1, None),
        ("", None),
    ):
        assert structure({"id": 1, "created": value}, Company).created == expected


def test_company_echo_with_custom_fields_and_tags_sent() -> None:
    company = structure({"id": 5, "name": "Acme", "assign": 1, "industry": "AV"}, Company)
    assert company.custom_fields == {"industry": "AV"}
    assert company.extra == {"assign": 1}


def test_models_remember_the_exact_json() -> None:
    data = fixture("transactions")[0]
    assert structure(data, Transaction).raw is data
