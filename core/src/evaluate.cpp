// The decision procedure. Each step names the rule it applies; the rule's dates, parameters,
// sources, documents, customs codes and texts come from the ruleset data (core/rules/), never from
// here. Every text an answer carries is written in the request's language, the details inside
// warnings included: they are messages and labels of the ruleset too.
#include "evexport/evaluate.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

#include "evexport/identifiers.hpp"
#include "evexport/uscc.hpp"
#include "evexport/vin.hpp"
#include "optimize.hpp"
#include "papers.hpp"

namespace evexport {

namespace {

template <typename T, typename V> bool contains(const std::vector<T>& list, const V& value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

bool matches(const VehiclePattern& p, Category category, Powertrain powertrain, Condition condition) {
    return (!p.category || *p.category == category) && (p.powertrains.empty() || contains(p.powertrains, powertrain)) &&
           (!p.condition || *p.condition == condition);
}

int specificity(const VehiclePattern& p) {
    return int(p.category.has_value()) + int(!p.powertrains.empty()) + int(p.condition.has_value());
}

// What the licence-scope rules say of one fully described vehicle on one day.
struct Scope {
    enum class Kind { licence, no_licence, not_covered } kind = Kind::not_covered;
    const Rule* rule = nullptr;  // the deciding rule, or the one not yet in force
    bool in_force = false;

    Regime regime() const { return kind == Kind::licence ? rule->regime : Regime::none; }
    bool same_outcome(const Scope& other) const { return kind == other.kind && regime() == other.regime(); }
};

// `unconfirmed`: whether rules the sources mark unconfirmed are taken (not when asking what the answer
// would be without them).
Scope scope_of(const Ruleset& rules, Category category, Powertrain powertrain, Condition condition,
               const std::optional<std::string>& hs, Date day, bool unconfirmed) {
    const Rule* best = nullptr;
    int best_score = -1;
    const Rule* upcoming = nullptr;
    for (const Rule* rule : rules.scope_rules(category)) {
        if (!unconfirmed && rule->unconfirmed()) continue;
        int score = -1;
        for (const auto& p : rule->vehicles)
            if (matches(p, category, powertrain, condition)) score = std::max(score, specificity(p));
        if (score < 0) continue;
        if (!rule->hs.empty()) {  // a rule naming customs codes applies only to them, and is the most specific
            std::size_t longest = 0;
            for (const auto& prefix : rule->hs)
                if (hs && hs->compare(0, prefix.size(), prefix) == 0) longest = std::max(longest, prefix.size());
            if (longest == 0) continue;
            score = 100 + int(longest);
        }
        if (rule->in_force(day)) {
            if (score > best_score) {
                best = rule;
                best_score = score;
            }
        } else if (rule->from && day < *rule->from && (!upcoming || *rule->from < *upcoming->from)) {
            upcoming = rule;
        }
    }
    if (best) return {best->licence ? Scope::Kind::licence : Scope::Kind::no_licence, best, true};
    if (upcoming)
        return {upcoming->earlier_not_covered ? Scope::Kind::not_covered : Scope::Kind::no_licence, upcoming, false};
    return {};
}

// The evaluation of one request: one copy in the code, which every caller uses (a request; each day of
// a registration period; the answer as it would be without unconfirmed rules). Defined below.
// `registration_day`: one day of a period the request gives for the registration (evaluate_period);
// `explain`: false when only the verdict is wanted (evaluate_verdict).
Result evaluate_once(const Request& request, const Ruleset& rules, const Registry* registry,
                     bool without_unconfirmed = false, std::optional<Date> registration_day = std::nullopt,
                     bool explain = true);

class Evaluation {
public:
    // `without_unconfirmed`: the answer as it would be if no rule the sources mark unconfirmed held.
    // `registration_day`: one day of a period the request gives for the registration date.
    Evaluation(const Request& request, const Ruleset& rules, const Registry* registry, bool without_unconfirmed,
               std::optional<Date> registration_day, bool explain)
        : req_(request),
          rules_(rules),
          registry_(registry),
          without_unconfirmed_(without_unconfirmed),
          explain_(explain),
          registration_date_(registration_day ? registration_day : request.vehicle.registration_date) {
        out_.as_of = *request.as_of;
        out_.lang = request.lang;
        out_.ruleset = &rules;
        // Room for what a typical answer holds, so that it is not reallocated while it grows.
        out_.reasons.reserve(8);
        out_.documents.reserve(8);
        out_.obligations.reserve(4);
        out_.warnings.reserve(4);
    }

    Result run() {
        describe_vehicle();
        // The identifiers' checks only warn, but the papers' checks read the VIN's maker: a verdict
        // alone (verdicts()) skips them unless a paper is given.
        if (explain_ || detail::papers_given(req_.papers)) {
            check_vin();
            check_uscc();
        }
        papers_ = detail::read_papers(req_, out_, registration_date_);
        const auto scope = decide_scope();
        if (scope) {
            if (scope->kind == Scope::Kind::licence) {
                out_.regime = scope->regime();
                if (out_.regime == Regime::used_vehicle) used_vehicle();
                else new_vehicle();
                modified_vehicle(out_.regime);
            }
        }
        fold();
        return std::move(out_);
    }

private:
    const Request& req_;
    const Ruleset& rules_;
    // The WMI and brand tables, read at their first use: an answer that names no VIN or brand (a
    // page's first verdict, say) does not wait for them to be parsed.
    static const Identifiers& ids() { return Identifiers::builtin(); }
    const Registry* registry_;
    Result out_;
    detail::PaperFacts papers_;  // what the seller's papers establish (papers.cpp)
    bool stopped_ = false;
    const bool without_unconfirmed_;
    const bool explain_;                           // the answer's explanation is wanted, not only its verdict
    const std::optional<Date> registration_date_;  // the request's, or the day of its period evaluated
    bool rests_on_unconfirmed_ = false;            // a rule the sources mark unconfirmed applied (not merely mentioned)
    // One that states a reading the answer does not follow (the registration day counted; the
    // transition): it could always change the outcome, as its text says.
    bool rests_on_reading_ = false;

    Date as_of() const { return out_.as_of; }
    std::string date(std::optional<Date> d) const { return d ? format_date(*d) : std::string("—"); }
    // A message or label of the ruleset, filled in, in the answer's language.
    std::string say(std::string_view message, const Params& params = {}) const {
        return fill(rules_.message(message).in(out_.lang), params);
    }
    template <typename E> std::string label(E value) const {
        return rules_.label(std::string(EnumNames<E>::key) + "/" + std::string(name_of(value))).in(out_.lang);
    }

    // A rule that applies: its text among the reasons, its documents and obligations in the answer.
    void reason(const Rule* rule, std::string message = {}, Params params = {}) {
        for (const auto& code : rule->documents) document(code);
        obligations_of(rule);
        out_.reasons.push_back({rule, std::move(message), std::move(params)});
        rests_on_unconfirmed_ = rests_on_unconfirmed_ || rule->unconfirmed();
        rests_on_reading_ = rests_on_reading_ || (rule->unconfirmed() && (rule->kind == RuleKind::used_day_count ||
                                                                          rule->kind == RuleKind::used_transition));
    }
    void obligations_of(const Rule* rule) {
        for (const auto& code : rule->obligations)
            if (const auto* e = rules_.obligation(code); e && !contains(out_.obligations, e))
                out_.obligations.push_back(e);
    }
    // A rule that does not apply on as_of but explains the answer: its text only.
    void mention(const Rule* rule, std::string message) { out_.reasons.push_back({rule, std::move(message), {}}); }
    void stop(const Rule* rule, std::string message, Params params = {}) {
        stopped_ = true;
        reason(rule, std::move(message), std::move(params));
        out_.reasons.back().decides = true;
    }
    void document(std::string_view code) {
        if (const auto* e = rules_.document(code); e && !contains(out_.documents, e)) out_.documents.push_back(e);
    }
    void missing(std::string pointer) {
        if (!contains(out_.missing, pointer)) out_.missing.push_back(std::move(pointer));
    }
    void warn(std::string code, std::string field, Params params = {}, std::vector<int> positions = {}) {
        out_.warnings.push_back({std::move(code), std::move(field), std::move(params), std::move(positions)});
    }
    // A rule holds on as_of when it is in force, unless the answer is worked out without the rules
    // the sources mark unconfirmed.
    bool holds(const Rule* rule) const {
        return rule->in_force(as_of()) && !(without_unconfirmed_ && rule->unconfirmed());
    }
    const Rule* in_force(RuleKind kind) const {
        for (const Rule* rule : rules_.of_kind(kind))
            if (holds(rule)) return rule;
        return nullptr;
    }

    // Category, powertrain and condition from the description, the customs code, or both.
    EVEXPORT_SMALL void describe_vehicle() {
        const auto& v = req_.vehicle;
        auto& facts = out_.vehicle;
        facts.category = v.category;
        facts.powertrain = v.powertrain;
        facts.condition = v.condition;
        if (v.hs_code) {
            facts.hs_code = v.hs_code;
            const HsCode* row = rules_.hs_lookup(*v.hs_code);
            if (!row) {
                warn("not_covered", "/vehicle/hs_code",
                     {{"detail", say("detail_hs_unknown", {{"hs_code", *v.hs_code}})}});
            } else {
                // The legal scope is the goods description (D1: the code is a reference), so the
                // description wins and a disagreeing code is flagged.
                std::string conflict;
                if (row->category && facts.category && *row->category != *facts.category)
                    conflict = say("detail_hs_category", {{"category", label(*row->category)}});
                if (!row->powertrains.empty() && facts.powertrain && !contains(row->powertrains, *facts.powertrain))
                    conflict = say("detail_hs_powertrain", {{"powertrain", label(row->powertrains.front())}});
                if (row->condition && facts.condition && *row->condition != *facts.condition)
                    conflict = say("detail_hs_condition", {{"condition", label(*row->condition)}});
                if (!conflict.empty())
                    warn("hs_code_mismatch", "/vehicle/hs_code", {{"hs_code", *v.hs_code}, {"detail", conflict}});
                if (!facts.category) facts.category = row->category;
                if (!facts.powertrain && row->powertrains.size() == 1) facts.powertrain = row->powertrains.front();
                if (!facts.condition) facts.condition = row->condition;
            }
        }
        // D1 cl.一 covers vehicles *with a VIN*; a "low-speed" EV that has one is in its scope, and
        // declaring it under the no-VIN code would be a misclassification (dossier 1.6, 8.2).
        if (facts.category == Category::low_speed && facts.powertrain == Powertrain::bev && v.vin && !v.vin->empty()) {
            auto code = [&](Category c, Condition d) {
                const HsCode* row = rules_.hs_derive(c, Powertrain::bev, d);
                return row ? row->hs : std::string("—");
            };
            warn("hs_code_mismatch", v.hs_code ? "/vehicle/hs_code" : "/vehicle/category",
                 {{"hs_code",
                   v.hs_code.value_or(code(Category::low_speed, facts.condition.value_or(Condition::new_vehicle)))},
                  {"detail",
                   say("detail_hs_has_vin", {{"new_code", code(Category::passenger_car, Condition::new_vehicle)},
                                             {"used_code", code(Category::passenger_car, Condition::used)}})}});
            facts.category = Category::passenger_car;
        }
        if (!v.hs_code && facts.category && facts.powertrain && facts.condition)
            if (const HsCode* row = rules_.hs_derive(*facts.category, *facts.powertrain, *facts.condition))
                facts.hs_code = row->hs;
    }

    EVEXPORT_SMALL void check_vin() {
        const auto& vin = req_.vehicle.vin;
        if (!vin || vin->empty()) return;
        const auto report = evexport::check_vin(*vin, as_of());
        for (const auto& p : report.problems) {
            std::string detail;
            if (p.code == "vin_check_digit") {
                // Held mandatory for Chinese VINs only, as check_vin holds them (vin.cpp).
                detail = say(chinese_vin(report.vin) ? "detail_check_digit_required" : "detail_check_digit_optional");
            } else {
                detail = identifier_detail(p, report.vin, "vin");
            }
            warn(p.code, "/vehicle/vin", {{"detail", detail}, {"found", p.found}, {"expected", p.expected}},
                 p.positions);
        }
        if (report.wmi.size() == 3) out_.vehicle.wmi = report.wmi;
        if (report.model_year) {
            out_.vehicle.model_year = report.model_year;
            if (*report.model_year > as_of().year() + 1)
                warn("vin_model_year_future", "/vehicle/vin", {{"model_year", std::to_string(*report.model_year)}},
                     {10});
        }
        const bool readable = report.check_digit.has_value();  // 17 characters, each one a VIN uses
        if (!readable) return;
        if (!report.maker) {
            warn("vin_unknown_wmi", "/vehicle/vin", {{"wmi", report.wmi}}, {1, 2, 3});
            return;
        }
        out_.vehicle.manufacturer = report.maker->manufacturer;
        // A WMI of another maker than the make (or, without a make, the authorising brand).
        const auto& auth = req_.exporter.authorization;
        const auto claimed = req_.vehicle.make ? req_.vehicle.make : auth ? auth->brand : std::nullopt;
        if (claimed && !ids().wmi_serves(*report.maker, *claimed))
            warn("vin_make_mismatch", req_.vehicle.make ? "/vehicle/make" : "/exporter/authorization/brand",
                 {{"wmi", report.wmi}, {"manufacturer", report.maker->manufacturer}, {"make", *claimed}}, {1, 2, 3});
    }

    EVEXPORT_SMALL void check_uscc() {
        const auto& code = req_.exporter.uscc;
        if (!code || code->empty()) return;
        const auto report = evexport::check_uscc(*code);
        for (const auto& p : report.problems)
            warn(p.code, "/exporter/uscc",
                 {{"detail", identifier_detail(p, report.code, "uscc")}, {"found", p.found}, {"expected", p.expected}},
                 p.positions);
    }

    // An identifier problem's detail in the answer's language: a wrong length, or each character
    // that the code's alphabet does not use (with the likely slip for a VIN).
    EVEXPORT_RARELY std::string identifier_detail(const IdentifierProblem& p, const std::string& code,
                                                  std::string_view kind) const {
        const std::size_t expected_length = kind == "vin" ? 17 : 18;
        const auto chars = identifier_characters(code);  // counted in characters, never bytes
        if (p.positions.empty() && chars.size() != expected_length)
            return say(std::string("detail_") + std::string(kind) + "_length",
                       {{"count", std::to_string(chars.size())}});
        if (p.code == "uscc_check")
            return say(p.positions == std::vector<int>{17} ? "detail_uscc_organization" : "detail_uscc_final");
        std::string detail;
        for (int position : p.positions) {
            const auto character = chars[std::size_t(position - 1)];
            const bool ascii = character.size() == 1 && static_cast<unsigned char>(character[0]) < 0x80;
            const char c = character[0];
            // A character the code's alphabet uses, flagged all the same: it cannot stand at this position
            // (a VIN's model year, a company code's first eight characters).
            if (ascii && (kind == "vin" ? vin_value(c) >= 0 : uscc_symbol(c))) {
                if (!detail.empty()) detail += "; ";
                detail += say(std::string("detail_") + std::string(kind) + "_structure",
                              {{"position", std::to_string(position)}, {"character", std::string(1, c)}});
                continue;
            }
            const std::string shown = ascii ? std::string(1, c) : say("detail_non_ascii");
            const std::string_view slip = kind == "vin" ? vin_slip(c) : std::string_view();
            Params params{
                {"position", std::to_string(position)}, {"character", shown}, {"suggestion", std::string(slip)}};
            if (!detail.empty()) detail += "; ";
            detail += say(slip.empty() ? std::string("detail_") + std::string(kind) + "_character"
                                       : std::string("detail_vin_slip"),
                          params);
        }
        return detail;
    }

    // Whether a licence is needed. Unknown facts are tried with every value they could take; the
    // ones whose value changes the outcome are asked for.
    EVEXPORT_SMALL std::optional<Scope> decide_scope() {
        const auto& f = out_.vehicle;
        // Each fact's values: the one known, or every one it could take. In arrays, not vectors: this
        // runs for every evaluation, again for each alternative the answer is tried with.
        std::array<Category, request_value_count<Category>()> cats{};
        std::array<Powertrain, request_value_count<Powertrain>()> pts{};
        std::array<Condition, request_value_count<Condition>()> conds{};
        const std::size_t nc = f.category ? 1 : cats.size(), np = f.powertrain ? 1 : pts.size(),
                          nd = f.condition ? 1 : conds.size();
        for (std::size_t i = 0; i < nc; ++i) cats[i] = f.category.value_or(Category(i));
        for (std::size_t i = 0; i < np; ++i) pts[i] = f.powertrain.value_or(Powertrain(i));
        for (std::size_t i = 0; i < nd; ++i) conds[i] = f.condition.value_or(Condition(i));

        std::array<Scope, cats.size() * pts.size() * conds.size()> grid;
        auto at = [&](std::size_t c, std::size_t p, std::size_t d) -> Scope& { return grid[(c * np + p) * nd + d]; };
        for (std::size_t c = 0; c < nc; ++c)
            for (std::size_t p = 0; p < np; ++p)
                for (std::size_t d = 0; d < nd; ++d)
                    at(c, p, d) =
                        scope_of(rules_, cats[c], pts[p], conds[d], f.hs_code, as_of(), !without_unconfirmed_);

        bool uniform = true;
        for (std::size_t i = 0; i < nc * np * nd; ++i) uniform = uniform && grid[i].same_outcome(grid.front());
        if (!uniform) {
            // Ask for a fact when changing it alone changes the answer.
            bool by_cat = false, by_pt = false, by_cond = false;
            for (std::size_t c = 0; c < nc; ++c)
                for (std::size_t p = 0; p < np; ++p)
                    for (std::size_t d = 0; d < nd; ++d) {
                        const auto& s = at(c, p, d);
                        by_cat = by_cat || (c + 1 < nc && !s.same_outcome(at(c + 1, p, d)));
                        by_pt = by_pt || (p + 1 < np && !s.same_outcome(at(c, p + 1, d)));
                        by_cond = by_cond || (d + 1 < nd && !s.same_outcome(at(c, p, d + 1)));
                    }
            if (by_cat) missing("/vehicle/category");
            if (by_pt) missing("/vehicle/powertrain");
            if (by_cond) missing("/vehicle/condition");
            return std::nullopt;
        }

        const Scope& scope = grid.front();
        switch (scope.kind) {
            case Scope::Kind::not_covered: {
                std::string what = f.category ? label(*f.category) : rules_.label("vehicle").in(out_.lang);
                if (f.category && f.powertrain)
                    what = fill(rules_.label("vehicle_described").in(out_.lang),
                                {{"category", what}, {"powertrain", label(*f.powertrain)}});
                if (scope.rule) mention(scope.rule, "before_coverage");
                warn("not_covered", "",
                     {{"detail", say("detail_not_covered", {{"vehicle", what}, {"as_of", format_date(as_of())}})}});
                return std::nullopt;
            }
            case Scope::Kind::no_licence:
                out_.licence_required = false;
                if (scope.in_force) reason(scope.rule);
                else mention(scope.rule, "no_licence_regime");
                return scope;
            case Scope::Kind::licence:
                out_.licence_required = true;
                reason(scope.rule);
                return scope;
        }
        return std::nullopt;
    }

    // ---- Who may export under licence: four decisions, each a function below ----

    // What is known of the exporter as the decisions go: the seller's word, or the portal's list.
    struct Exporter {
        std::optional<Role> role;
        std::optional<bool> listed;
        const RegistryEntry* entry = nullptr;
    };

    // A vehicle under licence: the trade mode may exempt the exporter from the qualification;
    // otherwise the rule in force for its category says who may export it, and the exporter is
    // held to it — on the portal's list if one is loaded, by role and listing, and, for an
    // authorised exporter, by its authorisation.
    void new_vehicle() {
        if (qualification_exemption()) return;
        if (!out_.vehicle.category) return missing("/vehicle/category");
        const Rule* rule = exporter_qualification(*out_.vehicle.category);
        if (!rule) return;
        Exporter who{req_.exporter.role, req_.exporter.listed, nullptr};
        if (!registry_listing(*rule, who)) return;
        if (!exporter_role(*rule, who)) return;
        authorization(*rule, who);
    }

    // 2007年第59号: exporting 汽车 by project contracting, or re-exporting them, needs a licence but
    // not a qualified exporter. True when the exemption decides (or its category is missing).
    EVEXPORT_SMALL bool qualification_exemption() {
        const auto trade_mode = req_.shipment.trade_mode.value_or(TradeMode::general);  // the ordinary case
        for (const Rule* rule : rules_.of_kind(RuleKind::qualification_exemption)) {
            if (!holds(rule) || rule->trade_mode != trade_mode) continue;
            if (!out_.vehicle.category) {  // it decides whether the exemption applies
                missing("/vehicle/category");
                return true;
            }
            if (contains(rule->categories, *out_.vehicle.category)) {
                reason(rule);
                return true;
            }
        }
        return false;
    }

    // 商产发〔2012〕318号 前言、一 (and 商产发〔2006〕629号, 商机电发〔2005〕699号 before it): the
    // rule in force that names the vehicle's category, the latest listed winning.
    const Rule* exporter_qualification(Category category) const {
        const Rule* rule = nullptr;
        for (const Rule* r : rules_.of_kind(RuleKind::exporter_qualification))
            if (holds(r) && contains(r->categories, category)) rule = r;
        return rule;
    }

    // The year's list of qualified enterprises (商产发〔2012〕318号 一), when the portal loaded it:
    // it answers for the seller, who is flagged where it says otherwise. False when it decides.
    EVEXPORT_SMALL bool registry_listing(const Rule& rule, Exporter& who) {
        if (!registry_ || !registry_->covers(as_of().year())) return true;
        const auto& ex = req_.exporter;
        if (!ex.uscc && !ex.name) {
            reason(&rule);
            missing("/exporter/uscc");
            return false;
        }
        const auto match = registry_->find(as_of().year(), ex.uscc, ex.name);
        who.entry = match.entry;
        const Params where{{"year", std::to_string(as_of().year())}, {"source", registry_->source}};
        if (match.name_conflict)  // the code decides; a name borrowed from another entry is flagged
            warn("registry_name_code_conflict", "/exporter/name",
                 {{"name", match.name_conflict->name},
                  {"uscc", match.name_conflict->uscc.empty() ? "—" : match.name_conflict->uscc},
                  {"year", std::to_string(as_of().year())}});
        if (who.listed && *who.listed != (who.entry != nullptr)) warn("registry_mismatch", "/exporter/listed", where);
        who.listed = who.entry != nullptr;
        if (!who.entry) {
            stop(&rule, "registry_not_listed", where);
            return false;
        }
        if (!who.role) who.role = who.entry->role;
        if (*who.role != who.entry->role) {
            auto params = where;
            params.emplace_back("role", label(who.entry->role));
            warn("registry_role_mismatch", "/exporter/role", params);
            who.role = who.entry->role;
        }
        const auto& make = req_.vehicle.make;
        const auto& brands = who.entry->brands;
        if (!brands.empty() && make &&
            std::none_of(brands.begin(), brands.end(), [&](const auto& b) { return ids().same_brand(b, *make); })) {
            const Params params{{"brand", joined(brands)}, {"make", *make}};
            warn("authorization_brand_mismatch", "/vehicle/make", params);
            stop(&rule, "authorization_brand_mismatch", params);
            return false;
        }
        return true;
    }

    // 商产发〔2012〕318号 一: a qualified manufacturer, or an exporter it authorised, on the year's
    // list; a trader or a used-car exporter may not export under this rule. False when it decides.
    EVEXPORT_SMALL bool exporter_role(const Rule& rule, const Exporter& who) {
        if (!who.role) {
            reason(&rule);
            missing("/exporter/role");
            return false;
        }
        switch (*who.role) {
            case Role::trader: stop(&rule, "exporter_trader"); return false;
            case Role::used_car_exporter: stop(&rule, "exporter_used_car_only"); return false;
            case Role::manufacturer:
            case Role::authorized_exporter: break;
        }
        if (who.listed == false) {
            stop(&rule, "exporter_not_listed");
            return false;
        }
        if (!who.listed) missing("/exporter/listed");
        if (*who.role != Role::manufacturer) return true;
        if (!who.listed) reason(&rule);
        else if (who.entry) reason(&rule, "registry_listed", registry_params(who.entry));
        else reason(&rule, "exporter_ok_manufacturer");
        return false;
    }

    // 商产发〔2012〕318号 一 (授权出口经营企业): the manufacturer's authorisation, for this make,
    // valid on as_of; the documents an authorised exporter shows come from the rule's data.
    EVEXPORT_SMALL void authorization(const Rule& rule, const Exporter& who) {
        for (const auto& code : rule.authorization_documents) document(code);
        // The seller's word, or else an authorisation letter that passed its checks.
        const auto& auth = req_.exporter.authorization ? req_.exporter.authorization : papers_.authorization;
        if (!auth) {
            reason(&rule);
            return missing("/exporter/authorization");
        }
        bool known = auth->brand && req_.vehicle.make;
        if (!auth->brand) missing("/exporter/authorization/brand");
        if (!req_.vehicle.make) missing("/vehicle/make");
        if (auth->brand && req_.vehicle.make && !ids().same_brand(*auth->brand, *req_.vehicle.make)) {
            const Params params{{"brand", *auth->brand}, {"make", *req_.vehicle.make}};
            warn("authorization_brand_mismatch", "/exporter/authorization/brand", params);
            return stop(&rule, "authorization_brand_mismatch", params);
        }
        if (!auth->valid_from) {
            known = false;
            missing("/exporter/authorization/valid_from");
        } else if (as_of() < *auth->valid_from) {
            const Params params{{"valid_from", format_date(*auth->valid_from)}};
            warn("authorization_not_yet_valid", "/exporter/authorization/valid_from", params);
            return stop(&rule, "authorization_not_yet_valid", params);
        }
        if (!auth->valid_until) {
            known = false;
            missing("/exporter/authorization/valid_until");
        } else if (*auth->valid_until < as_of()) {
            const Params params{{"valid_until", format_date(*auth->valid_until)}};
            warn("authorization_expired", "/exporter/authorization/valid_until", params);
            return stop(&rule, "authorization_expired", params);
        }
        if (!known || !who.listed) return reason(&rule);
        if (who.entry) return reason(&rule, "registry_listed", registry_params(who.entry));
        reason(&rule, "exporter_ok_authorized",
               {{"brand", *auth->brand},
                {"valid_from", date(auth->valid_from)},
                {"valid_until", date(auth->valid_until)}});
    }

    EVEXPORT_RARELY Params registry_params(const RegistryEntry* entry) const {
        const std::string brands = joined(entry->brands);
        return {{"year", std::to_string(entry->year)},
                {"name", entry->name},
                {"role", label(entry->role)},
                {"manufacturer", entry->manufacturer.empty() ? entry->name : entry->manufacturer},
                {"brands", brands.empty() ? "—" : brands},
                {"source", registry_ ? registry_->source : ""}};
    }

    // ---- The used-vehicle regime: the rule of each kind in force on as_of, in the procedure's order ----

    void used_vehicle() {
        if (const Rule* rule = in_force(RuleKind::used_exporter)) used_exporter(*rule);
        if (const Rule* rule = in_force(RuleKind::used_registered_owner)) used_registered_owner(*rule);
        if (const Rule* rule = in_force(RuleKind::used_prohibited)) used_prohibited(*rule);
        if (const Rule* rule = in_force(RuleKind::used_quality_report)) used_quality_report(*rule);
        if (const Rule* rule = in_force(RuleKind::used_recent_registration)) used_recent_registration(*rule);
        if (const Rule* rule = in_force(RuleKind::used_licence_data)) reason(rule);  // 商贸函〔2025〕648号 一(二)
    }

    // 商务部等5部门公告2024年第6号 (商贸函〔2019〕165号 before it): an approved used-car exporter, or a
    // manufacturer for its own products only.
    EVEXPORT_SMALL void used_exporter(const Rule& rule) {
        const auto& ex = req_.exporter;
        if (!ex.role) {
            reason(&rule);
            return missing("/exporter/role");
        }
        if (!contains(rule.roles, *ex.role)) return stop(&rule, "exporter_not_used_car", {{"role", label(*ex.role)}});
        const bool own_only = contains(rule.own_products_only, *ex.role);
        if (own_only && ex.own_make == false) return stop(&rule, "exporter_not_own_make");
        reason(&rule);
        if (own_only && !ex.own_make) missing("/exporter/own_make");
    }

    // 2024年第6号 办理流程: the exporter holds the vehicle's registration in its own name.
    EVEXPORT_SMALL void used_registered_owner(const Rule& rule) {
        const auto owner = req_.exporter.registered_owner ? req_.exporter.registered_owner : papers_.registered_owner;
        if (owner == false) stop(&rule, "exporter_not_owner");
        else reason(&rule);
        if (!owner) missing("/exporter/registered_owner");
    }

    // 2024年第6号 禁止出口情形 (一)(三): used when given, never asked (the list is only partly read).
    EVEXPORT_SMALL void used_prohibited(const Rule& rule) {
        if (req_.vehicle.scrappage_due == true || req_.vehicle.seized == true) stop(&rule, "used_prohibited");
        else obligations_of(&rule);
    }

    // 商贸发〔2024〕25号 二: the vehicle's condition inspected and reported before export.
    EVEXPORT_SMALL void used_quality_report(const Rule& rule) {
        const auto report = req_.evidence.quality_report;
        if (report == false) stop(&rule, "no_quality_report");
        else reason(&rule);
        if (!report) missing("/evidence/quality_report");
    }

    // 商贸函〔2025〕648号 二: a modified vehicle (改装车) needs proof of the modification, the MIIT
    // announcement entry and CCC. Each regime has its own rule (the new-vehicle one is an inference).
    EVEXPORT_SMALL void modified_vehicle(Regime regime) {
        if (req_.vehicle.modified != true) return;
        const auto& ev = req_.evidence;
        for (const Rule* rule : rules_.of_kind(RuleKind::modified_vehicle)) {
            if (!holds(rule) || rule->regime != regime) continue;
            if (ev.ccc == false || ev.miit_catalogue == false) stop(rule, "modified_not_compliant");
            else reason(rule);
            if (!ev.ccc) missing("/evidence/ccc");
            if (!ev.miit_catalogue) missing("/evidence/miit_catalogue");
        }
    }

    // 商贸函〔2025〕648号 一(一), counted as the guidelines of 2025-12-11 (一) count: from the
    // registration date to the licence application date, day max_days included.
    EVEXPORT_SMALL void used_recent_registration(const Rule& rule) {
        const auto& registered = registration_date_ ? registration_date_ : papers_.registration_date;
        const std::string max_days = std::to_string(rule.max_days);
        if (!registered) {
            reason(&rule, {}, {{"max_days", max_days}});
            return missing("/vehicle/registration_date");
        }
        // Without the application date, the declaration stands in for it: the application comes
        // first, so a declaration within max_days settles the count, and one after it does not.
        const auto& applied = req_.shipment.licence_application_date;
        const Date counted_to = applied.value_or(as_of());
        const int days = days_between(*registered, counted_to);
        const auto confirmation = confirmation_shown();
        if (days > rule.max_days) {
            if (!applied) {
                if (confirmation != true) {
                    reason(&rule, {}, {{"max_days", max_days}});
                    missing("/shipment/licence_application_date");
                }
                return;
            }
            // Only one day past the limit does it matter whether the registration day counts.
            if (days == rule.max_days + 1)
                if (const Rule* count = in_force(RuleKind::used_day_count))
                    reason(
                        count, {},
                        {{"days", std::to_string(days)}, {"max_days", max_days}, {"applied", format_date(*applied)}});
            return;
        }
        // Within the limit: the texts' parameters are written only now (the usual case needs none).
        const Params params{{"days", std::to_string(days)},
                            {"max_days", max_days},
                            {"registered", format_date(*registered)},
                            {"counted_to", say(applied ? "count_to_application" : "count_to_declaration",
                                               {{"date", format_date(counted_to)}})}};
        warn("recently_registered", "/vehicle/registration_date", params);
        if (const Rule* transition = in_force(RuleKind::used_transition);
            transition && transition->transferred_before && *registered < *transition->transferred_before)
            reason(transition, {}, {{"transferred_before", format_date(*transition->transferred_before)}});
        if (papers_.confirmation == false) {
            reason(&rule, {}, params);
            return confirmation_refused(rule, max_days);
        }
        if (confirmation == false) stop(&rule, "no_aftersales_confirmation", params);
        else reason(&rule, {}, params);
        if (confirmation) return;
        if (!papers_.confirmation) return missing("/evidence/aftersales_confirmation");
        for (const auto& pointer : papers_.confirmation_unread) missing(pointer);  // read off the paper
    }

    // The confirmation as the request shows it: the paper when one is given (it counts once every
    // check the guidelines of 2025-12-11 (二) allow a tool has passed), else the seller's word.
    std::optional<bool> confirmation_shown() const {
        if (!papers_.confirmation) return req_.evidence.aftersales_confirmation;
        if (!*papers_.confirmation) return false;
        if (!papers_.confirmation_unread.empty()) return std::nullopt;
        return true;
    }

    // The guidelines of 2025-12-11 (二): the confirmation shown does not count, and says why.
    EVEXPORT_RARELY void confirmation_refused(const Rule& rule_180, const std::string& max_days) {
        std::string problems;
        for (const auto& code : papers_.confirmation_problems)
            problems.append(problems.empty() ? "" : "; ").append(rules_.label("problem/" + code).in(out_.lang));
        if (const Rule* rule = in_force(RuleKind::used_confirmation))
            stop(rule, {}, {{"problems", problems}, {"max_days", max_days}});
        else stop(&rule_180, "no_aftersales_confirmation");
    }

    // The outcome is the verdict and, for an export that may go ahead or is not yet decided, what it
    // takes: documents, obligations and questions. An export stopped by a confirmed rule stays stopped.
    // A reading the answer does not follow could always change it, and its own text says how: then
    // the answer is not worked out again (a batch of recently registered used cars would pay twice).
    EVEXPORT_RARELY void unconfirmed_warning() {
        if (rests_on_reading_) return warn("rule_unconfirmed", "", {{"how", ""}});
        const Result without = evaluate_once(req_, rules_, registry_, true, registration_date_);
        if (without.verdict != out_.verdict) {
            warn("rule_unconfirmed", "", {{"how", say("unconfirmed_without", {{"other", label(without.verdict)}})}});
        } else if (out_.verdict != Verdict::not_permitted &&
                   (without.documents != out_.documents || without.obligations != out_.obligations ||
                    without.missing != out_.missing)) {
            warn("rule_unconfirmed", "", {{"how", say("unconfirmed_conditions")}});
        }
    }

    // What changed since the version the reader saw (the change log is newest first).
    EVEXPORT_SMALL void changes_since() {
        if (!req_.rules_seen) return;
        auto& since = out_.changes_since.emplace();
        for (const auto& change : rules_.changes)
            if (compare_versions(change.version, *req_.rules_seen) > 0) since.push_back(&change);
    }

    EVEXPORT_SMALL void fold() {
        changes_since();
        if (stopped_) out_.verdict = Verdict::not_permitted;
        else if (!out_.missing.empty() || !out_.licence_required.has_value()) out_.verdict = Verdict::undetermined;
        else if (*out_.licence_required) out_.verdict = Verdict::conditional;
        else out_.verdict = Verdict::permitted;

        // The reasons carry each rule's id and confidence; the warning points at them in words, only
        // when they could change this outcome (issue 16): a reading the answer does not follow always
        // could; other unconfirmed rules when, without them, the verdict would differ, which it says.
        if (rests_on_unconfirmed_ && !without_unconfirmed_ && explain_) unconfirmed_warning();
        if (rules_.unpinned) warn("ruleset_unpinned", "", {{"version", rules_.version}, {"sha256", rules_.sha256}});
    }
};

}  // namespace

// Out of line, so that the evaluation's Result does not carry their code (result.hpp).
DestinationAnswer::DestinationAnswer() = default;
DestinationAnswer::DestinationAnswer(DestinationAnswer&&) noexcept = default;
DestinationAnswer& DestinationAnswer::operator=(DestinationAnswer&&) noexcept = default;
DestinationAnswer::~DestinationAnswer() = default;

namespace {

EVEXPORT_ONCE_IN_CODE Result evaluate_once(const Request& request, const Ruleset& rules, const Registry* registry,
                                           bool without_unconfirmed, std::optional<Date> registration_day,
                                           bool explain) {
    return Evaluation(request, rules, registry, without_unconfirmed, registration_day, explain).run();
}

// Whether two days' answers are the same answer: the same verdict, rules, questions, warnings,
// documents and obligations (their figures, such as a day count, may differ).
bool same_answer(const Result& a, const Result& b) {
    auto same_reasons = [&] {
        return std::equal(a.reasons.begin(), a.reasons.end(), b.reasons.begin(), b.reasons.end(),
                          [](const Reason& x, const Reason& y) {
                              return x.rule == y.rule && x.message == y.message && x.decides == y.decides;
                          });
    };
    auto same_warnings = [&] {
        return std::equal(a.warnings.begin(), a.warnings.end(), b.warnings.begin(), b.warnings.end(),
                          [](const Warning& x, const Warning& y) { return x.code == y.code && x.field == y.field; });
    };
    return a.verdict == b.verdict && a.licence_required == b.licence_required && a.missing == b.missing &&
           a.documents == b.documents && a.obligations == b.obligations && same_reasons() && same_warnings();
}

// A registration date known only as a month or a year (issue 16): every day of it is evaluated.
// - All days give the same answer: that is the answer, its figures worked out for the first day, and
//   a warning says so.
// - The verdict depends on the day: the answer is undetermined and asks for the day first, saying
//   from which day the verdict changes and to what.
// - Every day has the same verdict but not the same rules or questions: the verdict stands, with
//   what some day needs (documents, obligations, questions) and what every day has (reasons, warnings).
EVEXPORT_RARELY Result evaluate_period(const Request& request, const Ruleset& rules, const Registry* registry,
                                       bool explain) {
    // The registration certificate's own date, within the period given, is the day.
    if (const auto& on_paper = request.papers.registration_certificate.registration_date;
        on_paper && *request.vehicle.registration_date <= *on_paper &&
        *on_paper <= *request.vehicle.registration_last) {
        return evaluate_once(request, rules, registry, false, on_paper, explain);
    }
    Result answer = evaluate_once(request, rules, registry, false, std::nullopt, explain);
    const Date first = *request.vehicle.registration_date, last = *request.vehicle.registration_last;
    std::optional<Date> changes, verdict_changes;  // the first day whose answer, whose verdict, differs
    Verdict other = answer.verdict;
    bool licence_differs = false;
    // Which of the first day's reasons and warnings every day has (an answer has fewer than 64).
    std::uint64_t reasons_kept = ~std::uint64_t{0}, warnings_kept = ~std::uint64_t{0};
    for (Date d{first.days + std::chrono::days{1}}; d <= last; d.days += std::chrono::days{1}) {
        const Result r = evaluate_once(request, rules, registry, false, d, explain);
        if (same_answer(answer, r)) continue;
        if (!changes) changes = d;
        if (!verdict_changes && r.verdict != answer.verdict) {
            verdict_changes = d;
            other = r.verdict;
        }
        licence_differs = licence_differs || r.licence_required != answer.licence_required;
        for (std::size_t i = 0; i < answer.reasons.size() && i < 64; ++i)
            if (std::none_of(r.reasons.begin(), r.reasons.end(),
                             [&](const Reason& y) { return y.rule == answer.reasons[i].rule; }))
                reasons_kept &= ~(std::uint64_t{1} << i);
        for (std::size_t i = 0; i < answer.warnings.size() && i < 64; ++i)
            if (std::none_of(r.warnings.begin(), r.warnings.end(),
                             [&](const Warning& y) { return y.code == answer.warnings[i].code; }))
                warnings_kept &= ~(std::uint64_t{1} << i);
        // Documents, obligations and questions any day has.
        for (const auto* e : r.documents)
            if (!contains(answer.documents, e)) answer.documents.push_back(e);
        for (const auto* e : r.obligations)
            if (!contains(answer.obligations, e)) answer.obligations.push_back(e);
        for (const auto& field : r.missing)
            if (!contains(answer.missing, field)) answer.missing.push_back(field);
    }
    Params params{
        {"given", request.vehicle.registration_given}, {"first", format_date(first)}, {"last", format_date(last)}};
    if (!changes) {
        answer.warnings.push_back({"registration_period", "/vehicle/registration_date", std::move(params), {}});
        return answer;
    }
    // Reasons every day has; the first day's deciding reason stays with its verdict when that holds
    // every day, and goes when the verdict depends on the day (nothing decides an undetermined answer).
    std::vector<Reason> reasons;
    for (std::size_t i = 0; i < answer.reasons.size(); ++i)
        if (i >= 64 || (reasons_kept >> i & 1) || (answer.reasons[i].decides && !verdict_changes))
            reasons.push_back(std::move(answer.reasons[i]));
    answer.reasons = std::move(reasons);
    std::vector<Warning> warnings;
    for (std::size_t i = 0; i < answer.warnings.size(); ++i)
        if (i >= 64 || (warnings_kept >> i & 1)) warnings.push_back(std::move(answer.warnings[i]));
    answer.warnings = std::move(warnings);
    auto verdict_words = [&](Verdict v) {
        return rules.label(std::string("verdict/").append(name_of(v))).in(answer.lang);
    };
    const Date split = verdict_changes ? *verdict_changes : *changes;
    params.push_back({"until", format_date(Date{split.days - std::chrono::days{1}})});
    params.push_back({"changes", format_date(split)});
    params.push_back({"answer", verdict_words(answer.verdict)});
    params.push_back({"other", verdict_words(other)});
    if (verdict_changes) {
        answer.verdict = Verdict::undetermined;
        if (licence_differs) answer.licence_required.reset();
        for (auto& reason : answer.reasons) reason.decides = false;
    }
    // The day is asked when it could settle the verdict.
    if (answer.verdict == Verdict::undetermined)
        answer.missing.insert(answer.missing.begin(), "/vehicle/registration_date");
    answer.warnings.push_back({verdict_changes ? "registration_day_needed" : "registration_day_matters",
                               "/vehicle/registration_date",
                               std::move(params),
                               {}});
    return answer;
}

// China's answer: of the request's registration day, or of every day of the period it gives.
Result export_answer(const Request& request, const Ruleset& rules, const Registry* registry, bool explain) {
    return request.vehicle.registration_last ? evaluate_period(request, rules, registry, explain)
                                             : evaluate_once(request, rules, registry, false, std::nullopt, explain);
}

}  // namespace

EVEXPORT_ONCE_IN_CODE Result evaluate(const Request& request, const Ruleset& ruleset, const Registry* registry,
                                      const Destinations* destinations) {
    Result result = export_answer(request, ruleset, registry, true);
    if (destinations && request.shipment.destination)
        result.destination = destinations->evaluate(request, result.vehicle, result.as_of, *destinations);
    return result;
}

Verdict evaluate_verdict(const Request& request, const Ruleset& ruleset, const Registry* registry) {
    return export_answer(request, ruleset, registry, false).verdict;
}

EVEXPORT_RARELY const std::vector<std::string_view>& evaluator_messages() {
    static const std::vector<std::string_view> keys{"no_licence_regime",
                                                    "before_coverage",
                                                    "exporter_ok_manufacturer",
                                                    "exporter_ok_authorized",
                                                    "exporter_not_listed",
                                                    "exporter_trader",
                                                    "exporter_used_car_only",
                                                    "exporter_not_used_car",
                                                    "exporter_not_own_make",
                                                    "exporter_not_owner",
                                                    "used_prohibited",
                                                    "no_quality_report",
                                                    "no_aftersales_confirmation",
                                                    "registry_listed",
                                                    "registry_not_listed",
                                                    "modified_not_compliant",
                                                    "vin_invalid",
                                                    "vin_check_digit",
                                                    "vin_make_mismatch",
                                                    "vin_unknown_wmi",
                                                    "vin_model_year_future",
                                                    "uscc_invalid",
                                                    "uscc_check",
                                                    "authorization_expired",
                                                    "authorization_not_yet_valid",
                                                    "authorization_brand_mismatch",
                                                    "recently_registered",
                                                    "hs_code_mismatch",
                                                    "rule_unconfirmed",
                                                    "unconfirmed_without",
                                                    "unconfirmed_conditions",
                                                    "registration_period",
                                                    "registration_day_needed",
                                                    "registration_day_matters",
                                                    "registry_mismatch",
                                                    "registry_role_mismatch",
                                                    "registry_name_code_conflict",
                                                    "ruleset_unpinned",
                                                    "not_covered",
                                                    "detail_not_covered",
                                                    "detail_hs_unknown",
                                                    "detail_hs_category",
                                                    "detail_hs_powertrain",
                                                    "detail_hs_condition",
                                                    "detail_hs_has_vin",
                                                    "detail_vin_length",
                                                    "detail_vin_character",
                                                    "detail_vin_slip",
                                                    "detail_uscc_length",
                                                    "detail_uscc_character",
                                                    "detail_uscc_organization",
                                                    "detail_uscc_final",
                                                    "detail_vin_structure",
                                                    "detail_uscc_structure",
                                                    "detail_non_ascii",
                                                    "detail_check_digit_required",
                                                    "detail_check_digit_optional",
                                                    "count_to_application",
                                                    "count_to_declaration",
                                                    "paper_name_mismatch",
                                                    "paper_name_other_script",
                                                    "paper_personal_account",
                                                    "paper_issuer_not_manufacturer",
                                                    "paper_vin_not_listed",
                                                    "paper_destination_not_listed",
                                                    "paper_no_outlet",
                                                    "paper_not_sealed",
                                                    "paper_all_brands",
                                                    "paper_brand_not_listed",
                                                    "paper_category_not_listed",
                                                    "paper_date_mismatch",
                                                    "detail_paper_window",
                                                    "detail_paper_registration",
                                                    "detail_paper_transfer",
                                                    "detail_issuer_sales",
                                                    "detail_issuer_other_maker"};
    return keys;
}

EVEXPORT_RARELY const std::vector<std::string_view>& evaluator_questions() {
    // Every field missing() names: a sub-field without its own question takes its parent's.
    static const std::vector<std::string_view> pointers{"/vehicle/category",
                                                        "/vehicle/powertrain",
                                                        "/vehicle/condition",
                                                        "/vehicle/make",
                                                        "/vehicle/registration_date",
                                                        "/exporter/uscc",
                                                        "/exporter/role",
                                                        "/exporter/listed",
                                                        "/exporter/authorization/brand",
                                                        "/exporter/authorization/valid_from",
                                                        "/exporter/authorization/valid_until",
                                                        "/exporter/registered_owner",
                                                        "/exporter/own_make",
                                                        "/shipment/licence_application_date",
                                                        "/evidence/aftersales_confirmation",
                                                        "/evidence/quality_report",
                                                        "/evidence/ccc",
                                                        "/evidence/miit_catalogue",
                                                        "/vehicle/vin",
                                                        "/shipment/destination",
                                                        "/papers/aftersales_confirmation/issuer",
                                                        "/papers/aftersales_confirmation/vins",
                                                        "/papers/aftersales_confirmation/destinations",
                                                        "/papers/aftersales_confirmation/outlets",
                                                        "/papers/aftersales_confirmation/sealed"};
    return pointers;
}

EVEXPORT_RARELY const std::vector<std::string_view>& evaluator_labels() {
    static const std::vector<std::string_view> keys = [] {
        static std::vector<std::string> names{"vehicle",
                                              "vehicle_described",
                                              "paper/exporter",
                                              "problem/paper_issuer_not_manufacturer",
                                              "problem/paper_vin_not_listed",
                                              "problem/paper_destination_not_listed",
                                              "problem/paper_no_outlet",
                                              "problem/paper_not_sealed"};
        auto add = [](auto tag) {
            using E = decltype(tag);
            for (auto value : EnumNames<E>::names)
                names.push_back(std::string(EnumNames<E>::key) + "/" + std::string(value));
        };
        add(Category{});
        add(Powertrain{});
        add(Condition{});
        add(Role{});
        add(Paper{});
        add(Verdict{});  // a batch row's message (render.cpp)
        return std::vector<std::string_view>(names.begin(), names.end());
    }();
    return keys;
}

}  // namespace evexport
