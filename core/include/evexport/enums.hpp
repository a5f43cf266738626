// The contract's enumerations and their wire names, kept in one place.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace evexport {

enum class Category { passenger_car, bus, truck, tractor, motorcycle, low_speed };
// `other` never comes from a request: only customs codes such as 8703.90 yield it.
enum class Powertrain { bev, phev, erev, hev, ice, fcev, other };
enum class Condition { new_vehicle, used };
enum class Role { manufacturer, authorized_exporter, used_car_exporter, trader };
enum class TradeMode { general, processing, border, donation, project_contracting, reexport };
enum class Verdict { permitted, conditional, not_permitted, undetermined };
enum class Regime { new_vehicle, used_vehicle, none };
enum class Confidence { confirmed, unconfirmed };
// The seller's papers (request `papers`, result `papers`), in the contract's order.
enum class Paper {
    authorization_letter,
    aftersales_confirmation,
    export_licence,
    registration_certificate,
    invoice,
    payment
};
// checked: given, and no check a tool can do found a fault in it; failed: a check found one.
enum class PaperStatus { checked, failed, not_seen };
// The destination (issue 14, 2026-11-29): the vehicle's steering side, who imports it, and whether
// it may enter (result `destination.entry`).
enum class DriveSide { lhd, rhd };
enum class Importer { personal, commercial };
enum class EntryStatus { allowed, conditional, not_allowed, undetermined };

template <typename E> struct EnumNames;
template <> struct EnumNames<Category> {
    static constexpr std::string_view key = "category";  // of its labels in a ruleset
    static constexpr std::array names{std::string_view{"passenger_car"}, std::string_view{"bus"},
                                      std::string_view{"truck"},         std::string_view{"tractor"},
                                      std::string_view{"motorcycle"},    std::string_view{"low_speed"}};
};
template <> struct EnumNames<Powertrain> {
    static constexpr std::string_view key = "powertrain";  // of its labels in a ruleset
    static constexpr std::array names{std::string_view{"bev"},  std::string_view{"phev"}, std::string_view{"erev"},
                                      std::string_view{"hev"},  std::string_view{"ice"},  std::string_view{"fcev"},
                                      std::string_view{"other"}};
};
template <> struct EnumNames<Condition> {
    static constexpr std::string_view key = "condition";  // of its labels in a ruleset
    static constexpr std::array names{std::string_view{"new"}, std::string_view{"used"}};
};
template <> struct EnumNames<Role> {
    static constexpr std::string_view key = "role";  // of its labels in a ruleset
    static constexpr std::array names{std::string_view{"manufacturer"}, std::string_view{"authorized_exporter"},
                                      std::string_view{"used_car_exporter"}, std::string_view{"trader"}};
};
template <> struct EnumNames<TradeMode> {
    static constexpr std::string_view key = "trade_mode";  // of its labels in a ruleset
    static constexpr std::array names{
        std::string_view{"general"},  std::string_view{"processing"},          std::string_view{"border"},
        std::string_view{"donation"}, std::string_view{"project_contracting"}, std::string_view{"reexport"}};
};
template <> struct EnumNames<Verdict> {
    static constexpr std::string_view key = "verdict";  // of its labels in a ruleset
    static constexpr std::array names{std::string_view{"permitted"}, std::string_view{"conditional"},
                                      std::string_view{"not_permitted"}, std::string_view{"undetermined"}};
};
template <> struct EnumNames<Regime> {
    static constexpr std::string_view key = "regime";  // of its labels in a ruleset
    static constexpr std::array names{std::string_view{"new_vehicle"}, std::string_view{"used_vehicle"},
                                      std::string_view{"none"}};
};
template <> struct EnumNames<Confidence> {
    static constexpr std::string_view key = "confidence";  // of its labels in a ruleset
    static constexpr std::array names{std::string_view{"confirmed"}, std::string_view{"unconfirmed"}};
};

template <> struct EnumNames<Paper> {
    static constexpr std::string_view key = "paper";  // of its labels in a ruleset
    static constexpr std::array names{std::string_view{"authorization_letter"},
                                      std::string_view{"aftersales_confirmation"},
                                      std::string_view{"export_licence"},
                                      std::string_view{"registration_certificate"},
                                      std::string_view{"invoice"},
                                      std::string_view{"payment"}};
};
template <> struct EnumNames<PaperStatus> {
    static constexpr std::string_view key = "paper_status";
    static constexpr std::array names{std::string_view{"checked"}, std::string_view{"failed"},
                                      std::string_view{"not_seen"}};
};

template <> struct EnumNames<DriveSide> {
    static constexpr std::string_view key = "drive_side";
    static constexpr std::array names{std::string_view{"lhd"}, std::string_view{"rhd"}};
};
template <> struct EnumNames<Importer> {
    static constexpr std::string_view key = "importer";
    static constexpr std::array names{std::string_view{"personal"}, std::string_view{"commercial"}};
};
template <> struct EnumNames<EntryStatus> {
    static constexpr std::string_view key = "entry";
    static constexpr std::array names{std::string_view{"allowed"}, std::string_view{"conditional"},
                                      std::string_view{"not_allowed"}, std::string_view{"undetermined"}};
};

template <typename E> constexpr std::string_view name_of(E value) {
    return EnumNames<E>::names[static_cast<std::size_t>(value)];
}

template <typename E> constexpr std::optional<E> parse_enum(std::string_view text) {
    const auto& names = EnumNames<E>::names;
    for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] == text) return static_cast<E>(i);
    return std::nullopt;
}

// Values a request may carry (Powertrain::other is internal).
template <typename E> constexpr std::size_t request_value_count() { return EnumNames<E>::names.size(); }
template <> constexpr std::size_t request_value_count<Powertrain>() { return 6; }

}  // namespace evexport
