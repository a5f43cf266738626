// SHA-256 (FIPS 180-4), to name a ruleset by its exact bytes.
#pragma once

#include <string>
#include <string_view>

namespace evexport {
std::string sha256_hex(std::string_view data);
}
