// The rendering stage: a decided Result and its language become the filled answer — every text,
// question and warning with its parameters in place. The v1 JSON (result_json.cpp) and the JS API's
// compact answer (compact.cpp) are two mechanical writers of it; neither fills a text.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "evexport/result.hpp"

namespace evexport::detail {

// What answers in one language repeat verbatim, written once per ruleset when it is loaded (the
// Ruleset itself holds the law only).
struct Fragments {
    std::string lang;
    std::vector<std::string> rule_tails;  // by rule: ,"source":{…},"confidence":…,"from":…,"until":…[,"note":…]
    std::vector<std::string> documents, obligations;  // by entry: the whole {"code","text","source"} object
    std::vector<std::string> papers;    // by enum Paper: ,"label":…,"verify":[…] (members, as rule_tails)
    std::vector<std::string> verdicts;  // by enum Verdict: its name in words (a batch row's message)
};

struct RenderCache {
    std::vector<Fragments> by_lang;  // one per language of the ruleset's texts, English first
    // The fragments in `lang`, or the English ones for a language the texts are not in.
    const Fragments& in(std::string_view lang) const;
};

std::shared_ptr<const RenderCache> build_render_cache(const Ruleset& ruleset);

// A text as the answer shows it: the ruleset's own (then the JS API has it cached and is given
// none), or filled in for this answer.
struct RenderedText {
    const std::string* fixed = nullptr;
    std::string filled;
    std::string_view view() const { return fixed ? std::string_view(*fixed) : std::string_view(filled); }
};

struct Rendered {
    const Fragments& fragments;
    std::string as_of;
    std::vector<RenderedText> reasons;        // one per result.reasons
    std::vector<std::string> warnings;        // the text of each of result.warnings
    std::vector<std::string_view> questions;  // the question of each of result.missing ("" if none)
    std::vector<std::string_view> changes;    // the text of each item of result.changes_since, in order
};

Rendered render(const Result& result);

// The verdict in the answer's language with what it turns on (the deciding reason, or the first
// question still open): a batch row's message, written into `out` (cleared first).
void summary_message(const Result& result, std::string& out);

}  // namespace evexport::detail
