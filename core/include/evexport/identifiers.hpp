// Identifier data kept apart from code (core/rules/identifiers.json): WMI → maker, brand aliases,
// and the province part of administrative division codes. Every row carries its source.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "evexport/name_index.hpp"

#include "evexport/enums.hpp"

namespace evexport {

struct WmiEntry {
    std::string wmi, manufacturer;
    std::vector<std::string> brands;  // canonical brand names this WMI is used for
    std::string source;
    std::string confidence;   // high | medium, as the identifiers dossier grades the evidence
    std::string example_vin;  // a worked example whose check digit the tests recompute
};

struct Brand {
    std::string name;                  // canonical, e.g. "BYD"
    std::vector<std::string> aliases;  // e.g. "比亚迪"
    std::string group;                 // the maker whose brand it is, e.g. MG → SAIC ("" if none)
};

// Names compared without regard to ASCII case, spaces, hyphens, dots or underscores.
std::string fold_name(std::string_view name);

class Identifiers {
public:
    static const Identifiers& builtin();
    Identifiers() = default;
    Identifiers(Identifiers&&) = default;  // the indexes point into the tables, which a move keeps
    Identifiers(const Identifiers&) = delete;

    std::vector<WmiEntry> wmis;
    std::vector<Brand> brands;
    std::vector<std::pair<std::string, std::string>> provinces;  // GB/T 2260 two-digit code → name
    std::string provinces_source;

    const WmiEntry* wmi(std::string_view code) const;
    // The canonical brand for a name or alias, compared without regard to case or spacing;
    // an unknown name comes back normalised but otherwise as given.
    std::string canonical_brand(std::string_view name) const;
    // Whether an authorisation for brand `a` covers a vehicle of make `b`: the same brand, or one
    // is the maker group of the other (an authorisation from SAIC covers MG).
    bool same_brand(std::string_view a, std::string_view b) const;
    // Whether `make` is among the brands the WMI is used for (comparing canonical names and groups).
    bool wmi_serves(const WmiEntry& wmi, std::string_view make) const;
    const std::string* province(std::string_view two_digits) const;

    // Built once after loading, so that a lookup costs the same however long the tables grow.
    void index();

private:
    std::string canonical_folded(std::string folded) const;  // canonical_brand of a folded name
    NameIndex<WmiEntry> wmi_index_;
    NameIndex<Brand> brand_index_;  // folded name or alias → brand
};

}  // namespace evexport
