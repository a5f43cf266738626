// One native evaluation, JSON text in and out, timed over many runs.
// Reproduce: ./scripts/build && build/native/tests/bench_eval '<request JSON>'
#include <chrono>
#include <cstdio>
#include <string>

#include "evexport/api.hpp"

int main(int argc, char** argv) {
    const std::string request = argc > 1 ? argv[1] : R"({"as_of":"2026-03-01"})";
    const auto& rules = evexport::Ruleset::builtin();
    const auto today = evexport::today_utc();
    std::size_t bytes = 0;
    for (int i = 0; i < 2000; ++i) bytes += evexport::evaluate_json(request, rules, today).json.size();
    constexpr int n = 50000;
    const auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < n; ++i) bytes += evexport::evaluate_json(request, rules, today).json.size();
    const auto t1 = std::chrono::steady_clock::now();
    std::printf("native: evaluate_json %.1f µs per request (%zu bytes out)\n",
                std::chrono::duration<double, std::micro>(t1 - t0).count() / n, bytes / (n + 2000));
    return 0;
}
