#include "evexport/identifiers.hpp"

#include <cstdio>
#include <cstdlib>

#include "embedded.hpp"
#include "json_reader.hpp"

namespace evexport {

// Case and spacing do not distinguish brands: "Great Wall", "great-wall", "GREATWALL".
std::string fold_name(std::string_view name) {
    std::string out;
    for (char c : name) {
        if (c == ' ' || c == '-' || c == '_' || c == '.') continue;
        out += (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
    }
    return out;
}

namespace {

Identifiers parse_builtin() {
    using detail::json;
    Identifiers ids;
    const auto parsed = detail::parse_json(embedded::identifiers());
    // The file is part of the build and checked by the tests; a malformed one is a build defect.
    if (!parsed || !parsed->is_object()) {
        std::fputs("evexport: built-in identifiers.json is not valid JSON\n", stderr);
        std::abort();
    }
    const json& root = *parsed;
    for (const auto& w : root.value("wmi", json::array())) {
        WmiEntry e;
        e.wmi = w.value("wmi", "");
        e.manufacturer = w.value("manufacturer", "");
        e.brands = w.value("brands", std::vector<std::string>{});
        e.source = w.value("source", "");
        e.confidence = w.value("confidence", "");
        e.example_vin = w.value("example_vin", "");
        ids.wmis.push_back(std::move(e));
    }
    for (const auto& b : root.value("brands", json::array()))
        ids.brands.push_back(
            {b.value("name", ""), b.value("aliases", std::vector<std::string>{}), b.value("group", "")});
    const auto provinces = root.value("provinces", json::object());  // kept: items() refers to it
    for (const auto& [code, name] : provinces.items()) ids.provinces.emplace_back(code, name.get<std::string>());
    ids.provinces_source = root.value("provinces_source", "");
    ids.index();
    return ids;
}

}  // namespace

const Identifiers& Identifiers::builtin() {
    static const Identifiers instance = parse_builtin();
    return instance;
}

void Identifiers::index() {
    wmi_index_.clear();
    brand_index_.clear();
    for (const auto& e : wmis) wmi_index_.add(e.wmi, &e);
    for (const auto& b : brands) {
        brand_index_.add(fold_name(b.name), &b);
        for (const auto& alias : b.aliases) brand_index_.add(fold_name(alias), &b);
    }
    wmi_index_.sort();
    brand_index_.sort();
}

const WmiEntry* Identifiers::wmi(std::string_view code) const { return wmi_index_.find(code); }

std::string Identifiers::canonical_brand(std::string_view name) const { return canonical_folded(fold_name(name)); }

std::string Identifiers::canonical_folded(std::string folded) const {
    const Brand* brand = brand_index_.find(folded);
    return brand ? brand->name : folded;
}

bool Identifiers::same_brand(std::string_view a, std::string_view b) const {
    // Each name folded once. The same name however written, as a make and its authorisation's brand
    // most often are, needs no look-up.
    const auto fa = fold_name(a), fb = fold_name(b);
    if (fa == fb) return true;
    const auto ca = canonical_folded(fa), cb = canonical_folded(fb);
    if (ca == cb) return true;
    auto group_of = [&](const std::string& name) -> std::string {
        const Brand* brand = brand_index_.find(fold_name(name));
        return brand ? brand->group : std::string();
    };
    return group_of(ca) == cb || group_of(cb) == ca;
}

bool Identifiers::wmi_serves(const WmiEntry& wmi, std::string_view make) const {
    for (const auto& brand : wmi.brands)
        if (same_brand(brand, make)) return true;
    return false;
}

const std::string* Identifiers::province(std::string_view two_digits) const {
    for (const auto& [code, name] : provinces)
        if (code == two_digits) return &name;
    return nullptr;
}

}  // namespace evexport
