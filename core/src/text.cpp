#include "evexport/text.hpp"

#include <cmath>

namespace evexport {

const std::string& Text::in(std::string_view lang) const {
    static const std::string empty;
    const std::string* english = nullptr;
    for (const auto& [code, text] : by_lang) {
        if (code == lang) return text;
        if (code == "en") english = &text;
    }
    return english ? *english : empty;
}

std::string joined(const std::vector<std::string>& list) {
    constexpr std::size_t kMaxParamBytes = 512;  // kMaxStringBytes (request.hpp): a request's own bound
    std::string out;
    for (const auto& item : list) {
        if (out.size() + item.size() + 2 > kMaxParamBytes) return out.append(", …");
        if (!out.empty()) out.append(", ");
        out.append(item);
    }
    return out;
}

std::string format_hundredths(double x) {
    const long long cents = std::llround(x * 100);
    std::string out = std::to_string(cents / 100);
    if (const long long rest = cents % 100; rest != 0) {
        out += '.';
        out += char('0' + rest / 10);
        if (rest % 10) out += char('0' + rest % 10);
    }
    return out;
}

bool Text::has(std::string_view lang) const {
    for (const auto& entry : by_lang)
        if (entry.first == lang) return true;
    return false;
}

std::string fill(std::string_view pattern, const Params& params, std::initializer_list<NamedValue> more) {
    if (pattern.find('{') == std::string_view::npos) return std::string(pattern);
    std::string out;
    out.reserve(pattern.size() + 32);
    std::size_t i = 0;
    while (i < pattern.size()) {
        const auto open = pattern.find('{', i);
        if (open == std::string_view::npos) break;
        const auto close = pattern.find('}', open);
        if (close == std::string_view::npos) break;
        out.append(pattern.substr(i, open - i));
        const auto name = pattern.substr(open + 1, close - open - 1);
        bool found = false;
        for (const auto& [key, value] : params)
            if (key == name) {
                out += value;
                found = true;
                break;
            }
        for (auto it = more.begin(); !found && it != more.end(); ++it)
            if (it->first == name) {
                out += it->second;
                found = true;
            }
        if (!found) out.append(pattern.substr(open, close - open + 1));
        i = close + 1;
    }
    out.append(pattern.substr(i));
    return out;
}

}  // namespace evexport
