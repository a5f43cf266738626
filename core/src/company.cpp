#include "evexport/company.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include "optimize.hpp"

namespace evexport {

namespace {

using namespace std::string_view_literals;

// Latin abbreviations people use for the same word.
constexpr std::array<std::pair<std::string_view, std::string_view>, 13> kSameWord{{
    {"co", "company"},
    {"ltd", "limited"},
    {"corp", "corporation"},
    {"inc", "incorporated"},
    {"imp", "import"},
    {"exp", "export"},
    {"intl", "international"},
    {"mfg", "manufacturing"},
    {"tech", "technology"},
    {"grp", "group"},
    {"motor", "motors"},
    {"&", "and"},
    {"+", "and"},
}};

// Legal forms, dropped from the end of a name: "Co., Ltd.", "Company Limited", "Corp.", "LLC", …
constexpr std::array kLegalForm{"company"sv,   "limited"sv, "corporation"sv, "incorporated"sv, "llc"sv, "plc"sv,
                                "liability"sv, "gmbh"sv,    "ag"sv};
// … and their Chinese forms, longest first.
constexpr std::array kLegalFormHan{"股份有限公司"sv, "有限责任公司"sv, "有限公司"sv, "公司"sv};

// Chinese punctuation read as a separator (full-width ASCII is folded before this).
constexpr std::array kHanPunctuation{"、"sv, "。"sv, "·"sv, "・"sv, "【"sv, "】"sv, "《"sv, "》"sv, "「"sv, "」"sv};

bool ascii_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// Full-width ASCII (U+FF01–FF5E) folded to ASCII, the ideographic space and Chinese punctuation to a
// space, ASCII letters lowered.
std::string fold(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0xE0 && c <= 0xEF && i + 2 < s.size()) {
            const auto b1 = static_cast<unsigned char>(s[i + 1]), b2 = static_cast<unsigned char>(s[i + 2]);
            const unsigned cp = (unsigned(c & 0x0F) << 12) | (unsigned(b1 & 0x3F) << 6) | unsigned(b2 & 0x3F);
            if (cp >= 0xFF01 && cp <= 0xFF5E) {
                const char a = char(cp - 0xFEE0);
                out += (a >= 'A' && a <= 'Z') ? char(a - 'A' + 'a') : a;
                i += 3;
                continue;
            }
            if (cp == 0x3000 ||
                std::find(kHanPunctuation.begin(), kHanPunctuation.end(), s.substr(i, 3)) != kHanPunctuation.end()) {
                out += ' ';
                i += 3;
                continue;
            }
        }
        if (s.substr(i, 2) == "·") {  // U+00B7, two bytes
            out += ' ';
            i += 2;
            continue;
        }
        out += (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : char(c);
        ++i;
    }
    return out;
}

// Words: runs of ASCII letters and digits, runs of other (non-ASCII) characters, and & or +.
std::vector<std::string> words(const std::string& folded) {
    std::vector<std::string> out;
    std::string word;
    int kind = 0;  // 1 latin, 2 other
    auto flush = [&] {
        if (!word.empty()) out.push_back(std::move(word));
        word.clear();
        kind = 0;
    };
    for (char ch : folded) {
        const auto c = static_cast<unsigned char>(ch);
        const int k = ascii_alnum(ch) ? 1 : c >= 0x80 ? 2 : 0;
        if (k == 0) {
            flush();
            if (ch == '&' || ch == '+') out.emplace_back(1, ch);
            continue;
        }
        if (k != kind) flush();
        kind = k;
        word += ch;
    }
    flush();
    // Initials written with dots ("L.L.C.", "U.S.A.") are one word.
    std::vector<std::string> merged;
    bool initials = false;  // the last word is made of single letters
    for (auto& w : out) {
        const bool letter = w.size() == 1 && ascii_alnum(w[0]);
        if (letter && initials) merged.back() += w;
        else merged.push_back(std::move(w));
        initials = letter;
    }
    out = std::move(merged);
    for (auto& w : out)
        for (const auto& [shortened, full] : kSameWord)
            if (w == shortened) w = full;
    return out;
}

bool ends_with(std::string_view s, std::string_view tail) {
    return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

bool latin(const std::string& word) { return ascii_alnum(word.front()); }

}  // namespace

EVEXPORT_SMALL std::vector<std::string> company_words(std::string_view typed) { return words(fold(typed)); }

EVEXPORT_SMALL CompanyName company_name(std::string_view typed) {
    auto list = company_words(typed);
    // Legal forms at the end, as many as there are ("Co., Ltd.", "Limited Liability Company", 有限公司).
    for (bool dropped = true; dropped && !list.empty();) {
        dropped = false;
        auto& last = list.back();
        if (std::find(kLegalForm.begin(), kLegalForm.end(), last) != kLegalForm.end()) {
            list.pop_back();
            dropped = true;
            continue;
        }
        if (!latin(last))
            for (auto form : kLegalFormHan)
                if (ends_with(last, form)) {
                    last.resize(last.size() - form.size());
                    if (last.empty()) list.pop_back();
                    dropped = true;
                    break;
                }
    }
    if (!list.empty() && list.front() == "the") list.erase(list.begin());
    CompanyName out;
    bool has_latin = false, has_han = false;
    for (const auto& w : list) {
        out.key += w;
        if (w == "and") continue;  // a connective says nothing of the script
        (latin(w) ? has_latin : has_han) = true;
    }
    out.script = has_latin && has_han ? Script::mixed
                 : has_latin          ? Script::latin
                 : has_han            ? Script::han
                                      : Script::none;
    return out;
}

EVEXPORT_SMALL NameMatch compare_companies(std::string_view a, std::string_view b) {
    const auto x = company_name(a), y = company_name(b);
    if (x.key.empty() || y.key.empty()) return NameMatch::not_comparable;
    if (x.key == y.key) return NameMatch::same;
    const bool one_script = x.script == y.script || x.script == Script::mixed || y.script == Script::mixed;
    return one_script ? NameMatch::different : NameMatch::not_comparable;
}

EVEXPORT_SMALL std::string_view sales_company_word(std::string_view name) {
    static constexpr std::array kHan{"销售"sv, "经销"sv, "贸易"sv, "商贸"sv, "进出口"sv, "改装"sv, "海外"sv, "4s"sv};
    static constexpr std::array kLatin{"sales"sv,        "dealer"sv,       "dealership"sv, "trading"sv,
                                       "trade"sv,        "import"sv,       "export"sv,     "distributor"sv,
                                       "distribution"sv, "modification"sv, "conversion"sv, "4s"sv};
    const auto folded = fold(name);
    for (auto word : kHan)
        if (folded.find(word) != std::string::npos) return word;
    for (const auto& w : words(folded))
        for (auto word : kLatin)
            if (w == word) return word;
    return {};
}

EVEXPORT_SMALL bool reads_as_person(std::string_view name) {
    static constexpr std::array kHan{"公司"sv, "厂"sv, "集团"sv, "中心"sv, "商行"sv, "经营部"sv, "店"sv, "银行"sv};
    static constexpr std::array kLatin{
        "company"sv,    "limited"sv,  "corporation"sv,   "incorporated"sv, "llc"sv,     "plc"sv,    "gmbh"sv,
        "group"sv,      "motors"sv,   "auto"sv,          "automobile"sv,   "trading"sv, "import"sv, "export"sv,
        "technology"sv, "industry"sv, "international"sv, "bank"sv,         "car"sv,     "cars"sv};
    const auto folded = fold(name);
    for (auto word : kHan)
        if (folded.find(word) != std::string::npos) return false;
    const auto list = words(folded);
    if (list.empty()) return false;
    std::size_t han_bytes = 0, latin_words = 0;
    for (const auto& w : list) {
        if (latin(w)) {
            if (std::find(kLatin.begin(), kLatin.end(), w) != kLatin.end()) return false;
            ++latin_words;
        } else {
            han_bytes += w.size();
        }
    }
    // A Chinese personal name has two to four characters (three bytes each); a Latin one two or three words.
    if (latin_words == 0) return han_bytes >= 6 && han_bytes <= 12;
    return han_bytes == 0 && latin_words >= 2 && latin_words <= 3;
}

}  // namespace evexport
