// A table's entries by name, indexed once at load: a sorted list searched by halves. A lookup takes
// a string_view and allocates nothing (the hash tables it replaces were looked up with a new string
// per call), and the download carries one small search instead of a hash table's code for each kind
// of entry (docs/BENCHMARKS.md).
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace evexport {

template <class T> class NameIndex {
public:
    void clear() { entries_.clear(); }
    // Entries may be added in any order; of two under one name, the first added is found.
    void add(std::string name, const T* entry) { entries_.emplace_back(std::move(name), entry); }
    // After the last add, before the first find.
    void sort() {
        std::stable_sort(entries_.begin(), entries_.end(),
                         [](const auto& a, const auto& b) { return before(a.first, b.first); });
    }
    const T* find(std::string_view name) const {
        const auto it = std::lower_bound(entries_.begin(), entries_.end(), name,
                                         [](const auto& entry, std::string_view n) { return before(entry.first, n); });
        return it != entries_.end() && it->first == name ? it->second : nullptr;
    }

private:
    // By length, then by bytes: most comparisons end at the length, without reading the names.
    static bool before(std::string_view a, std::string_view b) {
        return a.size() != b.size() ? a.size() < b.size() : a.compare(b) < 0;
    }
    std::vector<std::pair<std::string, const T*>> entries_;
};

}  // namespace evexport
