// The one place an answer's texts are filled in (render.hpp).
#include "render.hpp"

#include "json_writer.hpp"
#include "optimize.hpp"

namespace evexport::detail {

using namespace std::string_view_literals;

// A language the texts are not in reads English, as Text::in does, whatever order the ruleset's
// languages come in.
const Fragments& RenderCache::in(std::string_view lang) const {
    for (const auto& f : by_lang)
        if (f.lang == lang) return f;
    for (const auto& f : by_lang)
        if (f.lang == "en") return f;
    return by_lang.front();
}

// Built for each language once, when a ruleset or a translation is loaded.
EVEXPORT_RARELY std::shared_ptr<const RenderCache> build_render_cache(const Ruleset& rules) {
    auto cache = std::make_shared<RenderCache>();
    // The title is the Chinese original, with its English title_en; beside them, in a translation's
    // language, title_translated.
    auto source = [](JsonWriter& w, const Source* s, const std::string& clause, std::string_view lang) {
        w.key("source")
            .begin_object()
            .member("id", s->id)
            .member("title", s->title)
            .member("number", s->number)
            .member("clause", clause);
        // How close the copy at url is to the official text (docs/RULESET.md, "Grades"), so that a
        // reader is told when a link is a copy and whose (added 2026-11-29, issue 16).
        w.member("url", s->url).member("grade", s->grade);
        if (!s->title_en.empty()) w.member("title_en", s->title_en);
        if (lang != "en" && s->translated_title.has(lang)) w.member("title_translated", s->translated_title.in(lang));
        w.end_object();
    };
    for (const auto& lang : rules.languages) {
        Fragments f{lang, {}, {}, {}, {}, {}};
        for (auto verdict : EnumNames<Verdict>::names)
            f.verdicts.push_back(rules.label(std::string("verdict/").append(verdict)).in(lang));
        for (const auto& rule : rules.rules) {
            JsonWriter w(512);
            w.begin_object().member("_", 0);  // a placeholder member, so that what follows starts with a comma
            source(w, rule.source, rule.clause, lang);
            w.member("confidence", name_of(rule.confidence));
            w.member("from", format_date(rule.from)).member("until", format_date(rule.until));
            if (rule.note.has("en")) w.member("note", rule.note.in(lang));
            const std::string text = w.end_object().take();
            constexpr std::string_view placeholder = R"({"_":0)";
            f.rule_tails.push_back(text.substr(placeholder.size(), text.size() - placeholder.size() - 1));
        }
        for (const auto& [list, out] :
             {std::pair{&rules.documents, &f.documents}, std::pair{&rules.obligations, &f.obligations}})
            for (const auto& e : *list) {
                JsonWriter w(512);
                w.begin_object().member("code", e.code).member("text", e.text.in(lang));
                source(w, e.source, e.clause, lang);
                out->push_back(w.end_object().take());
            }
        for (const auto& paper : rules.papers) {
            JsonWriter w(512);
            w.begin_object().member("label", paper.label.in(lang)).key("verify").begin_array();
            for (const auto& v : paper.verify) {
                w.begin_object().member("how", v.how).member("text", v.text.in(lang));
                if (!v.url.empty()) w.member("url", v.url);
                w.member("source", v.source).end_object();
            }
            std::string text = w.end_array().end_object().take();
            text.front() = ',';  // members, as rule_tails: the object without its braces
            text.pop_back();
            f.papers.push_back(std::move(text));
        }
        cache->by_lang.push_back(std::move(f));
    }
    return cache;
}

namespace {

// A reason's text: the rule's own, or the message that says how it applies here ({rule_text} in it
// is the rule's own), with {as_of} and {from} known to every text.
RenderedText render_reason(const Result& r, const Reason& reason, const std::string& as_of) {
    const Rule& rule = *reason.rule;
    const std::string& own = rule.text.in(r.lang);
    RenderedText text;
    if (reason.message.empty() && own.find('{') == std::string::npos) {
        text.fixed = &own;
        return text;
    }
    const std::string from = rule.from ? format_date(*rule.from) : std::string("—");
    text.filled = fill(own, reason.params, {{"as_of", as_of}, {"from", from}});
    if (!reason.message.empty())
        text.filled = fill(r.ruleset->message(reason.message).in(r.lang), reason.params,
                           {{"as_of", as_of}, {"from", from}, {"rule_text", text.filled}});
    return text;
}

}  // namespace

// "Not permitted: <the deciding reason>", "Not yet determined: <the first question>": the verdict in
// words with what it turns on, for a row of a batch (issue 16). Every row of a batch has one, so it
// takes the shortest way: the cached verdict names, a message's own text when it has no placeholder.
void summary_message(const Result& r, std::string& out) {
    const auto& rules = *r.ruleset;
    out = rules.render_cache->in(r.lang).verdicts[std::size_t(r.verdict)];
    if (r.verdict == Verdict::not_permitted) {
        for (const auto& reason : r.reasons)
            if (reason.decides) {
                const std::string& text =
                    reason.message.empty() ? reason.rule->text.in(r.lang) : rules.message(reason.message).in(r.lang);
                out.append(": "sv);
                if (text.find('{') == std::string::npos) out.append(text);
                else out.append(render_reason(r, reason, format_date(r.as_of)).view());
                break;
            }
    } else if (r.verdict == Verdict::undetermined && !r.missing.empty()) {
        if (const Text* question = rules.question(r.missing.front())) out.append(": "sv).append(question->in(r.lang));
    }
}

Rendered render(const Result& r) {
    const auto& rules = *r.ruleset;
    const auto& lang = r.lang;
    Rendered out{rules.render_cache->in(lang), format_date(r.as_of), {}, {}, {}, {}};
    // {as_of} and {from} are known to every text: added here, not by each step of the evaluation.
    out.reasons.reserve(r.reasons.size());
    for (const auto& reason : r.reasons) out.reasons.push_back(render_reason(r, reason, out.as_of));
    out.warnings.reserve(r.warnings.size());
    for (const auto& warning : r.warnings)
        out.warnings.push_back(fill(rules.message(warning.code).in(lang), warning.params, {{"as_of", out.as_of}}));
    out.questions.reserve(r.missing.size());
    for (const auto& field : r.missing) {
        const Text* question = rules.question(field);
        out.questions.push_back(question ? std::string_view(question->in(lang)) : std::string_view());
    }
    if (r.changes_since)
        for (const Change* change : *r.changes_since)
            for (const auto& item : change->items) out.changes.push_back(item.text.in(lang));
    return out;
}

}  // namespace evexport::detail
