// The rules as data: loaded once from JSON (the built-in file or a newer one a portal supplies),
// checked, and indexed so that an evaluation never parses or searches text.
#pragma once

#include <array>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "evexport/date.hpp"
#include "evexport/enums.hpp"
#include "evexport/error.hpp"
#include "evexport/name_index.hpp"
#include "evexport/text.hpp"

namespace evexport {

namespace detail {
struct RenderCache;  // what answers repeat verbatim, per language (core/src/render.hpp)
}

struct Source {
    std::string id, title, title_en, number, issued, effective, url, grade, note;
    Text translated_title;  // the title in English (title_en) and each translation's language
};

// Which vehicles a rule speaks of; an empty field matches any value.
struct VehiclePattern {
    std::optional<Category> category;
    std::vector<Powertrain> powertrains;
    std::optional<Condition> condition;
};

enum class RuleKind {
    licence_scope,            // whether a licence is needed, by vehicle and date
    exporter_qualification,   // who may export under licence (商产发〔2012〕318号 and before)
    qualification_exemption,  // trade modes that need a licence but not a qualified exporter
    used_exporter,            // who may export used vehicles
    used_registered_owner,
    used_quality_report,
    used_prohibited,           // situations in which a used vehicle may not be exported
    used_recent_registration,  // the 180-day rule
    used_day_count,            // whether the registration day itself counts (unconfirmed)
    used_transition,           // vehicles transferred for export before the 180-day rule began
    used_licence_data,
    modified_vehicle,
    used_confirmation,  // the after-sales confirmation shown does not meet the guidelines of 2025-12-11 (二)
};
inline constexpr std::size_t kRuleKindCount = std::size_t(RuleKind::used_confirmation) + 1;

struct Rule {
    std::string id;
    RuleKind kind{};
    std::optional<Date> from, until;  // in force from `from` to `until`, both days included
    Text note;                        // why the dates are what they are, when they need saying
    const Source* source = nullptr;
    std::string clause, dossier;
    Confidence confidence = Confidence::confirmed;
    Text text;
    std::vector<std::string> documents, obligations;

    // licence_scope
    bool licence = false;
    Regime regime = Regime::none;
    std::vector<std::string> hs;  // customs-code prefixes; a rule naming codes is more specific
    std::vector<VehiclePattern> vehicles;
    bool earlier_not_covered = false;  // before `from` the ruleset has no answer (not "no licence")
    // exporter_qualification and qualification_exemption: the vehicles they speak of
    std::vector<Category> categories;
    // exporter_qualification: what an authorised exporter (not the manufacturer) shows
    std::vector<std::string> authorization_documents;
    // qualification_exemption
    std::optional<TradeMode> trade_mode;
    // used_exporter: who may export used vehicles, and which of them only their own make
    std::vector<Role> roles, own_products_only;
    // used_recent_registration
    int max_days = 0;
    // used_transition
    std::optional<Date> transferred_before;

    bool in_force(Date day) const { return (!from || *from <= day) && (!until || day <= *until); }
    bool unconfirmed() const { return confidence == Confidence::unconfirmed; }
};

// A customs code (or prefix) and the vehicles it describes.
struct HsCode {
    std::string hs;
    std::optional<Category> category;
    std::vector<Powertrain> powertrains;
    std::optional<Condition> condition;
    bool derive = false;  // the code is fully determined by category, powertrain and condition
};

// A document to ask for or an obligation that comes with an outcome.
struct Entry {
    std::string code;
    const Source* source = nullptr;
    std::string clause, dossier;
    Text text;
};

// One of the seller's papers (enum Paper, in its order): its name as a heading, and where its claims
// can be checked for real. A check no tool can do (a seal, a signature) is the buyer's own step.
struct PaperEntry {
    std::string code;
    Text label;
    struct Verify {
        std::string how;  // lookup (a register or the issuer answers) | own_step
        std::string url, source;
        Text text;
    };
    std::vector<Verify> verify;
};

// What one version of the ruleset changed, and why (the change log people who relied on older
// answers read).
struct Change {
    std::string version, date;
    const Source* source = nullptr;
    struct Item {
        std::vector<std::string> rules;
        Text text;
    };
    std::vector<Item> items;
};

// Compares dotted numeric versions ("2026.11.28" < "2026.12.1"): negative, zero or positive.
int compare_versions(std::string_view a, std::string_view b);

class Ruleset {
public:
    // Parses and checks a ruleset; every reference (source, document, obligation) must resolve.
    static std::variant<std::shared_ptr<const Ruleset>, Error> load(std::string_view json_text);
    // The same, for bytes whose SHA-256 is already known (the built-in file, hashed by the build).
    static std::variant<std::shared_ptr<const Ruleset>, Error> load(std::string_view json_text, std::string sha256);
    // The same from its packed form (core/src/packed.hpp: the built-in ruleset as the WebAssembly
    // build embeds it, written by this build's tool; not a form to keep or exchange).
    static std::variant<std::shared_ptr<const Ruleset>, Error> load_packed(std::string_view packed, std::string sha256);
    // A ruleset to replace the one in force. Refused — and the one in force stays — when it is
    // malformed (invalid_ruleset), when its SHA-256 is not the pinned one (ruleset_sha256_mismatch),
    // when it is another ruleset (ruleset_id_mismatch), when it is older than the one in force
    // (ruleset_older), or when it reuses the version of the one in force with other contents
    // (ruleset_version_reused). Accepted without a pin, it is marked `unpinned`.
    static std::variant<std::shared_ptr<const Ruleset>, Error> load_replacement(std::string_view json_text,
                                                                                const Ruleset& in_force,
                                                                                std::string_view pinned_sha256 = {});
    // The ruleset compiled into the library, in English and Chinese.
    static const Ruleset& builtin();
    static const std::shared_ptr<const Ruleset>& builtin_shared();
    // This ruleset with translations added, one per language (core/rules/translations/, schema in
    // docs/TRANSLATIONS.md). Refused (invalid_translation, pointing into the pack) when a pack is for
    // another ruleset or version, lacks a text or has one the ruleset does not, or changes a text's
    // {placeholders}, or is for a language the ruleset has already; this ruleset is unchanged.
    std::variant<std::shared_ptr<const Ruleset>, Error> with_translations(
        const std::vector<std::string_view>& packs) const;

    std::string id, version, sha256, compiled;
    bool unpinned = false;  // a replacement accepted without a pinned hash: every answer says so
    Text title;
    std::vector<std::unique_ptr<Source>> sources;
    std::vector<Rule> rules;
    std::vector<HsCode> hs_codes;
    std::vector<Entry> documents, obligations;
    std::map<std::string, Text, std::less<>> questions;  // by JSON Pointer
    std::map<std::string, Text, std::less<>> messages;
    std::map<std::string, Text, std::less<>> labels;          // enum values and nouns used inside messages
    std::vector<PaperEntry> papers;                           // by enum Paper
    std::vector<Change> changes;                              // newest first
    std::vector<std::string> languages;                       // of the texts: "en", "zh", then each translation's
    std::shared_ptr<const detail::RenderCache> render_cache;  // built with it, for its answers

    const std::vector<const Rule*>& of_kind(RuleKind kind) const { return by_kind_[static_cast<std::size_t>(kind)]; }
    // The licence-scope rules that can speak of a category (theirs, or any).
    const std::vector<const Rule*>& scope_rules(Category category) const {
        return scope_by_category_[static_cast<std::size_t>(category)];
    }
    const Entry* document(std::string_view code) const;
    const Entry* obligation(std::string_view code) const;
    const Text& message(std::string_view key) const;
    const Text& label(std::string_view key) const;
    const Text* question(std::string_view pointer) const;
    // The longest prefix of `code` in the customs-code table.
    const HsCode* hs_lookup(std::string_view code) const;
    const HsCode* hs_derive(Category, Powertrain, Condition) const;

private:
    // A ruleset's bytes: its JSON file, or the packed form the WebAssembly build embeds (packed.hpp).
    enum class Form { json, packed };
    static std::variant<std::shared_ptr<const Ruleset>, Error> load_translated(std::string_view text, Form form,
                                                                               std::string sha256,
                                                                               std::vector<std::string> packs,
                                                                               bool unpinned = false);
    std::string text_;  // what it was loaded from, for with_translations
    Form form_ = Form::json;
    std::vector<std::string> packs_;  // the translations applied to it
    void index();
    static constexpr int derive_key(Category c, Powertrain p, Condition d) {
        return (int(c) * 8 + int(p)) * 2 + int(d);
    }
    // Indexes built at load, so that an evaluation's lookups do not grow with the tables.
    std::vector<std::vector<const Rule*>> by_kind_, scope_by_category_;
    NameIndex<HsCode> hs_index_;
    std::array<const HsCode*, EnumNames<Category>::names.size() * 16> hs_derive_index_{};  // by derive_key
};

}  // namespace evexport
