"""Every example response of the Jetbuilt document decodes into its typed model."""

from __future__ import annotations

import re
import typing
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jbcrm._core.convert import DecodeError, structure
from jbcrm._core.models import JSON_KEY, Model
from jbcrm.jetbuilt import enums
from jbcrm.jetbuilt.models import (
    Client,
    Company,
    Contact,
    Deleted,
    Discussion,
    LineItem,
    MarketSegment,
    NamedRef,
    Option,
    OptionDetail,
    Phase,
    Product,
    Project,
    ProjectDetail,
    ProjectItems,
    ProjectRef,
    PurchaseOrder,
    PurchaseOrderDetail,
    PurchasingLineItem,
    PurchasingSource,
    Ref,
    Room,
    RoomDetail,
    RoomRef,
    ServicePackage,
    StockItem,
    StockLocation,
    StockProduct,
    System,
    Tag,
    Task,
    TaskDetail,
    TimeSession,
    User,
    UserRef,
    Vendor,
    VendorProduct,
)
from tests.jetbuilt.fixtures import load, names

PACIFIC_DAYLIGHT = timezone(timedelta(hours=-7))
PACIFIC_STANDARD = timezone(timedelta(hours=-8))

#: fixture name -> (type it decodes into, key of the list when the page wraps it in an object)
CASES: dict[str, tuple[Any, str | None]] = {
    "company_get": (Company, None),
    "clients_list": (list[Client], None),
    "client_contacts_list": (list[Contact], None),
    "market_segments_list": (list[MarketSegment], None),
    "phases_list": (list[Phase], None),
    "products_list": (list[Product], None),
    "product_get": (Product, None),
    "projects_list": (list[Project], None),
    "project_get": (ProjectDetail, None),
    "project_items_list": (ProjectItems, None),
    "project_options_list": (list[Option], None),
    "project_option_get": (OptionDetail, None),
    "project_option_rooms_list": (list[Room], None),
    "project_rooms_list": (list[Room], None),
    "project_room_get": (RoomDetail, None),
    "project_systems_list": (list[System], None),
    "project_tags_list": (list[Tag], None),
    "project_discussions_list": (list[Discussion], None),
    "project_purchasing_list": (list[PurchasingLineItem], "line_items"),
    "project_service_packages_list": (list[ServicePackage], "service_packages"),
    "project_service_package_get": (ServicePackage, None),
    "purchasing_sources_list": (list[PurchasingSource], None),
    "purchase_orders_list": (list[PurchaseOrder], None),
    "purchase_order_get": (PurchaseOrderDetail, None),
    "tasks_list": (list[Task], None),
    "task_get": (TaskDetail, None),
    "time_sessions_list": (list[TimeSession], None),
    "stock_items_list": (list[StockItem], None),
    "stock_item_delete": (Deleted, None),
    "stock_locations_list": (list[StockLocation], None),
    "stock_location_delete": (Deleted, None),
    "stock_products_list": (list[StockProduct], None),
    "stock_product_get": (StockProduct, None),
    "users_list": (list[User], None),
    "vendors_list": (list[Vendor], None),
    "vendor_products_list": (list[VendorProduct], None),
    "vendor_product_get": (list[VendorProduct], None),
}


def decode(name: str) -> Any:
    tp, key = CASES[name]
    data = load(name)
    return structure(data[key] if key else data, tp)


def models_in(value: Any) -> list[Model]:
    """Every model in a decoded value, nested ones included."""
    if isinstance(value, list):
        return [found for item in value for found in models_in(item)]
    if not isinstance(value, Model):
        return []
    nested = [models_in(getattr(value, field.name)) for field in attrs.fields(type(value))]
    return [value, *(found for group in nested for found in group)]


def test_every_fixture_has_a_model() -> None:
    assert sorted(CASES) == names()


@pytest.mark.parametrize("name", sorted(CASES))
def test_fixture_decodes_with_every_key_known(name: str) -> None:
    decoded = decode(name)
    found = models_in(decoded)
    assert found
    assert {type(m).__name__: m.extra for m in found if m.extra} == {}


def test_company_locations_carry_aware_timestamps() -> None:
    company = decode("company_get")
    assert company.name == "Topish AV"
    assert company.updated_at == datetime(2020, 12, 2, 15, 43, 11, 700000, PACIFIC_STANDARD)
    uk = company.locations[1]
    assert (uk.id, uk.product_database_id, uk.country) == (2, 4, "GB")
    assert uk.created_at.utcoffset() == timedelta(hours=-7)


def test_client_nests_contacts_and_subclients() -> None:
    (client,) = decode("clients_list")
    assert client.external_ids == {"acumatica_id": "5"}
    assert client.parent_id == 2345
    assert client.state is None
    assert client.contacts[0].primary is True
    subclient = client.subclients[0]
    assert isinstance(subclient, Client)
    assert (subclient.id, subclient.external_ids, subclient.contacts) == (4444, None, [])


def test_product_units_and_prices() -> None:
    product = decode("product_get")
    assert product.cost == Decimal("594.15")
    assert product.mapp is None
    assert (product.warranty_value, product.warranty_unit) == (Decimal("24.0"), "mo")
    assert product.manufacturer == NamedRef(id=458, name="ACME")
    assert decode("products_list")[0] == product


def test_project_list_form() -> None:
    (project,) = decode("projects_list")
    assert type(project) is Project
    assert project.requires_engineering is True
    # Sent as {"cents": 500, "currency_iso": "USD"}: money is always a Decimal amount.
    assert (project.paid_to_date, str(project.paid_to_date)) == (Decimal("5.00"), "5.00")
    assert project.raw["paid_to_date"] == {"cents": 500, "currency_iso": "USD"}
    assert project.budget is None
    assert project.probability == Decimal("0.5")
    assert project.total == Decimal("58624.48")
    assert project.created_at == datetime(2018, 7, 16, 8, 17, 33, 273000, PACIFIC_DAYLIGHT)
    assert (project.close_date, project.price_valid_until) == (date(2018, 9, 4), date(2018, 8, 15))
    assert project.owner == UserRef(id=2914, full_name="John Smith")
    assert project.client == Ref(id=63117)
    assert project.market_segment == Ref(id=98)
    assert project.exchange_rates == {"CAD": Decimal("1.243825")}
    assert project.original_version_id == 97737


def test_project_get_form_adds_structure() -> None:
    project = decode("project_get")
    assert isinstance(project, Project)
    assert isinstance(project, ProjectDetail)
    assert (project.total_margin, project.equipment_margin) == (Decimal("42.0"), Decimal("27.5"))
    assert [room.name for room in project.rooms] == ["Room 1", "Room 2"]
    assert (project.rooms[0].quantity, project.rooms[0].active) == (Decimal(1), True)
    assert project.systems[0].id == 196878
    assert project.tags[0].name == "Floor 1"
    assert project.phases == []
    assert project.labor[0].total_hours == Decimal("1.5")
    assert project.bundles[0].quantity == Decimal("1.0")
    assert [v.name for v in project.versions] == ["1.0", "1.2"]


def test_project_items_decode_line_items_and_trip_factors() -> None:
    items = decode("project_items_list")
    (item,) = items.line_items
    assert item.price == Decimal("699.0")
    assert item.avso_msrp == Decimal("599.00")
    assert (item.quantity, item.quantity_per_room, item.quantity_per_bundle) == (
        Decimal("20.0"),
        Decimal("10.0"),
        None,
    )
    assert item.room == RoomRef(id=242060, name="Room 1", quantity=Decimal("2.0"))
    assert item.system == NamedRef(id=196878, name="System A")
    assert item.kind in enums.LINE_ITEM_KINDS
    assert item.labor[0].minutes == Decimal("600.0")
    assert item.labor[0].labor_type == NamedRef(id=329892, name="Pre-Wire")
    assert item.metadata == {"my_integration": {"my": ["data"]}}
    management, trips = items.factors
    assert (management.factor_method, management.trips) == ("hours_per_day", [])
    assert trips.trips[0].days == 7
    assert trips.expenses[0].per_crew_member is True
    assert trips.expenses[0].price == Decimal("175.0")


def test_line_item_money_sent_as_cents_objects_decodes_to_the_same_decimal() -> None:
    item = structure({"id": 1, "cost": {"cents": 20000, "currency_iso": "USD"}}, LineItem)
    assert item.cost == structure({"id": 1, "cost": "200.00"}, LineItem).cost == Decimal(200)
    assert item.raw["cost"]["currency_iso"] == "USD"


def test_null_money_decodes_to_none() -> None:
    project = structure({"id": 1, "budget": None, "paid_to_date": None}, Project)
    assert (project.budget, project.paid_to_date) == (None, None)


def test_option_detail_and_room_detail() -> None:
    option = decode("project_option_get")
    assert option.line_items[0].replacement_lineitem_ids == [374]
    assert option.factors[0].total_price == Decimal("24.75")
    assert option.factors[0].total_tax == Decimal("1.918125")
    assert decode("project_options_list")[0].upgrade_total == Decimal("870.70")
    room = decode("project_room_get")
    # Unrounded totals keep every digit.
    assert room.total_cost == Decimal("70370.4089260971998418969570213514")
    assert room.line_items == []
    assert room.factors[0].name == "Shipping"


def test_discussions_purchasing_and_service_packages() -> None:
    (discussion,) = decode("project_discussions_list")
    assert discussion.comments[0].user == UserRef(id=486, full_name="John S")
    (purchasing,) = decode("project_purchasing_list")
    assert purchasing.ids == [123, 145, 167]
    assert purchasing.order_quantity == Decimal("3")
    assert purchasing.source == NamedRef(id=34, name="Audio Supplier")
    (package,) = decode("project_service_packages_list")
    assert package == decode("project_service_package_get")
    assert package.taxable_amount_percent == Decimal("100.0")


def test_purchase_orders() -> None:
    order = decode("purchase_order_get")
    assert order.ship_address.postal_code == "92660"
    assert order.line_items[0].total_order_cost == Decimal("300.0")
    assert order.line_items[0].sold_change_order is None
    listed = decode("purchase_orders_list")[0]
    assert type(listed) is PurchaseOrder
    assert listed.purchasing_source_id == 1146


def test_tasks_read_us_dates_steps_and_notes() -> None:
    task = decode("task_get")
    assert task.due_on == date(2023, 10, 30)
    assert task.start_date == date(2023, 10, 30)
    assert task.start_time == "8:30 AM"
    assert task.client_id is None
    assert task.steps[0].photo_required is True
    assert task.notes[0].comment.startswith('\n  Just completed the step "Step 1"')
    assert type(decode("tasks_list")[0]) is Task


def test_time_sessions_and_entries() -> None:
    (session,) = decode("time_sessions_list")
    assert (session.duration, session.work_duration, session.break_duration) == (
        22080,
        18480,
        3600,
    )
    assert session.start_at == datetime(2020, 10, 14, 10, 45, tzinfo=PACIFIC_DAYLIGHT)
    assert session.project == ProjectRef(id=435, full_name="P - 255 Conference Room")
    assert [entry.type for entry in session.time_entries] == ["work", "break", "work"]
    assert session.time_entries[1].labor_type == NamedRef(id=43234, name="Installation")


def test_stock_items_locations_products_and_deletes() -> None:
    (item,) = decode("stock_items_list")
    assert (item.quantity, item.serial_num, item.company_product_id) == (5, None, 1599279)
    (location,) = decode("stock_locations_list")
    assert location.kind in enums.STOCK_LOCATION_KINDS
    product = decode("stock_product_get")
    assert product.company_product_id == 22328
    assert [(office.id, office.quantity_available) for office in product.offices] == [
        (1977, 3),
        (3, 5),
    ]
    assert decode("stock_item_delete") == Deleted(message="The item has been deleted")


def test_users_vendors_and_vendor_products() -> None:
    assert decode("users_list")[0].email == "joshsmith@example.com"
    manufacturer, distributor = decode("vendors_list")
    assert manufacturer.distributed_manufacturers == []
    assert manufacturer.discount_percentage == Decimal("0")
    assert distributor.distributed_manufacturers == [NamedRef(id=123, name="ACME")]
    (product,) = decode("vendor_product_get")
    assert product.manufacturer == "ACME"
    assert product.dealer_price.sheet_date == date(2017, 5, 17)
    assert product.purchasing_source.dealer_number == "abc"


def test_raw_is_the_exact_input_at_every_level() -> None:
    data = load("clients_list")
    (client,) = structure(data, list[Client])
    assert client.raw is data[0]
    assert client.contacts[0].raw is data[0]["contacts"][0]
    assert client.subclients[0].raw is data[0]["subclients"][0]


def test_unknown_keys_are_kept_in_extra() -> None:
    data = load("project_get")
    data["warranty_plan"] = {"years": 3}
    data["rooms"][0]["floor"] = 2
    project = structure(data, ProjectDetail)
    assert project.extra == {"warranty_plan": {"years": 3}}
    assert project.rooms[0].extra == {"floor": 2}


def test_requires_engineering_reads_the_question_mark_key_only() -> None:
    project = structure({"id": 1, "requires_engineering?": False}, Project)
    assert project.requires_engineering is False
    assert project.extra == {}
    plain = structure({"id": 1, "requires_engineering": True}, Project)
    assert plain.requires_engineering is None
    assert plain.extra == {"requires_engineering": True}


def test_numeric_string_ids_and_unknown_enum_values_decode() -> None:
    project = structure({"id": "97739", "stage": "archived", "owner": {"id": "7"}}, Project)
    assert project.id == 97739
    assert project.stage == "archived"
    assert project.owner == UserRef(id=7)


@pytest.mark.parametrize(
    ("data", "tp"),
    [
        ([], Project),
        ("project", Project),
        ({"name": "no id"}, Project),
        ({"id": "abc"}, Project),
        ({"id": True}, Project),
        ({"id": 1, "total": {"amount": 1}}, Project),
        ({"id": 1, "created_at": "yesterday"}, Project),
        ({"id": 1, "owner": "John"}, Project),
        ({"id": 1, "rooms": [{"name": "no id"}]}, ProjectDetail),
        ({"id": 1, "close_date": "someday"}, Project),
        ([{"id": 1}, "oops"], list[Client]),
        ({"line_items": [{"id": 1, "cost": {"currency_iso": "USD"}}]}, ProjectItems),
    ],
)
def test_wrong_shapes_raise_decode_error(data: Any, tp: Any) -> None:
    with pytest.raises(DecodeError):
        structure(data, tp)


def test_enum_tuples_list_the_documented_values() -> None:
    assert typing.get_args(enums.Stage) == enums.STAGES
    assert (enums.STAGES[0], enums.STAGES[-1], len(enums.STAGES)) == ("opportunity", "trash", 12)
    assert enums.PROJECT_TYPES == ("project", "box_sale", "design", "service", "rental")
    assert "Québec" in enums.AVSO_REGIONS
    assert enums.WEIGHT_UNITS == ("lb", "oz", "kg", "g")
    assert enums.LENGTH_UNITS == ("in", "ft", "cm", "mm")
    assert enums.TASK_TYPES == ("install", "sales")


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=12,
)
PROJECT_KEYS = sorted({*load("project_get"), *load("projects_list")[0]} - {"id"})


def _attribute(cls: type, key: str) -> str:
    """The attribute a JSON key decodes into (``requires_engineering?`` -> its attribute)."""
    for field in attrs.fields(cls):
        if field.metadata.get(JSON_KEY, field.name) == key:
            return field.name
    return key


def _structure_or_error(data: Any, tp: Any) -> tuple[Any, DecodeError | None]:
    try:
        return structure(data, tp), None
    except DecodeError as error:
        return None, error


def decodes_to_its_json_or_names_what_does_not_fit(
    data: Any, tp: Any, key: str | None = None
) -> None:
    """``data`` decodes into ``tp`` keeping the exact JSON, or the DecodeError names the model
    (and, when ``key`` alone was changed, the field of that key)."""
    model = typing.get_args(tp)[0] if typing.get_origin(tp) is list else tp
    decoded, error = _structure_or_error(data, tp)
    if error is not None:
        assert error.model == model.__name__
        if key is not None:
            assert error.path is not None
            field = re.split(r"[.\[]", error.path.removeprefix("[0]."))[0]
            assert field == _attribute(model, key)
        return
    if typing.get_origin(tp) is list:
        assert [item.raw for item in decoded] == list(data)
    else:
        assert isinstance(decoded, model)
        assert decoded.raw == data
        assert decoded.id == int(data["id"])


@settings(max_examples=150, deadline=None)
@given(data=JSON)
def test_random_json_decodes_keeping_its_json_or_raises_a_decode_error_naming_the_model(
    data: Any,
) -> None:
    decodes_to_its_json_or_names_what_does_not_fit(data, Project)
    decodes_to_its_json_or_names_what_does_not_fit(data, ProjectDetail)


@settings(max_examples=150, deadline=None)
@given(key=st.sampled_from(PROJECT_KEYS), value=JSON)
def test_a_project_with_one_random_value_decodes_or_names_that_field(key: str, value: Any) -> None:
    data = load("project_get")
    data[key] = value
    decodes_to_its_json_or_names_what_does_not_fit(data, ProjectDetail, key)
    decodes_to_its_json_or_names_what_does_not_fit([data], list[Project], key)


@settings(max_examples=100, deadline=None)
@given(
    data=st.fixed_dictionaries({"id": st.integers()}, optional=dict.fromkeys(PROJECT_KEYS, JSON))
)
def test_random_project_shaped_objects_decode_keeping_their_json_or_name_the_model(
    data: Any,
) -> None:
    decodes_to_its_json_or_names_what_does_not_fit(data, ProjectDetail)
