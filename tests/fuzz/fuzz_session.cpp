// libFuzzer: any bytes as a sequence of calls on one Session — batches started, fed, finished and
// counted, side by side, with registries, rulesets and translations loaded and cleared between them
// (the interleavings that once freed what a running batch used). Under ASan and UBSan, nothing may
// read freed memory; every call must answer.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "embedded.hpp"
#include "evexport/session.hpp"

namespace {

const evexport::Date kToday = *evexport::parse_date("2026-11-28");

constexpr std::string_view kRegistry =
    R"({"schema":1,"source":"fuzz","year":2026,)"
    R"("enterprises":[{"name":"Fuzz Motors","uscc":"91440300MA5FK00171","role":"manufacturer","brands":["BYD"]}]})";

// The built-in ruleset under a newer version each time, so that a replacement is accepted.
std::string newer_ruleset(int n) {
    std::string text(evexport::embedded::ruleset());
    const std::string version = "\"" + evexport::Ruleset::builtin().version + "\"";
    const std::string bumped = "\"2099.1." + std::to_string(n) + "\"";
    for (std::size_t at = 0; (at = text.find(version, at)) != std::string::npos; at += bumped.size())
        text.replace(at, version.size(), bumped);
    return text;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    evexport::Session session;
    std::vector<int> ids;
    int loads = 0;
    std::size_t i = 0;
    auto next = [&]() -> std::uint8_t { return i < size ? data[i++] : 0; };
    auto pick = [&]() { return ids.empty() ? int(next()) : ids[next() % ids.size()]; };
    while (i < size) {
        switch (next() % 10) {
            case 0:
            case 1: {
                const std::string started = session.batch_start(next() % 2 ? "csv" : "jsonl", kToday);
                if (started.rfind("{\"batch\":", 0) == 0) ids.push_back(std::atoi(started.c_str() + 9));
                break;
            }
            case 2:
            case 3: {  // feed the next n bytes as they are
                const int id = pick();
                const std::size_t wanted = next();
                const std::size_t n = std::min<std::size_t>(wanted, size - i);
                session.batch_feed(id, std::string_view(reinterpret_cast<const char*>(data) + i, n));
                i += n;
                break;
            }
            case 4: session.batch_finish(pick()); break;
            case 5: session.batch_counts(pick()); break;
            case 6: session.load_registry(next() % 4 ? kRegistry : std::string_view("{ broken")); break;
            case 7: session.clear_registry(); break;
            case 8: session.load_ruleset(newer_ruleset(++loads), ""); break;
            case 9:
                session.evaluate(R"({"as_of":"2026-03-01","vehicle":{"category":"passenger_car","powertrain":"bev",)"
                                 R"("condition":"new"},"exporter":{"uscc":"91440300MA5FK00171"}})",
                                 kToday);
                break;
        }
    }
    for (int id : ids) session.batch_finish(id);
    return 0;
}
