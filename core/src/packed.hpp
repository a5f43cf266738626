// The built-in ruleset in the form the WebAssembly build embeds: the members of the loaded Ruleset
// written in order, without keys, so that a page's start reads it with no JSON to parse (issue 15).
// core/tools/pack_ruleset.cpp writes it at build time from the JSON, which stays the source and is
// checked there by the loader; Ruleset::builtin() reads it back. Not a file format: it follows the
// Ruleset of the same build and is never kept or exchanged.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "evexport/ruleset.hpp"

namespace evexport::detail {

// Nothing for a ruleset with a NUL in a string, which the packed form ends its strings with.
std::optional<std::string> pack_ruleset(const Ruleset& ruleset);
// Fills `into` (a default Ruleset) with the members; false for bytes that end early or run over.
bool unpack_ruleset(std::string_view bytes, Ruleset& into);

}  // namespace evexport::detail
