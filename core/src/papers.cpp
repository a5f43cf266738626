// The seller's papers (papers.hpp). What each check rests on:
// - the after-sales confirmation: MOFCOM's guidelines of 2025-12-11 (二): issued by the vehicle's
//   manufacturer (never its sales company, overseas sales department or dealer, nor a modified-vehicle
//   maker), naming the destination, every VIN and the outlets there, with the manufacturer's seal;
// - the registration certificate: the same guidelines (一), the licence data as on the certificate;
// - names, "all brands" letters and private accounts: the frauds buyers meet (buyers-needs.md §2.1).
#include "papers.hpp"

#include <algorithm>
#include <array>

#include "evexport/company.hpp"
#include "evexport/identifiers.hpp"
#include "evexport/vin.hpp"
#include "optimize.hpp"

namespace evexport::detail {

namespace {

constexpr std::size_t kPaperCount = EnumNames<Paper>::names.size();

// The brands of the identifiers table that a company name names: a Chinese alias inside it, or a
// Latin name as one to three of its words ("BYD", "Great Wall", "Lynk & Co"; never "ORA" in "Corporation").
std::vector<const Brand*> brands_named(const Identifiers& ids, std::string_view name) {
    const auto folded = fold_name(name);
    const auto words = company_words(name);
    auto names = [&](const std::string& alias) {
        const auto chinese = fold_name(alias);
        if (chinese.empty()) return false;
        if (static_cast<unsigned char>(chinese[0]) >= 0x80)
            return chinese.size() >= 6 && folded.find(chinese) != std::string::npos;
        std::string key;  // the alias's words read as the name's are ("Lynk & Co" → "lynkandcompany")
        for (const auto& w : company_words(alias)) key += w;
        for (std::size_t i = 0; i < words.size(); ++i) {
            std::string run;
            for (std::size_t n = 0; n < 3 && i + n < words.size(); ++n)
                if ((run += words[i + n]) == key) return true;
        }
        return false;
    };
    std::vector<const Brand*> out;
    for (const auto& brand : ids.brands)
        if (names(brand.name) || std::any_of(brand.aliases.begin(), brand.aliases.end(), names)) out.push_back(&brand);
    return out;
}

// `word` (lower case) as `name` writes it ("Dealer" in "Almaty BYD Dealer LLP"), or as it is.
std::string_view as_written(std::string_view name, std::string_view word) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; };
    for (std::size_t i = 0; i + word.size() <= name.size(); ++i)
        if (std::equal(word.begin(), word.end(), name.begin() + std::ptrdiff_t(i),
                       [&](char w, char n) { return w == lower(n); }))
            return name.substr(i, word.size());
    return word;
}

bool all_brands(std::string_view item) {
    const auto key = fold_name(item);
    return key == "all" || key == "allbrands" || key == "全品牌" || key == "所有品牌" || key == "全部品牌";
}

// Which papers the request gives: a paper is seen when any of its members is.
std::array<bool, kPaperCount> seen(const Papers& p) {
    return {p.authorization_letter.issuer || p.authorization_letter.holder || p.authorization_letter.brands ||
                p.authorization_letter.all_brands || p.authorization_letter.categories ||
                p.authorization_letter.valid_from || p.authorization_letter.valid_until,
            p.aftersales_confirmation.issuer || p.aftersales_confirmation.vins ||
                p.aftersales_confirmation.destinations || p.aftersales_confirmation.outlets ||
                p.aftersales_confirmation.sealed.has_value(),
            p.export_licence.number || p.export_licence.holder || p.export_licence.vins ||
                p.export_licence.valid_from || p.export_licence.valid_until,
            p.registration_certificate.owner || p.registration_certificate.registration_date ||
                p.registration_certificate.transfer_for_export_date,
            p.invoice.seller || p.invoice.amount || p.invoice.currency,
            p.payment.beneficiary || p.payment.personal_account.has_value()};
}

class PaperReader {
public:
    PaperReader(const Request& request, Result& out, std::array<bool, kPaperCount> seen,
                std::optional<Date> registration_date)
        : req_(request), registration_date_(registration_date), out_(out), rules_(*out.ruleset), seen_(seen) {
        for (std::size_t i = 0; i < kPaperCount; ++i) checks_[i].paper = Paper(i);
    }

    EVEXPORT_SMALL PaperFacts run() {
        names();
        payment();
        letter();
        confirmation();
        licence();
        certificate();
        auto& list = out_.papers.emplace();
        list.reserve(kPaperCount);
        for (std::size_t i = 0; i < kPaperCount; ++i) {
            auto& c = checks_[i];
            c.status = !seen_[i]            ? PaperStatus::not_seen
                       : c.problems.empty() ? PaperStatus::checked
                                            : PaperStatus::failed;
            list.push_back(std::move(c));
        }
        return std::move(facts_);
    }

private:
    const Request& req_;
    const std::optional<Date> registration_date_;  // the vehicle's, as evaluated (a period's day)
    Result& out_;
    const Ruleset& rules_;
    std::array<PaperCheck, kPaperCount> checks_;
    const std::array<bool, kPaperCount> seen_;
    PaperFacts facts_;

    static const Identifiers& ids() { return Identifiers::builtin(); }
    const std::string& lang() const { return out_.lang; }
    std::string label(Paper p) const { return rules_.label("paper/" + std::string(name_of(p))).in(lang()); }
    // Parameters as views, made into strings here only: each call site stays small (the download).
    EVEXPORT_SMALL std::string say(std::string_view message, std::initializer_list<NamedValue> params) const {
        return fill(rules_.message(message).in(lang()), Params{{"as_of", format_date(out_.as_of)}}, params);
    }
    static std::string date(const std::optional<Date>& d) { return d ? format_date(*d) : std::string("—"); }

    EVEXPORT_SMALL void fail(Paper p, std::string code, std::string field, std::initializer_list<NamedValue> params) {
        auto& problems = checks_[std::size_t(p)].problems;
        if (std::find(problems.begin(), problems.end(), code) == problems.end()) problems.push_back(code);
        warn(std::move(code), std::move(field), params);
    }
    EVEXPORT_SMALL void warn(std::string code, std::string field, std::initializer_list<NamedValue> params) {
        Params values;
        for (const auto& [name, value] : params) values.emplace_back(name, value);
        out_.warnings.push_back({std::move(code), std::move(field), std::move(values), {}});
    }
    // A validity window that does not cover the export date.
    EVEXPORT_SMALL void window(Paper p, const std::optional<Date>& from, const std::optional<Date>& until,
                               std::string at) {
        if ((from && out_.as_of < *from) || (until && *until < out_.as_of))
            fail(p, "paper_date_mismatch", at + (from && out_.as_of < *from ? "/valid_from" : "/valid_until"),
                 {{"paper", label(p)},
                  {"detail", say("detail_paper_window", {{"valid_from", date(from)}, {"valid_until", date(until)}})}});
    }
    // A list of VINs on a paper that does not list this vehicle's.
    bool lists_vin(const std::vector<std::string>& vins) const {
        const auto vin = fold_identifier(*req_.vehicle.vin);
        return std::any_of(vins.begin(), vins.end(), [&](const std::string& v) { return fold_identifier(v) == vin; });
    }

    // The exporter, the letter's holder, the licence's holder, the registered owner, the invoice's
    // seller and the payee: one company, compared as people write names (company.hpp).
    EVEXPORT_SMALL void names() {
        const auto& p = req_.papers;
        struct Named {
            std::optional<Paper> paper;  // none: the exporter as the request gives it
            const std::optional<std::string>* name;
            const char* pointer;
        };
        const std::array<Named, 6> all{{
            {std::nullopt, &req_.exporter.name, "/exporter/name"},
            {Paper::authorization_letter, &p.authorization_letter.holder, "/papers/authorization_letter/holder"},
            {Paper::export_licence, &p.export_licence.holder, "/papers/export_licence/holder"},
            {Paper::registration_certificate, &p.registration_certificate.owner,
             "/papers/registration_certificate/owner"},
            {Paper::invoice, &p.invoice.seller, "/papers/invoice/seller"},
            {Paper::payment, &p.payment.beneficiary, "/papers/payment/beneficiary"},
        }};
        const Named* reference = nullptr;
        for (const auto& named : all) {
            if (!*named.name || named.name->value().empty()) continue;
            if (!reference) {
                reference = &named;
                continue;
            }
            const auto& name = named.name->value();
            const auto& ref = reference->name->value();
            const auto match = compare_companies(ref, name);
            if (named.paper == Paper::registration_certificate && !reference->paper)
                facts_.registered_owner = match == NameMatch::same        ? std::optional<bool>(true)
                                          : match == NameMatch::different ? std::optional<bool>(false)
                                                                          : std::nullopt;
            if (match == NameMatch::same) continue;
            const auto ref_label =
                reference->paper ? label(*reference->paper) : rules_.label("paper/exporter").in(lang());
            const auto paper_label = label(*named.paper);
            const std::initializer_list<NamedValue> params{
                {"paper", paper_label}, {"name", name}, {"reference_paper", ref_label}, {"reference", ref}};
            if (match == NameMatch::different) fail(*named.paper, "paper_name_mismatch", named.pointer, params);
            else if (!company_name(name).key.empty() && !company_name(ref).key.empty())
                warn("paper_name_other_script", named.pointer, params);
        }
    }

    EVEXPORT_SMALL void payment() {
        const auto& pay = req_.papers.payment;
        if (pay.personal_account == true || (pay.beneficiary && reads_as_person(*pay.beneficiary)))
            fail(Paper::payment, "paper_personal_account",
                 pay.personal_account == true ? "/papers/payment/personal_account" : "/papers/payment/beneficiary",
                 {{"beneficiary", pay.beneficiary.value_or("—")}});
    }

    // An authorisation covers the brands it names (dossier 10.5: an inference from the 2012 notice's
    // authorisation of "本企业品牌"; buyers-needs.md §2.1: "all brands" letters are a scam).
    EVEXPORT_SMALL void letter() {
        const auto& l = req_.papers.authorization_letter;
        constexpr auto paper = Paper::authorization_letter;
        const std::string at = "/papers/authorization_letter";
        const bool every =
            l.all_brands == true ||
            (l.brands && std::any_of(l.brands->begin(), l.brands->end(), [](const auto& b) { return all_brands(b); }));
        // The make the letter must name: the request's, or else the VIN maker's when it has one brand.
        const WmiEntry* maker = out_.vehicle.wmi ? ids().wmi(*out_.vehicle.wmi) : nullptr;
        std::optional<std::string> make = req_.vehicle.make;
        auto covers = [&](const std::string& brand) {
            return make ? ids().same_brand(brand, *make) : maker && ids().wmi_serves(*maker, brand);
        };
        std::optional<std::string> covered;
        if (every) {
            fail(paper, "paper_all_brands", at + (l.all_brands == true ? "/all_brands" : "/brands"), {});
        } else if (l.brands && (make || maker)) {
            for (const auto& brand : *l.brands)
                if (!covered && covers(brand)) covered = make.value_or(brand);
            if (!covered)
                fail(paper, "paper_brand_not_listed", at + "/brands",
                     {{"brands", joined(*l.brands)}, {"make", make ? *make : maker->manufacturer}});
        }
        if (l.categories && out_.vehicle.category &&
            std::find(l.categories->begin(), l.categories->end(), *out_.vehicle.category) == l.categories->end()) {
            std::vector<std::string> names;
            for (auto c : *l.categories) names.push_back(category_label(c));
            fail(paper, "paper_category_not_listed", at + "/categories",
                 {{"categories", joined(names)}, {"category", category_label(*out_.vehicle.category)}});
        }
        window(paper, l.valid_from, l.valid_until, at);
        if (checks_[std::size_t(paper)].problems.empty() && covered)
            facts_.authorization = Authorization{covered, l.valid_from, l.valid_until};
    }
    std::string category_label(Category c) const {
        return rules_.label("category/" + std::string(name_of(c))).in(lang());
    }

    EVEXPORT_SMALL void confirmation() {
        constexpr auto paper = Paper::aftersales_confirmation;
        if (!seen_[std::size_t(paper)]) return;
        const auto& c = req_.papers.aftersales_confirmation;
        const std::string at = "/papers/aftersales_confirmation";
        auto unread = [&](std::string pointer) { facts_.confirmation_unread.push_back(std::move(pointer)); };
        if (c.issuer) issuer(*c.issuer);
        else unread(at + "/issuer");
        if (!c.vins) unread(at + "/vins");
        else if (!req_.vehicle.vin || req_.vehicle.vin->empty()) unread("/vehicle/vin");
        else if (!lists_vin(*c.vins))
            fail(paper, "paper_vin_not_listed", at + "/vins",
                 {{"paper", label(paper)}, {"vin", fold_identifier(*req_.vehicle.vin)}});
        // The destination decides two checks: asked once when it is not given.
        const auto& destination = req_.shipment.destination;
        if (!destination) unread("/shipment/destination");
        if (!c.destinations) unread(at + "/destinations");
        else if (destination &&
                 std::find(c.destinations->begin(), c.destinations->end(), *destination) == c.destinations->end())
            fail(paper, "paper_destination_not_listed", at + "/destinations",
                 {{"destinations", joined(*c.destinations)}, {"destination", *destination}});
        const bool outlet_countries =
            c.outlets && std::any_of(c.outlets->begin(), c.outlets->end(), [](const Outlet& o) { return o.country; });
        if (!outlet_countries) unread(at + "/outlets");
        else if (destination && std::none_of(c.outlets->begin(), c.outlets->end(),
                                             [&](const Outlet& o) { return o.country == destination; }))
            fail(paper, "paper_no_outlet", at + "/outlets", {{"destination", *destination}});
        if (c.sealed == false) fail(paper, "paper_not_sealed", at + "/sealed", {});
        else if (!c.sealed) unread(at + "/sealed");
        facts_.confirmation_problems = checks_[std::size_t(paper)].problems;
        facts_.confirmation = facts_.confirmation_problems.empty();
    }

    // The issuer is the manufacturer: not a sales company, dealer or modification plant, and not a
    // company named after another maker's brands than this vehicle's.
    EVEXPORT_SMALL void issuer(const std::string& name) {
        constexpr auto paper = Paper::aftersales_confirmation;
        const std::string field = "/papers/aftersales_confirmation/issuer";
        if (const auto word = sales_company_word(name); !word.empty())
            return fail(paper, "paper_issuer_not_manufacturer", field,
                        {{"issuer", name}, {"detail", say("detail_issuer_sales", {{"word", as_written(name, word)}})}});
        const WmiEntry* maker = out_.vehicle.wmi ? ids().wmi(*out_.vehicle.wmi) : nullptr;
        const auto& make = req_.vehicle.make;
        if (!maker && !make) return;
        const auto named = brands_named(ids(), name);
        if (named.empty()) return;
        const bool ours = std::any_of(named.begin(), named.end(), [&](const Brand* b) {
            return maker ? ids().wmi_serves(*maker, b->name) : ids().same_brand(b->name, *make);
        });
        if (ours) return;
        std::vector<std::string> brands;
        for (const Brand* b : named) brands.push_back(b->name);
        fail(paper, "paper_issuer_not_manufacturer", field,
             {{"issuer", name},
              {"detail", say("detail_issuer_other_maker",
                             {{"brands", joined(brands)}, {"maker", maker ? maker->manufacturer : *make}})}});
    }

    EVEXPORT_SMALL void licence() {
        const auto& l = req_.papers.export_licence;
        constexpr auto paper = Paper::export_licence;
        if (l.vins && req_.vehicle.vin && !req_.vehicle.vin->empty() && !lists_vin(*l.vins))
            fail(paper, "paper_vin_not_listed", "/papers/export_licence/vins",
                 {{"paper", label(paper)}, {"vin", fold_identifier(*req_.vehicle.vin)}});
        window(paper, l.valid_from, l.valid_until, "/papers/export_licence");
    }

    // The guidelines of 2025-12-11 (一): the licence data as on the certificate.
    EVEXPORT_SMALL void certificate() {
        const auto& c = req_.papers.registration_certificate;
        constexpr auto paper = Paper::registration_certificate;
        const std::string at = "/papers/registration_certificate";
        const auto& given = registration_date_;
        if (c.registration_date && given && *c.registration_date != *given)
            fail(paper, "paper_date_mismatch", at + "/registration_date",
                 {{"paper", label(paper)},
                  {"detail", say("detail_paper_registration",
                                 {{"on_paper", date(c.registration_date)}, {"given", date(given)}})}});
        facts_.registration_date = c.registration_date;
        const auto registered = given ? given : c.registration_date;
        if (const auto& transfer = c.transfer_for_export_date;
            transfer && ((registered && *transfer < *registered) || out_.as_of < *transfer))
            fail(paper, "paper_date_mismatch", at + "/transfer_for_export_date",
                 {{"paper", label(paper)},
                  {"detail",
                   say("detail_paper_transfer", {{"transfer", date(transfer)}, {"registered", date(registered)}})}});
    }
};

}  // namespace

bool papers_given(const Papers& papers) {
    const auto given = seen(papers);
    return std::any_of(given.begin(), given.end(), [](bool s) { return s; });
}

// Kept out of the evaluation's fast code: built for size, in one copy.
EVEXPORT_ONCE_IN_CODE EVEXPORT_SMALL PaperFacts read_papers(const Request& request, Result& out,
                                                            std::optional<Date> registration_date) {
    const auto given = seen(request.papers);
    if (std::none_of(given.begin(), given.end(), [](bool s) { return s; })) return {};  // most requests
    return PaperReader(request, out, given, registration_date).run();
}

}  // namespace evexport::detail
