// The v1 request as typed values. Every field is optional: absent means "not known".
#pragma once

#include <cstddef>
#include <optional>
#include <string>

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
    std::optional<Date> registration_date;  // first registration in China
    std::optional<bool> modified;           // 改装车
    std::optional<bool> scrappage_due;      // at the scrappage standard or within a year of its scrappage age
    std::optional<bool> seized;             // seized or detained (查封、扣押)
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
};

struct Evidence {
    std::optional<bool> aftersales_confirmation;  // 《售后维修服务确认书》
    std::optional<bool> quality_report;           // WM/T 8-2022 / WM/T 9-2022
    std::optional<bool> ccc;
    std::optional<bool> miit_catalogue;
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
};

}  // namespace evexport
