// Looking things up in a loaded ruleset, during evaluations.
#include "evexport/ruleset.hpp"

#include <algorithm>

namespace evexport {

namespace {
template <typename T> const T* find_code(const std::vector<T>& list, std::string_view code) {
    for (const auto& e : list)
        if (e.code == code) return &e;
    return nullptr;
}
}  // namespace

const Entry* Ruleset::document(std::string_view code) const { return find_code(documents, code); }
const Entry* Ruleset::obligation(std::string_view code) const { return find_code(obligations, code); }

const Text& Ruleset::message(std::string_view key) const {
    static const Text none;
    auto it = messages.find(key);
    return it == messages.end() ? none : it->second;
}

const Text& Ruleset::label(std::string_view key) const {
    static const Text none;
    auto it = labels.find(key);
    return it == labels.end() ? none : it->second;
}

const Text* Ruleset::question(std::string_view pointer) const {
    // A sub-field without a question of its own shares its parent's (…/authorization/valid_until).
    while (!pointer.empty()) {
        if (auto it = questions.find(pointer); it != questions.end()) return &it->second;
        pointer = pointer.substr(0, pointer.rfind('/'));
    }
    return nullptr;
}

// The longest prefix of `code` in the table: at most one lookup per digit.
const HsCode* Ruleset::hs_lookup(std::string_view code) const {
    for (std::size_t n = std::min<std::size_t>(code.size(), 10); n > 0; --n)
        if (const HsCode* found = hs_index_.find(code.substr(0, n))) return found;
    return nullptr;
}

const HsCode* Ruleset::hs_derive(Category category, Powertrain powertrain, Condition condition) const {
    return hs_derive_index_[std::size_t(derive_key(category, powertrain, condition))];
}

}  // namespace evexport
