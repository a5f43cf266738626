// The request's fields, one table for every input form: JSON members (request_json.cpp) and CSV
// columns (batch.cpp) are validated by the same code, so a value means the same wherever it comes from.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "evexport/error.hpp"
#include "evexport/request.hpp"

namespace evexport::detail {

enum class FieldType {
    text,
    boolean,
    date,
    period,  // a date, or a month (YYYY-MM) or a year (YYYY) when the day is not known (issue 16)
    category,
    powertrain,
    condition,
    role,
    trade_mode,
    hs_code,
    country,
    lang,
    version,
    // The seller's papers (issue 13): lists are JSON arrays of strings, or one text whose items are
    // separated by commas, semicolons or line breaks (a CSV cell).
    texts,
    countries,
    categories,
    outlets,   // JSON: objects {country, address, provider}; as text: the outlets' countries
    amount,    // a JSON number, or digits with one decimal point
    currency,  // ISO 4217, three capitals
    drive_side,
    importer
};

constexpr bool is_date(FieldType t) { return t == FieldType::date || t == FieldType::period; }

constexpr bool is_list(FieldType t) {
    return t == FieldType::texts || t == FieldType::countries || t == FieldType::categories || t == FieldType::outlets;
}

struct Field {
    std::string_view pointer;  // JSON Pointer in the request
    std::string_view column;   // CSV column (CONTRACT.md, batch)
    FieldType type;
};

inline constexpr Field kFields[] = {
    {"/as_of", "as_of", FieldType::date},
    {"/lang", "lang", FieldType::lang},
    {"/vehicle/vin", "vin", FieldType::text},
    {"/vehicle/make", "make", FieldType::text},
    {"/vehicle/model", "model", FieldType::text},
    {"/vehicle/category", "category", FieldType::category},
    {"/vehicle/powertrain", "powertrain", FieldType::powertrain},
    {"/vehicle/hs_code", "hs_code", FieldType::hs_code},
    {"/vehicle/condition", "condition", FieldType::condition},
    {"/vehicle/registration_date", "registration_date", FieldType::period},
    {"/vehicle/modified", "modified", FieldType::boolean},
    {"/exporter/name", "exporter_name", FieldType::text},
    {"/exporter/uscc", "exporter_uscc", FieldType::text},
    {"/exporter/role", "exporter_role", FieldType::role},
    {"/exporter/listed", "exporter_listed", FieldType::boolean},
    {"/exporter/authorization/brand", "authorization_brand", FieldType::text},
    {"/exporter/authorization/valid_from", "authorization_valid_from", FieldType::date},
    {"/exporter/authorization/valid_until", "authorization_valid_until", FieldType::date},
    {"/exporter/registered_owner", "registered_owner", FieldType::boolean},
    {"/shipment/destination", "destination", FieldType::country},
    {"/shipment/trade_mode", "trade_mode", FieldType::trade_mode},
    {"/evidence/aftersales_confirmation", "aftersales_confirmation", FieldType::boolean},
    {"/evidence/quality_report", "quality_report", FieldType::boolean},
    {"/evidence/ccc", "ccc", FieldType::boolean},
    {"/evidence/miit_catalogue", "miit_catalogue", FieldType::boolean},
    // Added in ruleset 2026.11.29 (contract v1, additive): at the end, so earlier indices stay.
    {"/exporter/own_make", "own_make", FieldType::boolean},
    {"/shipment/licence_application_date", "licence_application_date", FieldType::date},
    {"/vehicle/scrappage_due", "scrappage_due", FieldType::boolean},
    {"/vehicle/seized", "seized", FieldType::boolean},
    {"/rules_seen", "rules_seen", FieldType::version},
    // The seller's papers (issue 13, 2026-11-29).
    {"/papers/authorization_letter/issuer", "letter_issuer", FieldType::text},
    {"/papers/authorization_letter/holder", "letter_holder", FieldType::text},
    {"/papers/authorization_letter/brands", "letter_brands", FieldType::texts},
    {"/papers/authorization_letter/all_brands", "letter_all_brands", FieldType::boolean},
    {"/papers/authorization_letter/categories", "letter_categories", FieldType::categories},
    {"/papers/authorization_letter/valid_from", "letter_valid_from", FieldType::date},
    {"/papers/authorization_letter/valid_until", "letter_valid_until", FieldType::date},
    {"/papers/aftersales_confirmation/issuer", "confirmation_issuer", FieldType::text},
    {"/papers/aftersales_confirmation/vins", "confirmation_vins", FieldType::texts},
    {"/papers/aftersales_confirmation/destinations", "confirmation_destinations", FieldType::countries},
    {"/papers/aftersales_confirmation/outlets", "confirmation_outlet_countries", FieldType::outlets},
    {"/papers/aftersales_confirmation/sealed", "confirmation_sealed", FieldType::boolean},
    {"/papers/export_licence/number", "licence_number", FieldType::text},
    {"/papers/export_licence/holder", "licence_holder", FieldType::text},
    {"/papers/export_licence/vins", "licence_vins", FieldType::texts},
    {"/papers/export_licence/valid_from", "licence_valid_from", FieldType::date},
    {"/papers/export_licence/valid_until", "licence_valid_until", FieldType::date},
    {"/papers/registration_certificate/owner", "certificate_owner", FieldType::text},
    {"/papers/registration_certificate/registration_date", "certificate_registration_date", FieldType::date},
    {"/papers/registration_certificate/transfer_for_export_date", "certificate_transfer_date", FieldType::date},
    {"/papers/invoice/seller", "invoice_seller", FieldType::text},
    {"/papers/invoice/amount", "invoice_amount", FieldType::amount},
    {"/papers/invoice/currency", "invoice_currency", FieldType::currency},
    {"/papers/payment/beneficiary", "payment_beneficiary", FieldType::text},
    {"/papers/payment/personal_account", "payment_personal_account", FieldType::boolean},
    // The destination (issue 14, 2026-11-29).
    {"/vehicle/drive_side", "drive_side", FieldType::drive_side},
    {"/vehicle/power_kw", "power_kw", FieldType::amount},
    {"/shipment/importer", "importer", FieldType::importer},
    {"/shipment/arrival_date", "arrival_date", FieldType::date},
    {"/shipment/customs_value/amount", "customs_value", FieldType::amount},
    {"/shipment/customs_value/currency", "customs_currency", FieldType::currency},
    {"/shipment/origin_certificate", "origin_certificate", FieldType::boolean},
};
inline constexpr std::size_t kFieldCount = sizeof(kFields) / sizeof(kFields[0]);

// Sets field `index` from its text form (a JSON string, or a CSV cell where booleans are written
// true/false, yes/no or 1/0). Returns the contract's error when the value cannot be read.
std::optional<Error> assign_text(Request& request, std::size_t index, std::string_view text);
// ISO 3166-1 alpha-2 in capitals ("KZ"), as every country field is read.
bool is_country(std::string_view text);
// Sets a list field from its items (a JSON array of strings).
std::optional<Error> assign_list(Request& request, std::size_t index, const std::vector<std::string_view>& items);
// Sets the confirmation's outlets from JSON objects.
void assign_outlets(Request& request, std::vector<Outlet> outlets);
// Sets a boolean field from a JSON boolean.
void assign_bool(Request& request, std::size_t index, bool value);
// A boolean as a CSV cell writes it: true/false, yes/no or 1/0, in any case.
std::optional<bool> read_bool(std::string_view text);
// Checks that need the whole request: as_of (today when absent) and the dates against each other.
std::optional<Error> complete(Request& request, Date today);
// evexport::parse_request, also reading a top-level "id" (string or integer) into `id` when given
// (batch lines are parsed once for both), and reading it in `lang` unless it names its own.
std::variant<Request, Error> parse_request(std::string_view text, Date today, std::string* id,
                                           std::string_view lang = "en");

}  // namespace evexport::detail
