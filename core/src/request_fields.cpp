#include "request_fields.hpp"

#include <algorithm>

#include "evexport/api.hpp"
#include "json_writer.hpp"
#include "optimize.hpp"

namespace evexport::detail {

namespace {

bool is_hs_code(std::string_view s) {
    if (s.size() != 10) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

// A ruleset version as the rulesets write them: digits and dots ("2026.11.29").
bool is_version(std::string_view s) {
    if (s.empty() || s.size() > 32 || s.front() == '.' || s.back() == '.' || s.find("..") != s.npos) return false;
    for (char c : s)
        if ((c < '0' || c > '9') && c != '.') return false;
    return true;
}

Authorization& authorization(Request& r) {
    if (!r.exporter.authorization) r.exporter.authorization.emplace();
    return *r.exporter.authorization;
}

// Where each field lives in the typed request, by its index in kFields. The table and these
// switches must agree: the build checks every index against its pointer.
constexpr bool at(std::size_t i, std::string_view pointer) { return kFields[i].pointer == pointer; }
static_assert(
    at(0, "/as_of") && at(1, "/lang") && at(2, "/vehicle/vin") && at(3, "/vehicle/make") && at(4, "/vehicle/model") &&
    at(5, "/vehicle/category") && at(6, "/vehicle/powertrain") && at(7, "/vehicle/hs_code") &&
    at(8, "/vehicle/condition") && at(9, "/vehicle/registration_date") && at(10, "/vehicle/modified") &&
    at(11, "/exporter/name") && at(12, "/exporter/uscc") && at(13, "/exporter/role") && at(14, "/exporter/listed") &&
    at(15, "/exporter/authorization/brand") && at(16, "/exporter/authorization/valid_from") &&
    at(17, "/exporter/authorization/valid_until") && at(18, "/exporter/registered_owner") &&
    at(19, "/shipment/destination") && at(20, "/shipment/trade_mode") && at(21, "/evidence/aftersales_confirmation") &&
    at(22, "/evidence/quality_report") && at(23, "/evidence/ccc") && at(24, "/evidence/miit_catalogue") &&
    at(25, "/exporter/own_make") && at(26, "/shipment/licence_application_date") && at(27, "/vehicle/scrappage_due") &&
    at(28, "/vehicle/seized") && at(29, "/rules_seen") && at(30, "/papers/authorization_letter/issuer") &&
    at(31, "/papers/authorization_letter/holder") && at(32, "/papers/authorization_letter/brands") &&
    at(33, "/papers/authorization_letter/all_brands") && at(34, "/papers/authorization_letter/categories") &&
    at(35, "/papers/authorization_letter/valid_from") && at(36, "/papers/authorization_letter/valid_until") &&
    at(37, "/papers/aftersales_confirmation/issuer") && at(38, "/papers/aftersales_confirmation/vins") &&
    at(39, "/papers/aftersales_confirmation/destinations") && at(40, "/papers/aftersales_confirmation/outlets") &&
    at(41, "/papers/aftersales_confirmation/sealed") && at(42, "/papers/export_licence/number") &&
    at(43, "/papers/export_licence/holder") && at(44, "/papers/export_licence/vins") &&
    at(45, "/papers/export_licence/valid_from") && at(46, "/papers/export_licence/valid_until") &&
    at(47, "/papers/registration_certificate/owner") && at(48, "/papers/registration_certificate/registration_date") &&
    at(49, "/papers/registration_certificate/transfer_for_export_date") && at(50, "/papers/invoice/seller") &&
    at(51, "/papers/invoice/amount") && at(52, "/papers/invoice/currency") && at(53, "/papers/payment/beneficiary") &&
    at(54, "/papers/payment/personal_account") && at(55, "/vehicle/drive_side") && at(56, "/vehicle/power_kw") &&
    at(57, "/shipment/importer") && at(58, "/shipment/arrival_date") && at(59, "/shipment/customs_value/amount") &&
    at(60, "/shipment/customs_value/currency") && at(61, "/shipment/origin_certificate") && kFieldCount == 62);

std::optional<std::string>* text_slot(Request& r, std::size_t i) {
    switch (i) {
        case 2: return &r.vehicle.vin;
        case 3: return &r.vehicle.make;
        case 4: return &r.vehicle.model;
        case 7: return &r.vehicle.hs_code;
        case 11: return &r.exporter.name;
        case 12: return &r.exporter.uscc;
        case 15: return &authorization(r).brand;
        case 19: return &r.shipment.destination;
        case 30: return &r.papers.authorization_letter.issuer;
        case 31: return &r.papers.authorization_letter.holder;
        case 37: return &r.papers.aftersales_confirmation.issuer;
        case 42: return &r.papers.export_licence.number;
        case 43: return &r.papers.export_licence.holder;
        case 47: return &r.papers.registration_certificate.owner;
        case 50: return &r.papers.invoice.seller;
        case 51: return &r.papers.invoice.amount;
        case 52: return &r.papers.invoice.currency;
        case 53: return &r.papers.payment.beneficiary;
        case 56: return &r.vehicle.power_kw;
        case 59: return &r.shipment.customs_value;
        case 60: return &r.shipment.customs_currency;
        default: return nullptr;
    }
}
std::optional<Date>* date_slot(Request& r, std::size_t i) {
    switch (i) {
        case 0: return &r.as_of;
        case 9: return &r.vehicle.registration_date;
        case 16: return &authorization(r).valid_from;
        case 17: return &authorization(r).valid_until;
        case 26: return &r.shipment.licence_application_date;
        case 35: return &r.papers.authorization_letter.valid_from;
        case 36: return &r.papers.authorization_letter.valid_until;
        case 45: return &r.papers.export_licence.valid_from;
        case 46: return &r.papers.export_licence.valid_until;
        case 48: return &r.papers.registration_certificate.registration_date;
        case 49: return &r.papers.registration_certificate.transfer_for_export_date;
        case 58: return &r.shipment.arrival_date;
        default: return nullptr;
    }
}
std::optional<bool>* bool_slot(Request& r, std::size_t i) {
    switch (i) {
        case 10: return &r.vehicle.modified;
        case 14: return &r.exporter.listed;
        case 18: return &r.exporter.registered_owner;
        case 21: return &r.evidence.aftersales_confirmation;
        case 22: return &r.evidence.quality_report;
        case 23: return &r.evidence.ccc;
        case 24: return &r.evidence.miit_catalogue;
        case 25: return &r.exporter.own_make;
        case 27: return &r.vehicle.scrappage_due;
        case 28: return &r.vehicle.seized;
        case 33: return &r.papers.authorization_letter.all_brands;
        case 41: return &r.papers.aftersales_confirmation.sealed;
        case 54: return &r.papers.payment.personal_account;
        case 61: return &r.shipment.origin_certificate;
        default: return nullptr;
    }
}
std::optional<std::vector<std::string>>* list_slot(Request& r, std::size_t i) {
    switch (i) {
        case 32: return &r.papers.authorization_letter.brands;
        case 38: return &r.papers.aftersales_confirmation.vins;
        case 39: return &r.papers.aftersales_confirmation.destinations;
        case 44: return &r.papers.export_licence.vins;
        default: return nullptr;
    }
}

// A list written as one text: items between commas, semicolons, vertical bars or line breaks, and
// the Chinese (，、；) and Arabic (،) commas as people type them. Not spaces: a brand ("Great Wall") or a VIN typed
// in groups ("LRW YHCEK3 PC907290") has them. Each item is trimmed.
EVEXPORT_SMALL std::vector<std::string_view> split_list(std::string_view text) {
    std::vector<std::string_view> items;
    std::size_t start = 0;
    auto flush = [&](std::size_t end) {
        auto item = text.substr(start, end - start);
        while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
        while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
        if (!item.empty()) items.push_back(item);
    };
    for (std::size_t i = 0; i < text.size();) {
        const char c = text[i];
        std::size_t width = 0;
        if (c == ',' || c == ';' || c == '\n' || c == '\r' || c == '|') width = 1;
        else if (text.compare(i, 3, "\xEF\xBC\x8C") == 0 || text.compare(i, 3, "\xE3\x80\x81") == 0 ||
                 text.compare(i, 3, "\xEF\xBC\x9B") == 0)
            width = 3;                                            // ， 、 ；
        else if (text.compare(i, 2, "\xD8\x8C") == 0) width = 2;  // the Arabic comma ،
        if (width) {
            flush(i);
            start = i + width;
            i += width;
        } else {
            ++i;
        }
    }
    flush(text.size());
    return items;
}

bool is_amount(std::string_view s) {
    std::size_t digits = 0, dots = 0;
    for (char c : s) {
        if (c >= '0' && c <= '9') ++digits;
        else if (c == '.') ++dots;
        else return false;
    }
    return digits > 0 && dots <= 1 && s.front() != '.' && s.back() != '.';
}

// The index of `text` among the first `allowed` names, or the contract's error listing them. One
// function for every enumeration: the download carries its error text once.
EVEXPORT_SMALL std::optional<Error> enum_index(const std::string_view* names, std::size_t allowed,
                                               std::string_view text, std::string_view pointer, std::size_t& index) {
    for (index = 0; index < allowed; ++index)
        if (names[index] == text) return std::nullopt;
    std::string expected;
    for (std::size_t i = 0; i < allowed; ++i) expected.append(i ? ", " : "").append(names[i]);
    return Error{"invalid_field", std::string(pointer),
                 std::string("unknown value \"").append(text).append("\"; expected one of: ").append(expected)};
}

template <typename E>
std::optional<Error> set_enum(std::optional<E>& slot, const Field& f, std::string_view text, std::size_t allowed) {
    std::size_t index = 0;
    if (auto e = enum_index(EnumNames<E>::names.data(), allowed, text, f.pointer, index)) return e;
    slot = E(index);
    return std::nullopt;
}

}  // namespace

std::optional<bool> read_bool(std::string_view s) {
    auto is = [s](std::string_view word) {  // in any case, without a lowered copy: every batch link reads its flags
        return std::equal(s.begin(), s.end(), word.begin(), word.end(),
                          [](char a, char b) { return (a >= 'A' && a <= 'Z' ? char(a - 'A' + 'a') : a) == b; });
    };
    if (is("true") || is("yes") || is("1")) return true;
    if (is("false") || is("no") || is("0")) return false;
    return std::nullopt;
}

bool is_country(std::string_view s) {
    return s.size() == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z';
}

std::optional<Error> assign_text(Request& r, std::size_t i, std::string_view text) {
    const Field& f = kFields[i];
    const std::string_view pointer = f.pointer;
    if (is_list(f.type)) return assign_list(r, i, split_list(text));
    if (text.size() > (f.type == FieldType::lang ? 16 : kMaxStringBytes))
        return Error{"too_large", std::string(pointer),
                     "longer than " + std::to_string(f.type == FieldType::lang ? 16 : kMaxStringBytes) + " bytes"};
    switch (f.type) {
        case FieldType::texts:
        case FieldType::countries:
        case FieldType::categories:
        case FieldType::outlets: return std::nullopt;  // lists: above
        case FieldType::amount:
            if (!is_amount(text))
                return Error{"invalid_field", std::string(pointer), "an amount in digits, such as 23800.00"};
            *text_slot(r, i) = std::string(text);
            return std::nullopt;
        case FieldType::currency:
            if (!(text.size() == 3 && is_country(text.substr(0, 2)) && text[2] >= 'A' && text[2] <= 'Z'))
                return Error{"invalid_field", std::string(pointer), "an ISO 4217 currency code, such as USD"};
            *text_slot(r, i) = std::string(text);
            return std::nullopt;
        case FieldType::text: *text_slot(r, i) = std::string(text); return std::nullopt;
        case FieldType::lang: r.lang = std::string(text); return std::nullopt;
        case FieldType::version:
            if (!is_version(text))
                return Error{"invalid_field", std::string(pointer),
                             "a ruleset version, digits and dots, such as 2026.11.28"};
            r.rules_seen = std::string(text);
            return std::nullopt;
        case FieldType::hs_code:
            if (!is_hs_code(text))
                return Error{"invalid_field", std::string(pointer),
                             "a China customs code has 10 digits, such as 8703801090"};
            *text_slot(r, i) = std::string(text);
            return std::nullopt;
        case FieldType::country:
            if (!is_country(text))
                return Error{"invalid_field", std::string(pointer),
                             "an ISO 3166-1 alpha-2 country code in capitals, such as KZ"};
            *text_slot(r, i) = std::string(text);
            return std::nullopt;
        case FieldType::date: {
            auto date = parse_date(text);
            // Appended, not "\"" + …: GCC 12 reports a false -Wrestrict for the latter.
            if (!date)
                return Error{
                    "invalid_field", std::string(pointer),
                    std::string("\"").append(text).append("\" is not a date in YYYY-MM-DD form between 1900 and 2100")};
            *date_slot(r, i) = date;
            return std::nullopt;
        }
        case FieldType::period: {  // the registration date, which a buyer may know only by month or year
            const auto period = parse_period(text);
            if (!period)
                return Error{"invalid_field", std::string(pointer),
                             std::string("\"").append(text).append(
                                 "\" is not a date (YYYY-MM-DD), a month (YYYY-MM) or a year (YYYY) between 1900 and "
                                 "2100")};
            r.vehicle.registration_date = period->first;
            r.vehicle.registration_last.reset();
            r.vehicle.registration_given.clear();
            if (period->last != period->first) {
                r.vehicle.registration_last = period->last;
                r.vehicle.registration_given = std::string(text);
            }
            return std::nullopt;
        }
        case FieldType::boolean: {
            auto value = read_bool(text);
            if (!value) return Error{"invalid_field", std::string(pointer), "must be true or false"};
            *bool_slot(r, i) = value;
            return std::nullopt;
        }
        case FieldType::category: return set_enum(r.vehicle.category, f, text, request_value_count<Category>());
        case FieldType::powertrain: return set_enum(r.vehicle.powertrain, f, text, request_value_count<Powertrain>());
        case FieldType::condition: return set_enum(r.vehicle.condition, f, text, request_value_count<Condition>());
        case FieldType::role: return set_enum(r.exporter.role, f, text, request_value_count<Role>());
        case FieldType::trade_mode: return set_enum(r.shipment.trade_mode, f, text, request_value_count<TradeMode>());
        case FieldType::drive_side: return set_enum(r.vehicle.drive_side, f, text, request_value_count<DriveSide>());
        case FieldType::importer: return set_enum(r.shipment.importer, f, text, request_value_count<Importer>());
    }
    return std::nullopt;
}

EVEXPORT_SMALL std::optional<Error> assign_list(Request& r, std::size_t i, const std::vector<std::string_view>& items) {
    const Field& f = kFields[i];
    const std::string pointer(f.pointer);
    if (items.size() > kMaxListItems)
        return Error{"too_large", pointer, "at most " + std::to_string(kMaxListItems) + " items"};
    std::vector<std::string> texts;
    std::vector<Category> categories;
    for (std::size_t k = 0; k < items.size(); ++k) {
        const auto item = items[k];
        const auto at = pointer + "/" + std::to_string(k);
        if (item.size() > kMaxStringBytes)
            return Error{"too_large", at, "longer than " + std::to_string(kMaxStringBytes) + " bytes"};
        if (f.type == FieldType::categories) {
            std::optional<Category> category;
            if (auto e = set_enum(category, f, item, request_value_count<Category>()))
                return Error{e->code, at, e->message};
            categories.push_back(*category);
            continue;
        }
        if ((f.type == FieldType::countries || f.type == FieldType::outlets) && !is_country(item))
            return Error{"invalid_field", at, "an ISO 3166-1 alpha-2 country code in capitals, such as KZ"};
        texts.emplace_back(item);
    }
    auto& papers = r.papers;
    switch (f.type) {
        case FieldType::categories: papers.authorization_letter.categories = std::move(categories); break;
        case FieldType::outlets: {
            std::vector<Outlet> outlets;
            for (auto& country : texts) outlets.push_back({std::move(country), std::nullopt, std::nullopt});
            papers.aftersales_confirmation.outlets = std::move(outlets);
            break;
        }
        default: *list_slot(r, i) = std::move(texts);
    }
    return std::nullopt;
}

void assign_outlets(Request& r, std::vector<Outlet> outlets) {
    r.papers.aftersales_confirmation.outlets = std::move(outlets);
}

void assign_bool(Request& r, std::size_t i, bool value) {
    if (auto* slot = bool_slot(r, i)) *slot = value;
}

std::optional<Error> complete(Request& r, Date today) {
    if (const auto& a = r.exporter.authorization;
        a && a->valid_from && a->valid_until && *a->valid_until < *a->valid_from)
        return Error{"invalid_field", "/exporter/authorization/valid_until", "the authorisation ends before it starts"};
    for (const auto& [window, pointer] :
         {std::pair{std::pair{&r.papers.authorization_letter.valid_from, &r.papers.authorization_letter.valid_until},
                    "/papers/authorization_letter/valid_until"},
          std::pair{std::pair{&r.papers.export_licence.valid_from, &r.papers.export_licence.valid_until},
                    "/papers/export_licence/valid_until"}})
        if (*window.first && *window.second && **window.second < **window.first)
            return Error{"invalid_field", pointer, "the paper's validity ends before it starts"};
    if (!r.as_of) r.as_of = today;
    // The car arrives after it leaves: the destination's rules are those of a day on or after as_of.
    if (r.shipment.arrival_date && *r.shipment.arrival_date < *r.as_of)
        return Error{"invalid_field", "/shipment/arrival_date", "the arrival date is before the export date (as_of)"};
    if (bool(r.shipment.customs_value) != bool(r.shipment.customs_currency))
        return Error{"invalid_field",
                     r.shipment.customs_value ? "/shipment/customs_value/currency" : "/shipment/customs_value/amount",
                     "a customs value needs both its amount and its currency"};
    if (r.vehicle.registration_date && *r.as_of < *r.vehicle.registration_date)
        return Error{"invalid_field", "/vehicle/registration_date",
                     "the registration date is after the export date (as_of)"};
    // A month or year given for the registration: only its days on or before the export date and the
    // licence application could be the day.
    if (auto& last = r.vehicle.registration_last) {
        for (const auto& bound : {r.as_of, r.shipment.licence_application_date})
            if (bound && *bound < *last && *r.vehicle.registration_date <= *bound) last = *bound;
        if (*last == *r.vehicle.registration_date) {
            last.reset();
            r.vehicle.registration_given.clear();
        }
    }
    // The licence is applied for after the registration and before the declaration.
    if (const auto& applied = r.shipment.licence_application_date) {
        if (*r.as_of < *applied)
            return Error{"invalid_field", "/shipment/licence_application_date",
                         "the licence application date is after the export date (as_of)"};
        if (r.vehicle.registration_date && *applied < *r.vehicle.registration_date)
            return Error{"invalid_field", "/shipment/licence_application_date",
                         "the licence application date is before the registration date"};
    }
    return std::nullopt;
}

}  // namespace evexport::detail
