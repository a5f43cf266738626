// Google Benchmark for the native core: parsing, evaluating and writing a result measured apart,
// then end to end. Reproduce: ./scripts/build && build/native/tests/bench_core
#include <benchmark/benchmark.h>

#include "evexport/api.hpp"
#include "evexport/evaluate.hpp"

namespace {

const char* const kRequest =
    R"({"as_of":"2026-03-01","lang":"en",
  "vehicle":{"vin":"LGXCE4CB6T0123456","make":"BYD","category":"passenger_car","powertrain":"bev","condition":"new"},
  "exporter":{"role":"authorized_exporter","listed":true,)"
    R"("authorization":{"brand":"BYD","valid_from":"2026-01-01","valid_until":"2026-12-31"}}})";
const evexport::Date kToday = *evexport::parse_date("2026-11-28");

evexport::Request request() { return std::get<evexport::Request>(evexport::parse_request(kRequest, kToday)); }

void Parse(benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(evexport::parse_request(kRequest, kToday));
}
void Evaluate(benchmark::State& state) {
    const auto r = request();
    const auto& rules = evexport::Ruleset::builtin();
    for (auto _ : state) benchmark::DoNotOptimize(evexport::evaluate(r, rules));
}
void Serialise(benchmark::State& state) {
    const auto result = evexport::evaluate(request(), evexport::Ruleset::builtin());
    for (auto _ : state) benchmark::DoNotOptimize(evexport::result_to_json(result));
}
void EndToEnd(benchmark::State& state) {
    const auto& rules = evexport::Ruleset::builtin();
    for (auto _ : state) benchmark::DoNotOptimize(evexport::evaluate_json(kRequest, rules, kToday));
}

BENCHMARK(Parse);
BENCHMARK(Evaluate);
BENCHMARK(Serialise);
BENCHMARK(EndToEnd);

}  // namespace

BENCHMARK_MAIN();
