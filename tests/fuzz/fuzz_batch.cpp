// libFuzzer: any bytes as a batch file (CSV and JSON Lines). Besides not crashing, the answers must
// not depend on how the input is cut into chunks.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "evexport/batch.hpp"

namespace {
std::string run(evexport::BatchInput input, std::string_view text, std::size_t chunk) {
    static const auto today = *evexport::parse_date("2026-11-28");
    evexport::BatchRunner runner(input, evexport::BatchOutput::summary, evexport::Ruleset::builtin_shared(), nullptr,
                                 today);
    std::string out;
    for (std::size_t i = 0; i < text.size(); i += chunk) runner.feed(text.substr(i, chunk), out);
    runner.finish(out);
    return out;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::size_t chunk = 1 + data[0] % 17;  // the first byte picks a chunk size
    const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
    for (auto input : {evexport::BatchInput::csv, evexport::BatchInput::jsonl})
        if (run(input, text, chunk) != run(input, text, text.size() + 1)) std::abort();
    return 0;
}
