// Data files compiled into the library by CMake (core/CMakeLists.txt, embed_file).
#pragma once

#include <string_view>

namespace evexport::embedded {
std::string_view ruleset();      // core/rules/cn-vehicle-export.json
std::string_view identifiers();  // core/rules/identifiers.json
}  // namespace evexport::embedded
