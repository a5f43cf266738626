// Loading a ruleset: parsing and checking it, applying translations, writing the fragments that
// results repeat. Runs once per ruleset, so the wasm build compiles it for size (core/CMakeLists.txt).
#include "evexport/ruleset.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "embedded.hpp"
#include "evexport/evaluate.hpp"
#include "json_reader.hpp"
#include "packed.hpp"
#include "render.hpp"
#include "sha256.hpp"
#include "translation.hpp"

namespace evexport {

using detail::json;

namespace {

using Keys = std::vector<std::string_view>;

// Each kind of rule, the keys it must have and the keys it may have besides those every rule
// takes (docs/RULESET.md; core/rules/ruleset.schema.json says the same and a test holds them
// together). A key outside these is refused, so a misspelt or misplaced condition cannot load and
// silently change answers.
struct KindKeys {
    std::string_view name;
    Keys required, optional;
};
// Function-local, so that they exist before any static object loads a ruleset (the wasm bindings'
// Session loads the built-in one when the module starts).
const Keys& rule_required() {
    static const Keys keys{"id", "kind", "source", "clause", "confidence", "text"};
    return keys;
}
const Keys& rule_optional() {
    static const Keys keys{"from", "until", "note", "dossier", "documents", "obligations"};
    return keys;
}
constexpr std::array<std::string_view, kRuleKindCount> kRuleKindNames{
    "licence_scope",         "exporter_qualification", "qualification_exemption", "used_exporter",
    "used_registered_owner", "used_quality_report",    "used_prohibited",         "used_recent_registration",
    "used_day_count",        "used_transition",        "used_licence_data",       "modified_vehicle",
    "used_confirmation"};
constexpr bool every_kind_named() {
    for (auto name : kRuleKindNames)
        if (name.empty()) return false;
    return true;
}
static_assert(every_kind_named(), "a name for every RuleKind, in its order");

const std::array<KindKeys, kRuleKindCount>& rule_kinds() {
    static const std::array<KindKeys, kRuleKindCount> kinds{{
        {kRuleKindNames[0], {"regime", "licence", "vehicles"}, {"hs", "earlier"}},
        {kRuleKindNames[1], {"categories"}, {"authorization_documents"}},
        {kRuleKindNames[2], {"trade_mode", "categories"}, {}},
        {kRuleKindNames[3], {"roles"}, {"own_products_only"}},
        {kRuleKindNames[4], {}, {}},
        {kRuleKindNames[5], {}, {}},
        {kRuleKindNames[6], {}, {}},
        {kRuleKindNames[7], {"max_days"}, {}},
        {kRuleKindNames[8], {}, {}},
        {kRuleKindNames[9], {"transferred_before"}, {}},
        {kRuleKindNames[10], {}, {}},
        {kRuleKindNames[11], {"regime"}, {}},
        {kRuleKindNames[12], {}, {}},
    }};
    return kinds;
}

bool valid_version(std::string_view v) {
    if (v.empty() || v.size() > 64 || v.front() == '.' || v.back() == '.' || v.find("..") != std::string_view::npos)
        return false;
    return std::all_of(v.begin(), v.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
}

bool among(const Keys& keys, std::string_view key) { return std::find(keys.begin(), keys.end(), key) != keys.end(); }

struct Loader {
    detail::Reader in{"invalid_ruleset"};
    Ruleset& out;

    // An object with these keys only, and every required one: `required` and `optional` are
    // lists of key lists (the keys every rule takes, then those of its kind).
    bool keys(const json& object, const std::string& at, const std::vector<Keys>& required,
              const std::vector<Keys>& optional, std::string_view what) {
        if (!object.is_object()) {
            in.fail(at, "must be an object");
            return false;
        }
        auto in_any = [](const std::vector<Keys>& lists, std::string_view key) {
            return std::any_of(lists.begin(), lists.end(), [&](const Keys& k) { return among(k, key); });
        };
        for (const auto& item : object.items())
            if (!in_any(required, item.key()) && !in_any(optional, item.key()))
                in.fail(at + "/" + detail::pointer_token(item.key()), "is not a key of " + std::string(what));
        for (const Keys& list : required)
            for (auto key : list)
                if (auto it = object.find(key); it == object.end() || it->is_null())
                    in.fail(at + "/" + std::string(key), "is required in " + std::string(what));
        return in.ok();
    }

    Text text(const json& parent, const std::string& at, std::string_view key) {
        Text result;
        const json* object = in.object(parent, at, key);
        if (!object) {
            in.fail(at + "/" + std::string(key), "a text in English at least is required");
            return result;
        }
        for (const auto& [lang, value] : object->items()) {
            if (lang != "en" && lang != "zh") {  // other languages come as translation packs
                in.fail(at + "/" + std::string(key) + "/" + lang, "a ruleset's own texts are in en and zh");
                return result;
            }
            if (!value.is_string()) {
                in.fail(at + "/" + std::string(key) + "/" + lang, "must be a string");
                return result;
            }
            const auto& s = value.get_ref<const std::string&>();
            if (s.size() > kMaxTextBytes || std::size_t(std::count(s.begin(), s.end(), '{')) > kMaxPlaceholders) {
                in.fail(at + "/" + std::string(key) + "/" + lang,
                        "is longer than " + std::to_string(kMaxTextBytes) + " bytes or has more than " +
                            std::to_string(kMaxPlaceholders) + " {placeholders}");
                return result;
            }
            result.by_lang.emplace_back(lang, s);
        }
        if (!result.has("en")) in.fail(at + "/" + std::string(key) + "/en", "an English text is required");
        return result;
    }

    std::string required(const json& parent, const std::string& at, std::string_view key) {
        auto value = in.string(parent, at, key);
        if (!value && in.ok()) in.fail(at + "/" + std::string(key), "is required");
        return value.value_or("");
    }

    const Source* source(const json& parent, const std::string& at) {
        const auto id = required(parent, at, "source");
        for (const auto& s : out.sources)
            if (s->id == id) return s.get();
        in.fail(at + "/source", "unknown source \"" + id + "\"");
        return nullptr;
    }

    // A list of strings, each read by `read` (which may refuse it with its pointer).
    template <typename T, typename Read>
    std::vector<T> list(const json& parent, const std::string& at, std::string_view key, Read read) {
        std::vector<T> values;
        auto it = parent.find(key);
        if (it == parent.end()) return values;
        const auto here = at + "/" + std::string(key);
        if (!it->is_array()) {
            in.fail(here, "must be an array");
            return values;
        }
        for (std::size_t i = 0; i < it->size() && in.ok(); ++i) {
            const auto pointer = here + "/" + std::to_string(i);
            if (!(*it)[i].is_string()) in.fail(pointer, "must be a string");
            else if (auto v = read((*it)[i].template get_ref<const std::string&>(), pointer))
                values.push_back(std::move(*v));
        }
        return values;
    }

    std::vector<std::string> string_list(const json& parent, const std::string& at, std::string_view key) {
        return list<std::string>(
            parent, at, key, [](const std::string& s, const std::string&) { return std::optional<std::string>(s); });
    }

    template <typename E> std::vector<E> enum_list(const json& parent, const std::string& at, std::string_view key) {
        return list<E>(parent, at, key, [&](const std::string& s, const std::string& pointer) {
            auto value = parse_enum<E>(s);
            if (!value) in.fail(pointer, "unknown value \"" + s + "\"");
            return value;
        });
    }

    const json& array(const json& parent, std::string_view key) {
        static const json empty = json::array();
        auto it = parent.find(key);
        if (it == parent.end() || !it->is_array()) {
            in.fail(std::string("/").append(key), "an array is required");
            return empty;
        }
        return *it;
    }

    std::optional<Date> required_date(const json& parent, const std::string& at, std::string_view key) {
        auto value = in.date(parent, at, key);
        if (!value && in.ok()) in.fail(at + "/" + std::string(key), "is required");
        return value;
    }

    void entries(const json& root, std::string_view key, std::vector<Entry>& into) {
        const auto& list = array(root, key);
        for (std::size_t i = 0; i < list.size() && in.ok(); ++i) {
            // Appended, not "/" + …: GCC 12 reports a false -Wrestrict for the latter here.
            const auto at = std::string("/").append(key).append("/").append(std::to_string(i));
            if (!keys(list[i], at, {{"code", "source", "clause", "text"}}, {{"dossier"}}, "a document or obligation"))
                return;
            Entry e;
            e.code = required(list[i], at, "code");
            e.source = source(list[i], at);
            e.clause = in.string(list[i], at, "clause").value_or("");
            e.dossier = in.string(list[i], at, "dossier").value_or("");
            e.text = text(list[i], at, "text");
            into.push_back(std::move(e));
        }
    }

    void load(const json& root) {
        if (!root.is_object()) return in.fail("", "a ruleset must be a JSON object");
        if (!keys(root, "",
                  {{"schema", "id", "version", "title", "sources", "rules", "hs_codes", "documents", "obligations",
                    "questions", "messages", "labels", "papers", "changes"}},
                  {{"compiled", "dossier"}}, "a ruleset"))
            return;
        if (in.integer(root, "", "schema") != 1) in.fail("/schema", "schema 1 is the one this build reads");
        out.id = required(root, "", "id");
        out.version = required(root, "", "version");
        if (in.ok() && !valid_version(out.version))
            in.fail("/version", "a version is numbers separated by dots, such as 2026.11.29");
        out.compiled = in.string(root, "", "compiled").value_or("");
        out.title = text(root, "", "title");

        const auto& sources = array(root, "sources");
        for (std::size_t i = 0; i < sources.size() && in.ok(); ++i) {
            const auto at = "/sources/" + std::to_string(i);
            if (!keys(sources[i], at, {{"id", "title", "number"}},
                      {{"title_en", "issued", "effective", "url", "grade", "note"}}, "a source"))
                return;
            auto s = std::make_unique<Source>();
            s->id = required(sources[i], at, "id");
            s->title = required(sources[i], at, "title");
            s->title_en = in.string(sources[i], at, "title_en").value_or("");
            if (!s->title_en.empty()) s->translated_title.by_lang.emplace_back("en", s->title_en);
            s->number = required(sources[i], at, "number");
            s->issued = in.string(sources[i], at, "issued").value_or("");
            s->effective = in.string(sources[i], at, "effective").value_or("");
            s->url = in.string(sources[i], at, "url").value_or("");
            s->grade = in.string(sources[i], at, "grade").value_or("");
            s->note = in.string(sources[i], at, "note").value_or("");
            // Only web addresses: a source's link is put in front of people as it is.
            if (!s->url.empty() && s->url.rfind("https://", 0) != 0 && s->url.rfind("http://", 0) != 0)
                in.fail(at + "/url", "must be an https: or http: address");
            if (s->url.empty() && s->note.empty()) in.fail(at + "/note", "a source without a URL says why in a note");
            if (s->id.empty()) in.fail(at + "/id", "must not be empty");
            for (const auto& other : out.sources)
                if (in.ok() && other->id == s->id) in.fail(at + "/id", "must be unique");
            out.sources.push_back(std::move(s));
        }

        entries(root, "documents", out.documents);
        entries(root, "obligations", out.obligations);

        const auto& rules = array(root, "rules");
        for (std::size_t i = 0; i < rules.size() && in.ok(); ++i) {
            out.rules.push_back(rule(rules[i], "/rules/" + std::to_string(i)));
            const auto& id = out.rules.back().id;
            if (in.ok() && (id.empty() || std::count_if(out.rules.begin(), out.rules.end(),
                                                        [&](const Rule& r) { return r.id == id; }) > 1))
                in.fail("/rules/" + std::to_string(i) + "/id", "must be unique and not empty");
        }

        const auto& codes = array(root, "hs_codes");
        for (std::size_t i = 0; i < codes.size() && in.ok(); ++i) {
            const auto at = "/hs_codes/" + std::to_string(i);
            if (!keys(codes[i], at, {{"hs"}}, {{"category", "powertrains", "condition", "derive", "note"}},
                      "a customs code"))
                return;
            HsCode h;
            h.hs = required(codes[i], at, "hs");
            h.category = in.enumeration<Category>(codes[i], at, "category");
            h.powertrains = enum_list<Powertrain>(codes[i], at, "powertrains");
            h.condition = in.enumeration<Condition>(codes[i], at, "condition");
            h.derive = in.boolean(codes[i], at, "derive").value_or(false);
            if (h.derive && (!h.category || h.powertrains.size() != 1 || !h.condition || h.hs.size() != 10))
                in.fail(at, "a derivable code names one category, one powertrain, a condition and all 10 digits");
            out.hs_codes.push_back(std::move(h));
        }

        for (const char* key : {"questions", "messages", "labels"}) {
            const json* map = in.object(root, "", key);
            if (!map) {
                in.fail(std::string("/") + key, "an object is required");
                break;
            }
            auto& into = std::string_view(key) == "questions"  ? out.questions
                         : std::string_view(key) == "messages" ? out.messages
                                                               : out.labels;
            for (const auto& item : map->items())
                into.emplace(item.key(), text(*map, std::string("/") + key, item.key()));
        }
        // What the evaluator writes must be here, so that no answer shows an empty text.
        for (auto key : evaluator_messages())
            if (in.ok() && !out.messages.count(key))
                in.fail("/messages/" + std::string(key), "is required: the evaluator writes it");
        for (auto key : evaluator_labels())
            if (in.ok() && !out.labels.count(key))
                in.fail("/labels/" + detail::pointer_token(key), "is required: the evaluator writes it");
        for (auto pointer : evaluator_questions())
            if (in.ok() && !out.question(pointer))
                in.fail("/questions/" + detail::pointer_token(pointer), "is required: the evaluator asks it");
        papers(root);
        changes(root);
    }

    // One entry per paper, in the order of enum Paper.
    void papers(const json& root) {
        const auto& list = array(root, "papers");
        constexpr auto& names = EnumNames<Paper>::names;
        if (in.ok() && list.size() != names.size())
            in.fail("/papers", "one entry for each paper: " + std::to_string(names.size()));
        for (std::size_t i = 0; i < list.size() && in.ok(); ++i) {
            const auto at = "/papers/" + std::to_string(i);
            if (!keys(list[i], at, {{"code", "label", "verify"}}, {}, "a paper")) return;
            PaperEntry paper;
            paper.code = required(list[i], at, "code");
            if (in.ok() && paper.code != names[i])
                in.fail(at + "/code",
                        "papers come in the contract's order; expected \"" + std::string(names[i]) + "\"");
            paper.label = text(list[i], at, "label");
            if (!list[i]["verify"].is_array()) return in.fail(at + "/verify", "must be an array");
            const auto& verify = list[i]["verify"];
            for (std::size_t j = 0; j < verify.size() && in.ok(); ++j) {
                const auto vat = at + "/verify/" + std::to_string(j);
                if (!keys(verify[j], vat, {{"how", "source", "text"}}, {{"url"}}, "a way to verify")) return;
                PaperEntry::Verify v;
                v.how = required(verify[j], vat, "how");
                if (in.ok() && v.how != "lookup" && v.how != "own_step") in.fail(vat + "/how", "lookup or own_step");
                v.url = in.string(verify[j], vat, "url").value_or("");
                if (!v.url.empty() && v.url.rfind("https://", 0) != 0)
                    in.fail(vat + "/url", "must be an https: address");
                v.source = required(verify[j], vat, "source");
                v.text = text(verify[j], vat, "text");
                paper.verify.push_back(std::move(v));
            }
            out.papers.push_back(std::move(paper));
        }
    }

    void changes(const json& root) {
        const auto& list = array(root, "changes");
        if (in.ok() && list.empty()) in.fail("/changes", "the change log has at least this version");
        for (std::size_t i = 0; i < list.size() && in.ok(); ++i) {
            const auto at = "/changes/" + std::to_string(i);
            if (!keys(list[i], at, {{"version", "date", "items"}}, {{"source"}}, "a change")) return;
            Change c;
            c.version = required(list[i], at, "version");
            if (auto d = required_date(list[i], at, "date")) c.date = format_date(*d);
            if (list[i].contains("source")) c.source = source(list[i], at);
            if (i == 0 && c.version != out.version)
                in.fail(at + "/version", "the newest change is of this version, " + out.version);
            if (i > 0 && compare_versions(c.version, out.changes.back().version) >= 0)
                in.fail(at + "/version", "changes are listed newest first");
            if (!list[i]["items"].is_array()) return in.fail(at + "/items", "must be an array");
            const auto& items = list[i]["items"];
            for (std::size_t j = 0; j < items.size() && in.ok(); ++j) {
                const auto iat = at + "/items/" + std::to_string(j);
                if (!keys(items[j], iat, {{"text"}}, {{"rules"}}, "a change item")) return;
                Change::Item item;
                item.rules = string_list(items[j], iat, "rules");
                for (const auto& id : item.rules)
                    if (in.ok() &&
                        std::none_of(out.rules.begin(), out.rules.end(), [&](const Rule& r) { return r.id == id; }))
                        in.fail(iat + "/rules", "unknown rule \"" + id + "\"");
                item.text = text(items[j], iat, "text");
                c.items.push_back(std::move(item));
            }
            out.changes.push_back(std::move(c));
        }
    }

    Rule rule(const json& r, const std::string& at) {
        Rule rule;
        if (!r.is_object()) {
            in.fail(at, "a rule is an object");
            return rule;
        }
        const auto kind = required(r, at, "kind");
        const auto& kinds = rule_kinds();
        const auto k = std::find_if(kinds.begin(), kinds.end(), [&](const KindKeys& kk) { return kk.name == kind; });
        if (k == kinds.end()) {
            if (in.ok()) in.fail(at + "/kind", "unknown rule kind \"" + kind + "\"");
            return rule;
        }
        rule.kind = RuleKind(k - kinds.begin());
        const std::string what = "a " + kind + " rule";
        if (!keys(r, at, {rule_required(), k->required}, {rule_optional(), k->optional}, what)) return rule;
        rule.id = required(r, at, "id");
        rule.from = in.date(r, at, "from");
        rule.until = in.date(r, at, "until");
        if (rule.from && rule.until && *rule.until < *rule.from) in.fail(at + "/until", "ends before it starts");
        if (r.contains("note")) rule.note = text(r, at, "note");
        rule.source = source(r, at);
        rule.clause = required(r, at, "clause");
        rule.dossier = in.string(r, at, "dossier").value_or("");
        auto confidence = in.enumeration<Confidence>(r, at, "confidence");
        if (!confidence && in.ok()) in.fail(at + "/confidence", "is required");
        rule.confidence = confidence.value_or(Confidence::unconfirmed);
        rule.text = text(r, at, "text");
        rule.documents = string_list(r, at, "documents");
        rule.obligations = string_list(r, at, "obligations");
        for (const auto& code : rule.documents)
            if (in.ok() && !out.document(code)) in.fail(at + "/documents", "unknown document \"" + code + "\"");
        for (const auto& code : rule.obligations)
            if (in.ok() && !out.obligation(code)) in.fail(at + "/obligations", "unknown obligation \"" + code + "\"");

        rule.licence = in.boolean(r, at, "licence").value_or(false);
        rule.regime = in.enumeration<Regime>(r, at, "regime").value_or(Regime::none);
        rule.hs = string_list(r, at, "hs");
        if (in.ok() && r.contains("hs") && rule.hs.empty())
            in.fail(at + "/hs", "must not be empty: without codes the rule would apply to every one");
        if (in.ok() && rule.kind == RuleKind::licence_scope &&
            rule.licence == (r.value("regime", std::string()) == "none"))
            in.fail(at + "/regime",
                    "a rule that requires a licence names its regime; one that does not has regime none");
        if (auto it = r.find("vehicles"); it != r.end() && !it->is_array())
            in.fail(at + "/vehicles", "must be an array");
        if (auto it = r.find("vehicles"); it != r.end() && it->is_array())
            for (std::size_t i = 0; i < it->size() && in.ok(); ++i) {
                const auto vat = at + "/vehicles/" + std::to_string(i);
                if (!keys((*it)[i], vat, {}, {{"category", "powertrains", "condition"}}, "a vehicle pattern")) break;
                VehiclePattern p;
                p.category = in.enumeration<Category>((*it)[i], vat, "category");
                p.powertrains = enum_list<Powertrain>((*it)[i], vat, "powertrains");
                p.condition = in.enumeration<Condition>((*it)[i], vat, "condition");
                rule.vehicles.push_back(std::move(p));
            }
        const auto earlier = in.string(r, at, "earlier").value_or("no_licence");
        if (earlier != "no_licence" && earlier != "not_covered")
            in.fail(at + "/earlier", "must be no_licence or not_covered");
        rule.earlier_not_covered = earlier == "not_covered";
        rule.categories = enum_list<Category>(r, at, "categories");
        rule.authorization_documents = string_list(r, at, "authorization_documents");
        for (const auto& code : rule.authorization_documents)
            if (in.ok() && !out.document(code))
                in.fail(at + "/authorization_documents", "unknown document \"" + code + "\"");
        rule.trade_mode = in.enumeration<TradeMode>(r, at, "trade_mode");
        rule.roles = enum_list<Role>(r, at, "roles");
        rule.own_products_only = enum_list<Role>(r, at, "own_products_only");
        for (auto role : rule.own_products_only)
            if (in.ok() && std::find(rule.roles.begin(), rule.roles.end(), role) == rule.roles.end())
                in.fail(at + "/own_products_only", "names a role that is not among the rule's roles");
        rule.max_days = in.integer(r, at, "max_days").value_or(0);
        if (rule.kind == RuleKind::used_recent_registration && rule.max_days <= 0)
            in.fail(at + "/max_days", "must be a positive number of days");
        rule.transferred_before = in.date(r, at, "transferred_before");
        // Lists a kind requires must say something: an empty one would match nothing, silently.
        for (const char* key : {"vehicles", "categories", "roles"})
            if (in.ok() && among(k->required, key) && r.at(key).empty()) in.fail(at + "/" + key, "must not be empty");
        if (rule.kind == RuleKind::licence_scope && !r.at("licence").is_boolean())
            in.fail(at + "/licence", "must be true or false");
        return rule;
    }
};

}  // namespace

std::variant<std::shared_ptr<const Ruleset>, Error> Ruleset::load(std::string_view json_text) {
    return load(json_text, sha256_hex(json_text));
}

std::variant<std::shared_ptr<const Ruleset>, Error> Ruleset::load(std::string_view json_text, std::string sha256) {
    return load_translated(json_text, Form::json, std::move(sha256), {});
}

std::variant<std::shared_ptr<const Ruleset>, Error> Ruleset::load_packed(std::string_view packed, std::string sha256) {
    return load_translated(packed, Form::packed, std::move(sha256), {});
}

std::variant<std::shared_ptr<const Ruleset>, Error> Ruleset::with_translations(
    const std::vector<std::string_view>& packs) const {
    auto all = packs_;
    all.insert(all.end(), packs.begin(), packs.end());
    return load_translated(text_, form_, sha256, std::move(all), unpinned);
}

std::variant<std::shared_ptr<const Ruleset>, Error> Ruleset::load_translated(std::string_view text, Form form,
                                                                             std::string sha256,
                                                                             std::vector<std::string> packs,
                                                                             bool unpinned) {
    auto ruleset = std::make_shared<Ruleset>();
    if (form == Form::packed) {
        // Written by this build's own tool from a ruleset its loader checked (packed.hpp).
        if (!detail::unpack_ruleset(text, *ruleset))
            return Error{"invalid_ruleset", "", "the packed ruleset does not match this build"};
    } else {
        const auto parsed = detail::parse_json(text);
        if (!parsed) return Error{"invalid_ruleset", "", "the ruleset is not valid JSON"};
        Loader loader{detail::Reader{"invalid_ruleset"}, *ruleset};
#if defined(__cpp_exceptions)
        try {
            loader.load(*parsed);
        } catch (const std::exception& e) {  // a defect in the loader, not in the data; still never escapes
            loader.in.fail("", e.what());
        }
#else
        loader.load(*parsed);  // the WebAssembly build: a defect aborts (CMakeLists.txt)
#endif
        if (!loader.in.ok()) return loader.in.error();
    }
    ruleset->sha256 = std::move(sha256);
    ruleset->text_ = std::string(text);
    ruleset->form_ = form;
    // Its own languages are those of its title; each translation adds one.
    for (const auto& [lang, text] : ruleset->title.by_lang) ruleset->languages.push_back(lang);
    for (auto& pack : packs) {
        std::string lang;
        if (auto error = detail::apply_translation(*ruleset, pack, lang)) return *error;
        ruleset->languages.push_back(lang);
    }
    ruleset->packs_ = std::move(packs);
    ruleset->unpinned = unpinned;
    ruleset->render_cache = detail::build_render_cache(*ruleset);
    ruleset->index();
    return std::shared_ptr<const Ruleset>(std::move(ruleset));
}

// Part by part, each compared as a number written in digits: without leading zeros, the longer is
// the larger, and equal lengths compare as text. No part is converted to an integer, so no version
// overflows and every build (native, 32-bit wasm) orders them the same.
int compare_versions(std::string_view a, std::string_view b) {
    auto take = [](std::string_view& s) {
        const auto dot = s.find('.');
        auto part = s.substr(0, dot);
        s.remove_prefix(dot == std::string_view::npos ? s.size() : dot + 1);
        while (part.size() > 1 && part.front() == '0') part.remove_prefix(1);
        return part.empty() ? std::string_view("0") : part;
    };
    while (!a.empty() || !b.empty()) {
        const auto x = take(a), y = take(b);
        if (x.size() != y.size()) return x.size() < y.size() ? -1 : 1;
        if (const int c = x.compare(y); c != 0) return c < 0 ? -1 : 1;
    }
    return 0;
}

std::variant<std::shared_ptr<const Ruleset>, Error> Ruleset::load_replacement(std::string_view json_text,
                                                                              const Ruleset& in_force,
                                                                              std::string_view pinned_sha256) {
    auto sha = sha256_hex(json_text);
    if (!pinned_sha256.empty() && sha != pinned_sha256)
        return Error{"ruleset_sha256_mismatch", "",
                     "the ruleset's sha256 is " + sha + ", not the pinned " + std::string(pinned_sha256)};
    auto loaded = load(json_text, sha);
    if (std::holds_alternative<Error>(loaded)) return loaded;
    const auto& candidate = *std::get<std::shared_ptr<const Ruleset>>(loaded);
    if (candidate.id != in_force.id)
        return Error{"ruleset_id_mismatch", "/id",
                     "this is ruleset " + candidate.id + "; the one in force is " + in_force.id};
    const int order = compare_versions(candidate.version, in_force.version);
    if (order < 0)
        return Error{"ruleset_older", "/version",
                     "version " + candidate.version + " is older than " + in_force.version + ", which stays in force"};
    if (order == 0 && candidate.sha256 != in_force.sha256)
        return Error{"ruleset_version_reused", "/version",
                     "version " + candidate.version + " is in force with other contents"};
    // Accepted without a pin, a replacement says so in every answer it gives (ruleset_unpinned):
    // anyone who could hand the page a ruleset could have written it. Only the built-in ruleset's
    // own bytes, or a pinned one's, are unmarked.
    if (pinned_sha256.empty() && (candidate.sha256 != in_force.sha256 || in_force.unpinned))
        std::const_pointer_cast<Ruleset>(std::get<std::shared_ptr<const Ruleset>>(loaded))->unpinned = true;
    return loaded;
}

const Ruleset& Ruleset::builtin() { return *builtin_shared(); }

// The WebAssembly build embeds it packed, so that a page's start parses no JSON (packed.hpp); the
// native build embeds the file. The hash is the file's either way.
const std::shared_ptr<const Ruleset>& Ruleset::builtin_shared() {
    static const std::shared_ptr<const Ruleset> instance = [] {
#if defined(EVEXPORT_PACKED_RULESET)
        auto loaded = load_packed(embedded::ruleset(), std::string(embedded::ruleset_sha256()));
#else
        auto loaded = load(embedded::ruleset(), std::string(embedded::ruleset_sha256()));
#endif
        if (auto* error = std::get_if<Error>(&loaded)) {
            // The build's own data failed its check: a build defect that the tests catch first.
            // fputs, not fprintf: no printf in the WebAssembly download for one message.
            std::fputs(("evexport: built-in ruleset invalid at " + error->field + ": " + error->message + "\n").c_str(),
                       stderr);
            std::abort();
        }
        return std::get<std::shared_ptr<const Ruleset>>(loaded);
    }();
    return instance;
}

// The indexes evaluations look things up in, built once per load (ruleset.cpp reads them).
void Ruleset::index() {
    by_kind_.assign(kRuleKindCount, {});
    for (const auto& rule : rules) by_kind_[std::size_t(rule.kind)].push_back(&rule);
    scope_by_category_.assign(EnumNames<Category>::names.size(), {});
    for (const Rule* rule : of_kind(RuleKind::licence_scope))
        for (std::size_t c = 0; c < scope_by_category_.size(); ++c)
            if (std::any_of(rule->vehicles.begin(), rule->vehicles.end(),
                            [&](const auto& p) { return !p.category || *p.category == Category(c); }))
                scope_by_category_[c].push_back(rule);
    for (const auto& h : hs_codes) {
        hs_index_.add(h.hs, &h);
        if (!h.derive) continue;
        // The first derivable code of a kind is the one derived.
        auto& derived = hs_derive_index_[std::size_t(derive_key(*h.category, h.powertrains.front(), *h.condition))];
        if (!derived) derived = &h;
    }
    hs_index_.sort();
}

}  // namespace evexport
