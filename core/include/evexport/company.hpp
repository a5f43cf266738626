// Company names as people write them on papers (issue 13): the same company is written with other
// case, spaces, full-width characters, punctuation and legal forms (有限公司 / Co., Ltd. / Company
// Limited); a different company differs in a word. Names in different scripts (a Chinese name and its
// English one) cannot be compared without the register, and are never called the same or different.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace evexport {

enum class Script { none, latin, han, mixed };

struct CompanyName {
    std::string key;  // the name without its legal form, punctuation or case: equal keys, same name
    Script script = Script::none;
};

CompanyName company_name(std::string_view typed);
// A name's words as company_name reads them: folded (full width, case, Chinese punctuation), runs of
// Latin letters and digits or of other characters, abbreviations written out ("co" → "company").
std::vector<std::string> company_words(std::string_view typed);

enum class NameMatch { same, different, not_comparable };
NameMatch compare_companies(std::string_view a, std::string_view b);

// The word that makes a name read as a sales company, dealer, trader or modification plant, which
// the guidelines of 2025-12-11 (二) bar from issuing the after-sales confirmation; "" if none.
std::string_view sales_company_word(std::string_view name);

// Whether a payee reads as a person rather than a company: a short name with no word a company name
// has (公司, 厂, Co., Ltd., Motors, …). A hint only: the seller's own word (personal_account) decides.
bool reads_as_person(std::string_view name);

}  // namespace evexport
