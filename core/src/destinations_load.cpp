// Reads and checks core/rules/destinations.json (format: docs/RULESET.md, "Destinations"). Every
// key is known, every reference resolves, every figure has its unit: a malformed file is refused
// with the JSON Pointer of its first problem, never half-loaded.
#include <algorithm>
#include <array>
#include <map>

#include "destination.hpp"
#include "evexport/destinations.hpp"
#include "json_reader.hpp"
#include "optimize.hpp"
#include "request_fields.hpp"
#include "sha256.hpp"

namespace evexport {

namespace {

using detail::json;
using detail::pointer_token;

constexpr std::array<std::string_view, 6> kLanguages{"en", "zh", "ru", "es", "pt-BR", "ar"};
constexpr std::array<std::string_view, 10> kChargeKinds{"duty",
                                                        "countervailing_duty",
                                                        "additional_duty",
                                                        "surtax",
                                                        "excise",
                                                        "consumption_tax",
                                                        "purchase_tax",
                                                        "luxury_tax",
                                                        "vat",
                                                        "fee"};

struct Loader {
    detail::Reader in{"invalid_destinations"};
    Destinations& out;
    std::vector<std::string> ids;  // of the items, each once

    // The first problem, at `at` + "/" + `key` (one out-of-line place builds every pointer).
    EVEXPORT_RARELY void bad(const std::string& at, std::string_view key, std::string message) {
        if (!in.ok()) return;
        in.fail(key.empty() ? at : at + "/" + pointer_token(key), std::move(message));
    }

    bool only(const json& object, const std::string& at, std::initializer_list<std::string_view> allowed) {
        if (!object.is_object()) {
            bad(at, "", "must be an object");
            return false;
        }
        for (const auto& item : object.items())
            if (std::find(allowed.begin(), allowed.end(), item.key()) == allowed.end())
                in.fail(at + "/" + pointer_token(item.key()), "is not a known key here");
        return in.ok();
    }

    const json& list(const json& parent, const std::string& at, std::string_view key) {
        static const json empty = json::array();
        auto it = parent.find(key);
        if (it == parent.end()) return empty;
        if (!it->is_array()) bad(at, key, "must be an array");
        return it->is_array() ? *it : empty;
    }

    std::string required(const json& parent, const std::string& at, std::string_view key) {
        auto value = in.string(parent, at, key, 2048);
        if (!value && in.ok()) bad(at, key, "is required");
        return value.value_or("");
    }

    Text text(const json& parent, const std::string& at, std::string_view key, bool needed = true) {
        Text result;
        const json* object = in.object(parent, at, key);
        if (!object) {
            if (needed && in.ok()) bad(at, key, "a text in English at least is required");
            return result;
        }
        for (const auto& [lang, value] : object->items()) {
            const auto where = at + "/" + std::string(key) + "/" + pointer_token(lang);
            if (std::find(kLanguages.begin(), kLanguages.end(), lang) == kLanguages.end())
                bad(where, "", "is not one of the languages en, zh, ru, es, pt-BR, ar");
            else if (!value.is_string() || value.get_ref<const std::string&>().size() > kMaxTextBytes)
                bad(where, "", "must be a string of at most " + std::to_string(kMaxTextBytes) + " bytes");
            else result.by_lang.emplace_back(lang, value.get<std::string>());
        }
        if (!result.has("en")) in.fail(at + "/" + std::string(key) + "/en", "an English text is required");
        return result;
    }

    std::optional<double> number(const json& parent, const std::string& at, std::string_view key) {
        auto it = parent.find(key);
        if (it == parent.end()) return std::nullopt;
        if (!it->is_number() || it->get<double>() < 0 || it->get<double>() > 1e12) {
            bad(at, key, "must be a number from 0 to 10^12");
            return std::nullopt;
        }
        return it->get<double>();
    }

    std::optional<Money> money(const json& parent, const std::string& at, std::string_view key) {
        auto it = parent.find(key);
        if (it == parent.end()) return std::nullopt;
        const auto where = at + "/" + std::string(key);
        if (!only(*it, where, {"amount", "currency"})) return std::nullopt;
        Money m;
        m.amount = number(*it, where, "amount").value_or(-1);
        m.currency = required(*it, where, "currency");
        if (m.amount < 0) bad(where, "amount", "is required");
        if (!(m.currency.size() == 3 && detail::is_country(m.currency.substr(0, 2)) && std::isupper(m.currency[2])))
            bad(where, "currency", "an ISO 4217 currency code, such as USD");
        return m;
    }

    std::vector<const DestinationSource*> sources(const json& parent, const std::string& at, std::string_view key) {
        std::vector<const DestinationSource*> found;
        const auto& ids = list(parent, at, key);
        for (std::size_t i = 0; i < ids.size(); ++i) {
            const auto where = at + "/" + std::string(key) + "/" + std::to_string(i);
            auto it = std::find_if(out.sources.begin(), out.sources.end(),
                                   [&](const auto& s) { return ids[i].is_string() && s->id == ids[i]; });
            if (it == out.sources.end()) bad(where, "", "names no source of the file");
            else found.push_back(it->get());
        }
        return found;
    }

    template <typename E>
    std::optional<E> enumeration(const json& parent, const std::string& at, std::string_view key) {
        return in.enumeration<E>(parent, at, key, request_value_count<E>());
    }

    Conditions when(const json& item, const std::string& at) {
        Conditions c;
        auto it = item.find("when");
        if (it == item.end()) return c;
        const auto w = at + "/when";
        if (!only(*it, w,
                  {"condition", "importer", "drive_side", "groups", "no_group", "makes", "origin_certificate",
                   "model_year_min", "age_over_years", "age_up_to_years", "value_over", "value_up_to", "power_kw_over",
                   "power_kw_up_to"}))
            return c;
        c.condition = enumeration<Condition>(*it, w, "condition");
        c.importer = enumeration<Importer>(*it, w, "importer");
        c.drive_side = enumeration<DriveSide>(*it, w, "drive_side");
        for (const auto& [key, into] : {std::pair{"groups", &c.groups}, std::pair{"makes", &c.makes}}) {
            const auto& names = list(*it, w, key);
            for (std::size_t i = 0; i < names.size(); ++i) {
                const auto where = w + "/" + key + "/" + std::to_string(i);
                if (!names[i].is_string()) bad(where, "", "must be a string");
                else if (std::string(key) == "groups" &&
                         std::none_of(out.groups.begin(), out.groups.end(),
                                      [&](const ProducerGroup& g) { return g.id == names[i]; }))
                    bad(where, "", "names no group of the file");
                else into->push_back(names[i].get<std::string>());
            }
        }
        c.no_group = in.boolean(*it, w, "no_group").value_or(false);
        c.origin_certificate = in.boolean(*it, w, "origin_certificate");
        c.model_year_min = in.integer(*it, w, "model_year_min");
        c.age_over_years = number(*it, w, "age_over_years");
        c.age_up_to_years = number(*it, w, "age_up_to_years");
        c.value_over = money(*it, w, "value_over");
        c.value_up_to = money(*it, w, "value_up_to");
        c.power_kw_over = number(*it, w, "power_kw_over");
        c.power_kw_up_to = number(*it, w, "power_kw_up_to");
        return c;
    }

    void item(MarketItem& m, const json& j, const std::string& at) {
        m.id = required(j, at, "id");
        if (std::find(ids.begin(), ids.end(), m.id) != ids.end()) bad(at, "id", "is used twice");
        ids.push_back(m.id);
        m.series = in.string(j, at, "series", 64).value_or("");
        m.option = in.string(j, at, "option", 64).value_or("");
        m.from = in.date(j, at, "from");
        m.until = in.date(j, at, "until");
        if (m.from && m.until && *m.until < *m.from) bad(at, "until", "ends before it starts");
        m.then_unknown = in.boolean(j, at, "then_unknown").value_or(false);
        if (m.then_unknown && !m.until) bad(at, "then_unknown", "needs an until date");
        auto confirmed = in.boolean(j, at, "confirmed");
        if (!confirmed && in.ok()) bad(at, "confirmed", "is required");
        m.confirmed = confirmed.value_or(false);
        m.when = when(j, at);
        m.sources = sources(j, at, "sources");
        if (m.sources.empty() && in.ok()) bad(at, "sources", "at least one source is required");
        m.text = text(j, at, "text");
        if (j.contains("note")) m.note = text(j, at, "note");
    }

    void entry(Market& market, const json& j, const std::string& at) {
        if (!only(j, at,
                  {"id", "series", "option", "from", "until", "then_unknown", "confirmed", "when", "sources", "text",
                   "note", "effect"}))
            return;
        EntryCondition e;
        item(e, j, at);
        const auto effect = required(j, at, "effect");
        if (effect == "not_allowed") e.effect = EntryEffect::not_allowed;
        else if (effect != "conditional" && in.ok())
            bad(at, "effect", "unknown value \"" + effect + "\"; expected one of: not_allowed, conditional");
        market.entry.push_back(std::move(e));
    }

    void charge(Market& market, const json& j, const std::string& at) {
        if (!only(j, at,
                  {"id", "series", "option", "from", "until", "then_unknown", "confirmed", "when", "sources", "text",
                   "note", "kind", "rate_percent", "amount", "minimum", "above", "base", "conflict"}))
            return;
        Charge c;
        item(c, j, at);
        c.kind = required(j, at, "kind");
        if (in.ok() && std::find(kChargeKinds.begin(), kChargeKinds.end(), c.kind) == kChargeKinds.end())
            bad(at, "kind", "unknown value \"" + c.kind + "\"");
        c.rate_percent = number(j, at, "rate_percent");
        c.amount = money(j, at, "amount");
        if (in.ok() && bool(c.rate_percent) == bool(c.amount))
            bad(at, "", "a charge has either rate_percent or amount");
        c.minimum = money(j, at, "minimum");
        c.above = money(j, at, "above");
        if (in.ok() && c.amount && (c.minimum || c.above)) bad(at, "", "minimum and above go with a rate_percent");
        const auto base = in.string(j, at, "base").value_or("value");
        if (base == "cumulative") c.base = ChargeBase::cumulative;
        else if (base != "value" && in.ok())
            bad(at, "base", "unknown value \"" + base + "\"; expected one of: value, cumulative");
        if (auto it = j.find("conflict"); it != j.end() && only(*it, at + "/conflict", {"rate_percent", "sources"})) {
            c.conflict_rate = number(*it, at + "/conflict", "rate_percent");
            c.conflict_sources = sources(*it, at + "/conflict", "sources");
            if (!c.conflict_rate && in.ok()) in.fail(at + "/conflict/rate_percent", "is required");
        }
        market.charges.push_back(std::move(c));
    }

    void load(const json& root) {
        if (!only(root, "",
                  {"$schema", "schema", "id", "version", "compiled", "dossier", "stale_after_days", "sources", "groups",
                   "markets", "questions", "messages"}))
            return;
        if (required(root, "", "schema") != "evexport-destinations/1" && in.ok())
            bad("", "schema", "this core reads evexport-destinations/1");
        out.id = required(root, "", "id");
        out.version = required(root, "", "version");
        auto compiled = in.date(root, "", "compiled");
        if (!compiled && in.ok()) bad("", "compiled", "is required");
        out.compiled = compiled.value_or(Date{});
        out.stale_after_days = in.integer(root, "", "stale_after_days").value_or(90);
        const auto& sources = list(root, "", "sources");
        for (std::size_t i = 0; i < sources.size() && in.ok(); ++i) {
            const auto at = "/sources/" + std::to_string(i);
            if (!only(sources[i], at, {"id", "title", "url", "date", "grade"})) break;
            auto s = std::make_unique<DestinationSource>();
            s->id = required(sources[i], at, "id");
            s->title = required(sources[i], at, "title");
            s->url = required(sources[i], at, "url");
            s->date = required(sources[i], at, "date");
            s->grade = required(sources[i], at, "grade");
            if (in.ok() && s->grade != "P" && s->grade != "S" && s->grade != "W") bad(at, "grade", "is P, S or W");
            if (in.ok() && s->url.rfind("https://", 0) != 0 && s->url.rfind("http://", 0) != 0)
                bad(at, "url", "must be an http(s) address");
            out.sources.push_back(std::move(s));
        }
        const auto& groups = list(root, "", "groups");
        for (std::size_t i = 0; i < groups.size() && in.ok(); ++i) {
            const auto at = "/groups/" + std::to_string(i);
            if (!only(groups[i], at, {"id", "name", "makes", "wmis"})) break;
            ProducerGroup g;
            g.id = required(groups[i], at, "id");
            g.name = text(groups[i], at, "name");
            for (const auto& [key, into] : {std::pair{"makes", &g.makes}, std::pair{"wmis", &g.wmis}})
                for (const auto& name : list(groups[i], at, key))
                    if (name.is_string()) into->push_back(name.get<std::string>());
                    else in.fail(at + "/" + key, "must be a list of strings");
            out.groups.push_back(std::move(g));
        }
        const auto& markets = list(root, "", "markets");
        std::vector<std::string> countries;  // each in one market only
        auto once = [&](const std::string& country, const std::string& at, std::string_view key) {
            if (std::find(countries.begin(), countries.end(), country) != countries.end())
                bad(at, key, country + " is in two markets");
            countries.push_back(country);
        };
        for (std::size_t i = 0; i < markets.size() && in.ok(); ++i) {
            const auto at = "/markets/" + std::to_string(i);
            const auto& j = markets[i];
            if (!only(j, at, {"country", "members", "name", "currency", "verified", "entry", "charges", "note"})) break;
            Market m;
            m.country = required(j, at, "country");
            if (in.ok() && !detail::is_country(m.country)) bad(at, "country", "an ISO 3166-1 alpha-2 code");
            for (const auto& member : list(j, at, "members"))
                if (member.is_string() && detail::is_country(member.get<std::string>()))
                    m.members.push_back(member.get<std::string>());
                else bad(at, "members", "must be a list of ISO 3166-1 alpha-2 codes");
            for (const auto& country : m.members) once(country, at, "members");
            once(m.country, at, "country");
            m.name = text(j, at, "name");
            m.currency = required(j, at, "currency");
            auto verified = in.date(j, at, "verified");
            if (!verified && in.ok()) bad(at, "verified", "is required");
            m.verified = verified.value_or(Date{});
            const auto& entry = list(j, at, "entry");
            for (std::size_t k = 0; k < entry.size() && in.ok(); ++k)
                this->entry(m, entry[k], at + "/entry/" + std::to_string(k));
            const auto& charges = list(j, at, "charges");
            for (std::size_t k = 0; k < charges.size() && in.ok(); ++k)
                charge(m, charges[k], at + "/charges/" + std::to_string(k));
            out.markets.push_back(std::move(m));
        }
        for (const auto& [key, into] : {std::pair{"questions", &out.questions}, std::pair{"messages", &out.messages}})
            if (const json* map = in.object(root, "", key))
                for (const auto& item : map->items())
                    into->emplace(item.key(), text(*map, std::string("/") + key, item.key()));
        // Every message the answer writes by name, and the question of every fact it may ask for.
        for (std::string_view code : {"destination_not_covered", "destination_stale", "destination_figure_expired",
                                      "destination_source_conflict"})
            if (in.ok() && !out.message(code)) in.fail("/messages/" + std::string(code), "is required");
        for (std::string_view field :
             {"/vehicle/drive_side", "/shipment/importer", "/vehicle/condition", "/vehicle/registration_date",
              "/vehicle/make", "/vehicle/vin", "/shipment/customs_value/amount", "/vehicle/power_kw",
              "/shipment/origin_certificate"})
            if (in.ok() && !out.question(field)) in.fail("/questions/" + pointer_token(field), "is required");
    }

    // A translation pack (docs/TRANSLATIONS.md): texts in one more language, by the path of the text
    // they translate. A pack for another version, or naming a text the data does not have, is refused.
    void translate(const json& pack, std::size_t index) {
        const std::string at = "/translations/" + std::to_string(index);
        if (!only(
                pack, at,
                {"schema", "destinations", "version", "lang", "translated", "translator", "reviewed", "note", "texts"}))
            return;
        if (required(pack, at, "schema") != "evexport-destinations-translation/1")
            bad(at, "schema", "this core reads evexport-destinations-translation/1");
        if (required(pack, at, "destinations") != out.id) bad(at, "destinations", "is not the data's id");
        if (required(pack, at, "version") != out.version) bad(at, "version", "is not the data's version");
        const auto lang = required(pack, at, "lang");
        if (lang == "en" || std::find(kLanguages.begin(), kLanguages.end(), lang) == kLanguages.end())
            bad(at, "lang", "is one of zh, ru, es, pt-BR, ar");
        const json* texts = in.object(pack, at, "texts");
        if (!texts || !in.ok()) return bad(at, "texts", "is required");
        std::map<std::string, Text*, std::less<>> by_path;
        for (auto& m : out.markets) {
            by_path["markets/" + m.country + "/name"] = &m.name;
            auto add = [&](MarketItem& item) {
                by_path["items/" + item.id + "/text"] = &item.text;
                if (item.note.has("en")) by_path["items/" + item.id + "/note"] = &item.note;
            };
            for (auto& e : m.entry) add(e);
            for (auto& c : m.charges) add(c);
        }
        for (auto& g : out.groups) by_path["groups/" + g.id + "/name"] = &g.name;
        for (auto& [field, text] : out.questions) by_path["questions" + field] = &text;
        for (auto& [code, text] : out.messages) by_path["messages/" + code] = &text;
        for (const auto& [path, value] : texts->items()) {
            auto it = by_path.find(path);
            if (it == by_path.end()) return bad(at + "/texts", path, "is not a text of the data");
            if (!value.is_string() || value.get_ref<const std::string&>().size() > kMaxTextBytes)
                return bad(at + "/texts", path,
                           "must be a string of at most " + std::to_string(kMaxTextBytes) + " bytes");
            auto& by_lang = it->second->by_lang;
            by_lang.erase(
                std::remove_if(by_lang.begin(), by_lang.end(), [&](const auto& t) { return t.first == lang; }),
                by_lang.end());
            by_lang.emplace_back(lang, value.get<std::string>());
        }
    }

    // The languages every market's name is in, English first.
    void languages() {
        for (auto lang : kLanguages)
            if (!out.markets.empty() &&
                std::all_of(out.markets.begin(), out.markets.end(), [&](const Market& m) { return m.name.has(lang); }))
                out.languages.emplace_back(lang);
    }
};

}  // namespace

EVEXPORT_RARELY std::variant<std::shared_ptr<const Destinations>, Error> Destinations::load(
    std::string_view text, const std::vector<std::string_view>& translations) {
    std::size_t error_at = 0;
    auto root = detail::parse_json(text, &error_at);
    if (!root) return Error{"invalid_destinations", "", "not JSON (at byte " + std::to_string(error_at) + ")"};
    auto destinations = std::make_shared<Destinations>();
    Loader loader{detail::Reader{"invalid_destinations"}, *destinations, {}};
    loader.load(*root);
    if (!loader.in.ok()) return loader.in.error();
    Loader packs{detail::Reader{"invalid_translation"}, *destinations, {}};
    for (std::size_t i = 0; i < translations.size() && packs.in.ok(); ++i) {
        auto pack = detail::parse_json(translations[i], &error_at);
        if (!pack)
            return Error{"invalid_translation", "/translations/" + std::to_string(i),
                         "not JSON (at byte " + std::to_string(error_at) + ")"};
        packs.translate(*pack, i);
    }
    if (!packs.in.ok()) return packs.in.error();
    loader.languages();
    destinations->sha256 = sha256_hex(text);
    for (const auto& m : destinations->markets) {
        destinations->by_country.emplace(m.country, &m);
        for (const auto& member : m.members) destinations->by_country.emplace(member, &m);
    }
    destinations->evaluate = &detail::evaluate_destination;
    destinations->write = &detail::destination_json;
    return std::shared_ptr<const Destinations>(std::move(destinations));
}

const Market* Destinations::market_for(std::string_view country) const {
    auto it = by_country.find(country);
    return it == by_country.end() ? nullptr : it->second;
}

const Text* Destinations::message(std::string_view code) const {
    auto it = messages.find(code);
    return it == messages.end() ? nullptr : &it->second;
}

const Text* Destinations::question(std::string_view field) const {
    auto it = questions.find(field);
    return it == questions.end() ? nullptr : &it->second;
}

}  // namespace evexport
