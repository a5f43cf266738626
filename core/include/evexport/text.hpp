// Texts per language, and the {placeholder} templates they are written in.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace evexport {

// A text in several languages; a language without its own version falls back to English.
struct Text {
    std::vector<std::pair<std::string, std::string>> by_lang;

    const std::string& in(std::string_view lang) const;
    bool has(std::string_view lang) const;
};

using Params = std::vector<std::pair<std::string, std::string>>;

// The longest text a ruleset or translation may hold, and the most {placeholders} one may fill:
// with parameters of at most 512 bytes each, no answer can grow without bound.
inline constexpr std::size_t kMaxTextBytes = 8 * 1024;
inline constexpr std::size_t kMaxPlaceholders = 8;

// Replaces each {name} in `pattern` with its value from `params`, or else from `more`; unknown names
// stay as written.
using NamedValue = std::pair<std::string_view, std::string_view>;
// A list as one parameter ("BYD, Denza"), cut with "…" at the bound a parameter keeps (512 bytes).
std::string joined(const std::vector<std::string>& list);
// A number to the hundredth, as JSON numbers and CSV cells write it: "17", "1234.5", "0.07".
std::string format_hundredths(double x);
std::string fill(std::string_view pattern, const Params& params, std::initializer_list<NamedValue> more = {});

}  // namespace evexport
