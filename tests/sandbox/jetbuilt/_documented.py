"""Key sets of the API document's example responses, written out once for the shape tests."""

from __future__ import annotations


def keys(text: str) -> frozenset[str]:
    return frozenset(text.split())


COMPANY = keys("id name created_at updated_at locations")
LOCATION = keys(
    "id name time_zone product_database_id created_at updated_at address city state zipcode country"
)
CLIENT = keys(
    "id company_name delinquent payment_schedule created_at updated_at"
    " primary_contact_first_name primary_contact_last_name primary_contact_title"
    " primary_contact_email primary_contact_phone_number_1 primary_contact_phone_number_2"
    " address city state zipcode country external_ids parent_id contacts subclients"
)
CLIENT_NESTED_CONTACT = keys(
    "id first_name last_name title email_address phone_number_1 phone_number_2 primary"
    " created_at updated_at"
)
SUBCLIENT = CLIENT - {"parent_id", "contacts", "subclients"}
CONTACT = CLIENT_NESTED_CONTACT | {"description"}
MARKET_SEGMENT = keys("id office_id name vertical_segment created_at updated_at")
PHASE = keys("id name created_at updated_at")
PRODUCT = keys(
    "id model currency_code product_id cost price short_description msrp mapp image_url"
    " phase_id shipping_cost shipping_price discontinued notes warranty_value warranty_unit"
    " rack_value rack_unit power_value power_unit poe_value poe_unit heat_load_value"
    " heat_load_unit weight_value weight_unit height_value height_unit width_value width_unit"
    " depth_value depth_unit manufacturer custom direct_pricing tax_equipment tax_labor"
    " tax_shipping favorite created_at updated_at"
)
PROJECT_LIST = keys(
    "id name short_description payment_schedule custom_id version price_valid_until"
    " probability created_at updated_at close_date budget paid_to_date stage contract_number"
    " labor_tax requires_engineering? avso avso_region project_type sales_tax equipment_total"
    " labor_total shipping_total tax_total total address city state zipcode country owner"
    " project_manager engineer second_engineer client primary_contact company_location"
    " market_segment currency exchange_rates image_url active shared original_version_id"
)
PROJECT_GET = (PROJECT_LIST - {"market_segment"}) | keys(
    "total_margin equipment_margin rooms systems tags phases labor bundles versions"
)
PROJECT_ROOM_REF = keys("id name quantity scope active")
PROJECT_SYSTEM_REF = keys("id name scope active")
PROJECT_LABOR = keys("id name category cost price total_hours")
PROJECT_VERSION = keys("id name description locked")
LINE_ITEM = keys(
    "id manufacturer_id manufacturer_name model part_number owner_furnished msrp mapp price"
    " cost currency_iso short_description shipping_price subtotal_equipment_price"
    " total_equipment_price tax_equipment tax_shipping created_at updated_at notes"
    " external_notes subcontract_labor_cost subcontract_labor_price kind hidden"
    " purchasing_released engineering_released avso_ranking avso_discount avso_msrp"
    " avso_item_name discount custom product_id custom_product_id quantity quantity_per_room"
    " quantity_per_bundle bundle room system tag phase option labor metadata"
)
FACTOR = keys(
    "id name description factor_method total_price total_cost taxed hidden created_at updated_at"
)
TRIP_FACTOR = FACTOR | {"trips", "expenses"}
OPTION = keys(
    "id name sold scope total upgrade_total payment_schedule created_at updated_at active"
    " change_order room"
)
OPTION_FACTOR = keys(
    "id name description factor_method taxed hidden total_cost total_price total_tax"
)
ROOM = keys("id name quantity created_at updated_at")
ROOM_GET = ROOM | keys(
    "total_cost total_price total_tax equipment_total_cost equipment_total_price"
    " labor_total_cost labor_total_price other_total_cost other_total_price line_items factors"
)
ROOM_FACTOR = keys("id name description factor_method taxed hidden total_cost total_price")
SYSTEM = keys("id name created_at updated_at")
TAG = SYSTEM
DISCUSSION = keys("id title comments")
COMMENT = keys("id created_at updated_at user comment")
PURCHASING = keys(
    "ids full_name short_description order_status order_notes cost total_order_cost"
    " project_quantity order_quantity source sold_change_order"
)
SERVICE_PACKAGE = keys(
    "id name purchase_type pricing_method program_term price cost sold taxed taxable_amount_percent"
)
SOURCE = keys(
    "id company_name first_name last_name email phone default_ship created_at updated_at"
    " dealer_number"
)
PURCHASE_ORDER = keys(
    "id user_id project_id purchasing_source_id custom_id notes status shipping_option"
    " created_at updated_at ship_to ship_address"
)
SHIP_ADDRESS = keys("street city region postal_code country")
TASK = keys(
    "id name client_id project_id created_by_id completed_by_id completed_at minutes"
    " lineitem_id phase_id labor_type_id created_at updated_at assigned_to_id due_on start_date"
    " start_time time_zone all_day"
)
TIME_SESSION = keys(
    "id start_at end_at time_zone duration work_duration break_duration num_breaks description"
    " created_at updated_at running user project category time_entries"
)
TIME_ENTRY = keys(
    "id start_at end_at time_zone duration created_at updated_at type running labor_type"
)
STOCK_ITEM = keys(
    "id stock_location_id quantity serial_num status created_at updated_at company_product_id name"
)
STOCK_LOCATION = keys(
    "id name position description office_id project_id kind created_at updated_at"
)
STOCK_PRODUCT = keys("name company_product_id quantity_available")
USER = keys("id full_name email created_at updated_at")
VENDOR = keys(
    "id name rank preferred purchasing_source price_list_date discount_percentage"
    " dealer_pricing_status manufacturer distributor"
)
VENDOR_PRODUCT = keys(
    "id model part_number short_description long_description msrp mapp discontinued"
    " created_at updated_at dealer_price manufacturer currency purchasing_source favorite"
)
