#include "evexport/session.hpp"

#include <algorithm>

#include "evexport/api.hpp"
#include "guarded.hpp"
#include "json_writer.hpp"

namespace evexport {

namespace {

using detail::JsonWriter;

// Every answer is JSON text; a C++ exception becomes the contract's internal_error (guarded.hpp).
template <typename F> std::string answer(F&& f) {
    return detail::guarded([&] { return Answer{true, f()}; }).json;
}

std::string unknown_batch(int id) {
    return error_to_json({"unknown_batch", "", "no open batch " + std::to_string(id)});
}

}  // namespace

std::string Session::evaluate(std::string_view request_json, Date today) const {
    return answer(
        [&] { return evaluate_json(request_json, *ruleset_, today, registry_.get(), destinations_.get()).json; });
}

std::string Session::evaluate_fields(std::string_view encoded, Date today) const {
    return answer([&] {
        return evexport::evaluate_fields(encoded, *ruleset_, today, registry_.get(), destinations_.get()).json;
    });
}

std::string Session::verdicts_fields(std::string_view encoded, Date today) const {
    return answer([&] { return evexport::verdicts_fields(encoded, *ruleset_, today, registry_.get()); });
}

std::string Session::tables(std::string_view lang) const {
    return answer([&] { return tables_json(*ruleset_, lang); });
}

std::string Session::ruleset_info(std::string_view lang) const {
    return answer([&] { return ruleset_info_json(*ruleset_, lang.size() <= 16 ? lang : std::string_view("en")); });
}

std::string Session::load_registry(std::string_view json) {
    return answer([&] {
        auto loaded = Registry::load(json);
        if (auto* error = std::get_if<Error>(&loaded)) return error_to_json(*error);
        registry_ = std::get<std::shared_ptr<const Registry>>(loaded);
        JsonWriter w;
        w.begin_object()
            .member("loaded", int(registry_->entries.size()))
            .member("years", registry_->years)
            .member("source", registry_->source);
        return w.end_object().take();
    });
}

void Session::clear_registry() { registry_.reset(); }

std::string Session::load_ruleset(std::string_view json, std::string_view pinned_sha256) {
    return answer([&] {
        auto loaded = Ruleset::load_replacement(json, *ruleset_, pinned_sha256);
        if (auto* error = std::get_if<Error>(&loaded)) return error_to_json(*error);
        ruleset_ = std::get<std::shared_ptr<const Ruleset>>(loaded);
        return ruleset_info_json(*ruleset_);
    });
}

std::string Session::load_translation(std::string_view json) {
    return answer([&] {
        auto loaded = ruleset_->with_translations({json});
        if (auto* error = std::get_if<Error>(&loaded)) return error_to_json(*error);
        ruleset_ = std::get<std::shared_ptr<const Ruleset>>(loaded);
        return ruleset_info_json(*ruleset_);
    });
}

std::string Session::load_destinations(std::string_view json) {
    return answer([&] {
        auto loaded = Destinations::load(json);
        if (auto* error = std::get_if<Error>(&loaded)) return error_to_json(*error);
        destinations_ = std::get<std::shared_ptr<const Destinations>>(loaded);
        destinations_text_ = std::string(json);
        destination_packs_.clear();  // packs are of one version of the data: loaded again for a new one
        return destinations_info_json(*destinations_);
    });
}

std::string Session::load_destinations_translation(std::string_view json) {
    return answer([&] {
        if (!destinations_) return error_to_json({"no_destinations", "", "no destination data is loaded"});
        std::vector<std::string_view> packs(destination_packs_.begin(), destination_packs_.end());
        packs.push_back(json);
        auto loaded = Destinations::load(destinations_text_, packs);
        if (auto* error = std::get_if<Error>(&loaded)) return error_to_json(*error);
        destinations_ = std::get<std::shared_ptr<const Destinations>>(loaded);
        destination_packs_.emplace_back(json);
        return destinations_info_json(*destinations_);
    });
}

std::string Session::destinations_info(std::string_view lang) const {
    return answer([&] {
        if (!destinations_) return error_to_json({"no_destinations", "", "no destination data is loaded"});
        return destinations_info_json(*destinations_, lang.size() <= 16 ? lang : std::string_view("en"));
    });
}

std::string Session::batch_start(std::string_view format, Date today, BatchStyle style) {
    return answer([&] {
        if (format != "csv" && format != "jsonl")
            return error_to_json({"invalid_field", "/format", "the batch format is csv or jsonl"});
        if (auto e = check_batch_style(style)) return error_to_json(*e);
        // Room for one more: finished batches go first, then the oldest open one.
        for (auto it = batches_.begin(); batches_.size() >= kMaxOpenBatches && it != batches_.end();)
            it = it->second.finished ? batches_.erase(it) : std::next(it);
        while (batches_.size() >= kMaxOpenBatches) batches_.erase(batches_.begin());
        const int id = next_batch_++;
        batches_[id].runner =
            std::make_unique<BatchRunner>(format == "csv" ? BatchInput::csv : BatchInput::jsonl, BatchOutput::summary,
                                          ruleset_, registry_, today, destinations_, std::move(style));
        return "{\"batch\":" + std::to_string(id) + "}";
    });
}

std::string Session::batch_feed(int id, std::string_view chunk) {
    return answer([&] {
        auto it = batches_.find(id);
        if (it == batches_.end() || it->second.finished) return unknown_batch(id);
        std::string out;
        out.reserve(chunk.size() + 1024);  // answers are shorter than rows: grown once, not by doubling
        it->second.runner->feed(chunk, out);
        return out;
    });
}

std::string Session::batch_finish(int id) {
    return answer([&] {
        auto it = batches_.find(id);
        if (it == batches_.end() || it->second.finished) return unknown_batch(id);
        std::string out;
        auto& batch = it->second;
        batch.runner->finish(out);
        // Closed: what it held is released; its counts stay readable until the id is recycled.
        batch.final_counts = batch.runner->counts();
        batch.renamed = batch.runner->renamed_columns();
        batch.reading = batch.runner->reading();
        batch.runner.reset();
        batch.finished = true;
        return out;
    });
}

std::string Session::batch_counts(int id) const {
    return answer([&] {
        auto it = batches_.find(id);
        if (it == batches_.end()) return unknown_batch(id);
        const auto& batch = it->second;
        const auto& c = batch.runner ? batch.runner->counts() : batch.final_counts;
        const auto& renamed = batch.runner ? batch.runner->renamed_columns() : batch.renamed;
        const auto reading = batch.runner ? batch.runner->reading() : batch.reading;
        JsonWriter w;
        w.begin_object().member("rows", int(c.rows)).member("errors", int(c.errors));
        for (std::size_t v = 0; v < 4; ++v) w.member(EnumNames<Verdict>::names[v], int(c.verdicts[v]));
        // A part's runner has read past its part (added 2026-11-30): the rest of the file is another's.
        w.member("part_done", c.part_done);
        w.key("renamed").begin_array();
        for (const auto& [from, to] : renamed) w.begin_array().value(from).value(to).end_array();
        w.end_array();
        // How a CSV was read (added 2026-11-29): its separator, spreadsheet date forms, unused columns.
        w.key("read")
            .begin_object()
            .member("separator", std::string(1, reading.separator))
            .member("date_forms", reading.date_forms)
            .member("unknown_columns", reading.unknown_columns)
            .end_object();
        return w.end_object().take();
    });
}

}  // namespace evexport
