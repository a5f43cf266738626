// Data files compiled into the library by CMake (core/CMakeLists.txt, embed_file).
#pragma once

#include <string_view>

namespace evexport::embedded {
// Each file's bytes, and their SHA-256 computed by the build (so start-up need not hash them).
std::string_view ruleset();  // core/rules/cn-vehicle-export.json
std::string_view ruleset_sha256();
std::string_view identifiers();  // core/rules/identifiers.json
std::string_view identifiers_sha256();
}  // namespace evexport::embedded
