// A portal's copy of MOFCOM's published list of enterprises qualified for vehicle export licences
// (《符合申领汽车和摩托车出口许可证条件企业名单》). When one is loaded, an exporter's list status is
// looked up by its company code or name instead of asked. No real list ships with the project; the
// format is in docs/REGISTRY.md and the tests use a fictional one.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "evexport/enums.hpp"
#include "evexport/error.hpp"

namespace evexport {

struct RegistryEntry {
    std::string name, uscc;
    Role role = Role::manufacturer;
    std::string manufacturer;         // for an authorised exporter: the manufacturer that authorised it
    std::vector<std::string> brands;  // the brands it is listed for
    int year = 0;
};

class Registry {
public:
    static std::variant<std::shared_ptr<const Registry>, Error> load(std::string_view json_text);

    std::string source;  // where the portal took the list from
    std::vector<RegistryEntry> entries;
    std::vector<int> years;  // that the entries cover, in order of first appearance

    bool covers(int year) const;

    struct Match {
        const RegistryEntry* entry = nullptr;          // the exporter's entry, if it has one
        const RegistryEntry* name_conflict = nullptr;  // another entry whose name the exporter gave
    };
    // The company code decides when it is given: a code not on the list is not listed, whatever the
    // name says, and a name that belongs to another entry is reported, never taken. Without a code
    // (in the request, or on an entry listed by name alone), the name, compared without case or
    // spacing, decides.
    Match find(int year, const std::optional<std::string>& uscc, const std::optional<std::string>& name) const;

private:
    // Built at load: look-ups by (year, code) and (year, folded name) do not scan the list.
    std::map<std::string, const RegistryEntry*, std::less<>> by_code_, by_name_;
};

}  // namespace evexport
