// Translation packs: a ruleset's texts in one more language, kept apart from the ruleset so that
// the law stays in one file and each download carries only the languages it needs
// (docs/TRANSLATIONS.md).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "evexport/error.hpp"
#include "evexport/ruleset.hpp"

namespace evexport::detail {

// Adds a pack's texts to the ruleset under the pack's language, which it also returns. Refused,
// with a pointer into the pack, when the pack is for another ruleset or version or for a language
// the ruleset has already, misses a text or has one the ruleset does not, or changes a text's
// {placeholders}; the ruleset is then unchanged.
std::optional<Error> apply_translation(Ruleset& ruleset, std::string_view pack_text, std::string& lang);

}  // namespace evexport::detail
