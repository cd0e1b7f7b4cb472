"""What every Jetpack CRM model shares: custom fields told apart from columns by the record
itself, owners, the plugin's loose number and time types, and the exact JSON kept."""

from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal

from jbcrm._core.convert import structure
from jbcrm.jetpackcrm import Company, Customer, Quote, QuoteStatus, Transaction
from jbcrm.jetpackcrm.models.customers import CUSTOMER_COLUMNS, CUSTOMER_READ_NAMES
from tests.recorded_exchanges import exchange

UTC = timezone.utc


def recorded_contact() -> dict[str, object]:
    return dict(exchange("customers--page1-perpage5").data()[1])


def test_a_date_companion_is_one_only_beside_its_own_custom_field() -> None:
    contact = {**recorded_contact(), "ticket_cfdate": "x", "ticket": "7"}
    del contact["birthday"]
    customer = structure(contact, Customer)
    # Without "birthday" beside them, its printed forms read as custom fields of their own.
    assert "birthday_cfdate" in customer.custom_fields
    assert "ticket_cfdate" not in customer.custom_fields
    assert customer.custom_fields["ticket"] == "7"


def test_keys_of_a_newer_plugin_with_structured_values_stay_in_extra() -> None:
    customer = structure({**recorded_contact(), "facebook_pixel": {"seen": 2}}, Customer)
    assert customer.extra["facebook_pixel"] == {"seen": 2}
    assert "facebook_pixel" not in customer.custom_fields


def test_columns_are_declared_once_on_the_model_with_their_read_names() -> None:
    assert CUSTOMER_COLUMNS[:5] == ("status", "email", "prefix", "fname", "lname")
    assert len(CUSTOMER_COLUMNS) == 23
    assert CUSTOMER_READ_NAMES["seccity"] == "secaddr_city"
    assert set(CUSTOMER_READ_NAMES) == {
        "secaddr1", "secaddr2", "seccity", "seccounty", "secpostcode", "seccountry",
    }  # fmt: skip


def test_no_owner_is_none_whether_the_plugin_writes_minus_one_or_zero() -> None:
    assert structure({"id": "1", "owner": "-1"}, Customer).owner is None
    assert structure({"id": "1", "owner": "0"}, Transaction).owner is None
    assert structure({"id": "1", "owner": "2"}, Company).owner == 2


def test_an_echo_of_written_columns_keeps_them_out_of_the_custom_fields() -> None:
    company = structure({"id": 5, "name": "Acme", "assign": 1, "sector": "AV"}, Company)
    assert company.custom_fields == {"sector": "AV"}
    assert company.extra == {"assign": 1}


def test_money_is_decimal_and_an_empty_amount_is_none() -> None:
    tx = structure({"id": "4", "total": "79.99", "net": "", "fee": 0}, Transaction)
    assert (tx.id, tx.total, tx.net, tx.fee) == (4, Decimal("79.99"), None, Decimal(0))


def test_unix_times_tolerate_numeric_strings_zero_false_and_minus_one() -> None:
    moment = datetime(2026, 12, 1, 8, 0, 40, tzinfo=UTC)
    for value, expected in (
        ("1796112040", moment),
        (1796112040, moment),
        (0, None),
        (False, None),
        (-1, None),
        ("", None),
    ):
        assert structure({"id": 1, "created": value}, Company).created == expected


def test_quote_statuses_decode_to_the_enum() -> None:
    statuses = [structure({"id": 1, "status": v}, Quote).status for v in (-1, -2, 1)]
    assert statuses == [QuoteStatus.DRAFT, QuoteStatus.PUBLISHED, QuoteStatus.ACCEPTED]


def test_models_remember_the_exact_json() -> None:
    data = exchange("transactions--list").data()[0]
    assert structure(data, Transaction).raw is data
