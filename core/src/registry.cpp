#include "evexport/registry.hpp"

#include <algorithm>

#include "evexport/identifiers.hpp"
#include "json_reader.hpp"

namespace evexport {

namespace {
std::string upper(std::string_view s) {
    std::string out;
    for (char c : s)
        if (c != ' ') out += (c >= 'a' && c <= 'z') ? char(c - 'a' + 'A') : c;
    return out;
}
}  // namespace

std::variant<std::shared_ptr<const Registry>, Error> Registry::load(std::string_view json_text) {
    const auto root = detail::parse_json(json_text);
    if (!root) return Error{"invalid_registry", "", "the registry is not valid JSON"};
    if (!root->is_object()) return Error{"invalid_registry", "", "a registry must be a JSON object"};
    detail::Reader in("invalid_registry");
    auto registry = std::make_shared<Registry>();
    if (in.integer(*root, "", "schema") != 1) in.fail("/schema", "schema 1 is the one this build reads");
    registry->source = in.string(*root, "", "source").value_or("");
    const auto default_year = in.integer(*root, "", "year");
    const auto list = root->find("enterprises");
    if (list == root->end() || !list->is_array()) in.fail("/enterprises", "an array is required");
    for (std::size_t i = 0; in.ok() && i < list->size(); ++i) {
        const auto& e = (*list)[i];
        const auto at = "/enterprises/" + std::to_string(i);
        if (!e.is_object()) {
            in.fail(at, "must be an object");
            break;
        }
        RegistryEntry entry;
        entry.name = in.string(e, at, "name", 512).value_or("");
        entry.uscc = upper(in.string(e, at, "uscc", 64).value_or(""));
        const auto role = in.enumeration<Role>(e, at, "role");
        if (!role && in.ok()) in.fail(at + "/role", "is required");
        if (role && *role != Role::manufacturer && *role != Role::authorized_exporter)
            in.fail(at + "/role", "the list holds manufacturers and authorised exporters");
        entry.role = role.value_or(Role::manufacturer);
        entry.manufacturer = in.string(e, at, "manufacturer", 512).value_or("");
        if (auto it = e.find("brands"); it != e.end() && it->is_array())
            for (const auto& b : *it)
                if (b.is_string()) entry.brands.push_back(b.get<std::string>());
        entry.year = in.integer(e, at, "year").value_or(default_year.value_or(0));
        if (entry.year < 1900 || entry.year > 2100)
            in.fail(at + "/year", "a year from 1900 to 2100 is required (here or at the top)");
        if (entry.name.empty() && entry.uscc.empty()) in.fail(at, "an enterprise needs a name or a uscc");
        registry->entries.push_back(std::move(entry));
    }
    if (!in.ok()) return in.error();
    for (const auto& e : registry->entries) {
        if (std::find(registry->years.begin(), registry->years.end(), e.year) == registry->years.end())
            registry->years.push_back(e.year);
        const auto year = std::to_string(e.year) + "|";
        if (!e.uscc.empty()) registry->by_code_.emplace(year + e.uscc, &e);  // a key given twice keeps its first entry
        if (!e.name.empty()) registry->by_name_.emplace(year + fold_name(e.name), &e);
    }
    return std::shared_ptr<const Registry>(std::move(registry));
}

// Asked at every evaluation: the years are known from the load, not found again in the entries.
bool Registry::covers(int year) const { return std::find(years.begin(), years.end(), year) != years.end(); }

namespace {
template <typename Index> const RegistryEntry* lookup(const Index& index, const std::string& key) {
    auto it = index.find(key);
    return it == index.end() ? nullptr : it->second;
}
}  // namespace

Registry::Match Registry::find(int year, const std::optional<std::string>& uscc,
                               const std::optional<std::string>& name) const {
    const auto y = std::to_string(year) + "|";
    const RegistryEntry* by_name = nullptr;
    if (name && !name->empty()) by_name = lookup(by_name_, y + fold_name(*name));
    if (!uscc || uscc->empty()) return {by_name, nullptr};
    const RegistryEntry* by_code = lookup(by_code_, y + upper(*uscc));
    // An entry listed by name alone (no code on the list) is still found by its name.
    if (!by_code && by_name && by_name->uscc.empty()) return {by_name, nullptr};
    return {by_code, by_name && by_name != by_code ? by_name : nullptr};
}

}  // namespace evexport
