#include "translation.hpp"

#include <algorithm>
#include <utility>
#include <vector>

#include "json_reader.hpp"

namespace evexport::detail {

namespace {

// Whether every {name} that `a` fills in is one that `b` fills in too.
bool placeholders_within(std::string_view a, std::string_view b) {
    for (std::size_t open = a.find('{'); open != std::string_view::npos; open = a.find('{', open + 1)) {
        const auto close = a.find('}', open);
        if (close == std::string_view::npos) break;
        if (b.find(a.substr(open, close - open + 1)) == std::string_view::npos) return false;
    }
    return true;
}

std::size_t placeholder_count(std::string_view s) { return std::size_t(std::count(s.begin(), s.end(), '{')); }

// A BCP 47 tag of the simple kinds used here: "ru", "es", "pt-BR", "zh-Hant".
bool language_tag(std::string_view tag) {
    auto letters = [](std::string_view s, bool upper) {
        return std::all_of(s.begin(), s.end(),
                           [upper](char c) { return upper ? (c >= 'A' && c <= 'Z') : (c >= 'a' && c <= 'z'); });
    };
    const auto dash = tag.find('-');
    const auto primary = tag.substr(0, dash);
    if (primary.size() < 2 || primary.size() > 3 || !letters(primary, false)) return false;
    if (dash == std::string_view::npos) return true;
    const auto region = tag.substr(dash + 1);
    return region.size() == 2 && letters(region, true);
}

// Every translatable text of a ruleset with its key in a pack: "title", "sources/<id>/title",
// "rules/<id>/text", "documents/<code>/text", "obligations/<code>/text", "questions/<pointer>",
// "messages/<code>", "labels/<key>", "rules/<id>/note", "papers/<code>/label", "papers/<code>/verify/<i>",
// "changes/<version>/<item>".
std::vector<std::pair<std::string, Text*>> text_slots(Ruleset& r) {
    std::vector<std::pair<std::string, Text*>> out{{"title", &r.title}};
    for (auto& s : r.sources)
        if (s->translated_title.has("en")) out.emplace_back("sources/" + s->id + "/title", &s->translated_title);
    for (auto& rule : r.rules) {
        out.emplace_back("rules/" + rule.id + "/text", &rule.text);
        if (rule.note.has("en")) out.emplace_back("rules/" + rule.id + "/note", &rule.note);
    }
    for (auto& e : r.documents) out.emplace_back("documents/" + e.code + "/text", &e.text);
    for (auto& e : r.obligations) out.emplace_back("obligations/" + e.code + "/text", &e.text);
    for (auto& [pointer, text] : r.questions) out.emplace_back("questions" + pointer, &text);
    for (auto& [code, text] : r.messages) out.emplace_back("messages/" + code, &text);
    for (auto& [key, text] : r.labels) out.emplace_back("labels/" + key, &text);
    for (auto& paper : r.papers) {
        out.emplace_back("papers/" + paper.code + "/label", &paper.label);
        for (std::size_t i = 0; i < paper.verify.size(); ++i)
            out.emplace_back("papers/" + paper.code + "/verify/" + std::to_string(i), &paper.verify[i].text);
    }
    for (auto& change : r.changes)
        for (std::size_t i = 0; i < change.items.size(); ++i)
            out.emplace_back("changes/" + change.version + "/" + std::to_string(i), &change.items[i].text);
    return out;
}

}  // namespace

std::optional<Error> apply_translation(Ruleset& r, std::string_view pack_text, std::string& lang) {
    const auto fail = [](std::string field, std::string message) {
        return Error{"invalid_translation", std::move(field), std::move(message)};
    };
    const auto pack = parse_json(pack_text);
    if (!pack || !pack->is_object()) return fail("", "a translation is a JSON object");
    Reader in{"invalid_translation"};
    const auto member = [&](std::string_view key) { return in.string(*pack, "", key).value_or(""); };
    if (member("schema") != "evexport-translation/1")
        return fail("/schema", "\"evexport-translation/1\" is the schema this build reads");
    if (member("ruleset") != r.id)
        return fail("/ruleset", "this translation is for ruleset \"" + member("ruleset") + "\", not \"" + r.id + "\"");
    if (member("version") != r.version)
        return fail("/version",
                    "this translation is of version " + member("version") + "; the ruleset is version " + r.version);
    lang = member("lang");
    if (!language_tag(lang)) return fail("/lang", "a language tag such as \"ru\" or \"pt-BR\" is required");
    if (r.title.has(lang)) return fail("/lang", "the ruleset has texts in " + lang + " already");
    const json* texts = in.object(*pack, "", "texts");
    if (!texts) return fail("/texts", "an object of texts by key is required");

    auto slots = text_slots(r);
    std::vector<std::string> values;  // checked first, applied only when all are good
    for (const auto& [key, text] : slots) {
        const auto at = "/texts/" + pointer_token(key);
        const auto it = texts->find(key);
        if (it == texts->end()) return fail(at, "is missing: every text of the ruleset is translated");
        if (!it->is_string() || it->get_ref<const std::string&>().empty())
            return fail(at, "must be a non-empty string");
        const auto& value = it->get_ref<const std::string&>();
        if (!placeholders_within(value, text->in("en")) || !placeholders_within(text->in("en"), value))
            return fail(at, "must fill in the same {placeholders} as the English text");
        // Bounded as the ruleset's own texts are, so that no pack can make answers grow without end.
        if (value.size() > kMaxTextBytes || placeholder_count(value) > placeholder_count(text->in("en")) + 2)
            return fail(at, "is longer than " + std::to_string(kMaxTextBytes) +
                                " bytes or fills in its placeholders more often than the English text");
        values.push_back(value);
    }
    if (texts->size() != slots.size())  // each slot found its text, so the pack has one more
        for (auto it = texts->begin(); it != texts->end(); ++it) {
            bool known = false;
            for (const auto& slot : slots) known = known || slot.first == it.key();
            if (!known)
                return fail("/texts/" + pointer_token(it.key()), "the ruleset has no text \"" + it.key() + "\"");
        }
    for (std::size_t i = 0; i < slots.size(); ++i) slots[i].second->by_lang.emplace_back(lang, std::move(values[i]));
    return std::nullopt;
}

}  // namespace evexport::detail
