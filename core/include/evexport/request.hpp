// The v1 request as typed values. Every field is optional: absent means "not known".
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "evexport/date.hpp"
#include "evexport/enums.hpp"

namespace evexport {

// Documented bounds on input (README, "Limits").
inline constexpr std::size_t kMaxRequestBytes = 64 * 1024;
inline constexpr int kMaxNestingDepth = 8;
inline constexpr std::size_t kMaxStringBytes = 512;
// Object members in a request, all levels together (the contract has about 40; unknown ones are
// ignored, but each costs the parser).
inline constexpr std::size_t kMaxRequestMembers = 256;
// Items of one list in the seller's papers (VINs of a confirmation, brands of a letter, …).
inline constexpr std::size_t kMaxListItems = 64;

struct Authorization {
    std::optional<std::string> brand;
    std::optional<Date> valid_from;
    std::optional<Date> valid_until;
};

struct Vehicle {
    std::optional<std::string> vin;
    std::optional<std::string> make;
    std::optional<std::string> model;
    std::optional<Category> category;
    std::optional<Powertrain> powertrain;
    std::optional<std::string> hs_code;  // 10 digits, checked against the description
    std::optional<Condition> condition;
    std::optional<Date> registration_date;  // first registration in China (the first day, when given as a period)
    // When the registration date is known only as a month or a year (issue 16): its last day, after
    // registration_date; the answer is then reasoned over every day between (evaluate.cpp).
    std::optional<Date> registration_last;
    std::string registration_given;     // the period as given ("2025-03", "2025"), for the answer's words
    std::optional<bool> modified;       // 改装车
    std::optional<bool> scrappage_due;  // at the scrappage standard or within a year of its scrappage age
    std::optional<bool> seized;         // seized or detained (查封、扣押)
    // For the destination (added 2026-11-29): the steering side, and the motor's power in kW as
    // written (digits and one dot), which some markets' taxes go by.
    std::optional<DriveSide> drive_side;
    std::optional<std::string> power_kw;
};

struct Exporter {
    std::optional<std::string> name;
    std::optional<std::string> uscc;  // 统一社会信用代码
    std::optional<Role> role;
    std::optional<bool> listed;  // on MOFCOM's list of qualified enterprises for the year of as_of
    std::optional<Authorization> authorization;
    std::optional<bool> registered_owner;  // owner on the 机动车登记证书 (used vehicles)
    std::optional<bool> own_make;          // a manufacturer exporting a vehicle it made (used vehicles, 2024年第6号)
};

struct Shipment {
    std::optional<std::string> destination;  // ISO 3166-1 alpha-2
    std::optional<TradeMode> trade_mode;
    std::optional<Date> licence_application_date;  // used vehicles: the 180 days run to it (guidelines of 2025-12-11)
    // For the destination (added 2026-11-29): the destination's rules are those of the arrival date
    // (as_of when absent); the customs value as written, for the estimate.
    std::optional<Importer> importer;
    std::optional<Date> arrival_date;
    std::optional<std::string> customs_value, customs_currency;
    std::optional<bool> origin_certificate;  // a valid FTA certificate of origin is presented
};

struct Evidence {
    std::optional<bool> aftersales_confirmation;  // 《售后维修服务确认书》
    std::optional<bool> quality_report;           // WM/T 8-2022 / WM/T 9-2022
    std::optional<bool> ccc;
    std::optional<bool> miit_catalogue;
};

// The seller's papers as the buyer reads them off each document (added 2026-11-29, issue 13). Every
// member is optional; a paper is "seen" when any of its members is given. Names are kept as typed:
// company.hpp compares them.
struct Outlet {
    std::optional<std::string> country;  // ISO 3166-1 alpha-2
    std::optional<std::string> address;
    std::optional<std::string> provider;
};

struct AuthorizationLetter {
    std::optional<std::string> issuer, holder;
    std::optional<std::vector<std::string>> brands;
    std::optional<bool> all_brands;  // "all brands" / "全品牌": a scam sign (buyers-needs.md §2.1)
    std::optional<std::vector<Category>> categories;
    std::optional<Date> valid_from, valid_until;
};

// 《售后维修服务确认书》: the guidelines of 2025-12-11 (二) say who issues it and what it names.
struct AftersalesConfirmation {
    std::optional<std::string> issuer;
    std::optional<std::vector<std::string>> vins;
    std::optional<std::vector<std::string>> destinations;
    std::optional<std::vector<Outlet>> outlets;
    std::optional<bool> sealed;  // carries the manufacturer's official seal (公章)
};

struct ExportLicence {
    std::optional<std::string> number, holder;
    std::optional<std::vector<std::string>> vins;
    std::optional<Date> valid_from, valid_until;
};

// 《机动车登记证书》
struct RegistrationCertificate {
    std::optional<std::string> owner;
    std::optional<Date> registration_date;
    std::optional<Date> transfer_for_export_date;  // 转让登记(待出口)
};

struct Invoice {
    std::optional<std::string> seller, amount, currency;  // amount as written (digits and one dot)
};

struct Payment {
    std::optional<std::string> beneficiary;
    std::optional<bool> personal_account;
};

struct Papers {
    AuthorizationLetter authorization_letter;
    AftersalesConfirmation aftersales_confirmation;
    ExportLicence export_licence;
    RegistrationCertificate registration_certificate;
    Invoice invoice;
    Payment payment;
};

struct Request {
    std::optional<Date> as_of;  // the export declaration date; today (UTC) when absent
    std::string lang = "en";
    // The ruleset version the reader saw before (a permalink's &rules=): the answer then lists what
    // changed since (result ruleset.changes_since). Added 2026-11-29.
    std::optional<std::string> rules_seen;
    Vehicle vehicle;
    Exporter exporter;
    Shipment shipment;
    Evidence evidence;
    Papers papers;
};

}  // namespace evexport
