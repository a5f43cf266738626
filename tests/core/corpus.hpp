// Reads tests/cases/: each topic file, each case's request (deep-merged onto the topic's base).
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace corpus {

using json = nlohmann::json;

struct Case {
    std::string topic_file, name, request_text;
    json expect;
};

// Objects merge key by key; any other value (null included) replaces.
inline json merge(json base, const json& over) {
    if (!base.is_object() || !over.is_object()) return over;
    for (const auto& [key, value] : over.items()) base[key] = merge(base.contains(key) ? base[key] : json(), value);
    return base;
}

inline std::string read(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

inline std::vector<std::filesystem::path> topic_files() {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(EVEXPORT_CASES_DIR))
        if (entry.path().extension() == ".json") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

inline std::vector<Case> load() {
    std::vector<Case> cases;
    for (const auto& file : topic_files()) {
        const auto topic = json::parse(read(file));
        const json base = topic.value("base", json::object());
        for (const auto& c : topic.at("cases")) {
            Case one{file.filename().string(), c.at("name").get<std::string>(), "", c.at("expect")};
            one.request_text =
                c.contains("request_text") ? c["request_text"].get<std::string>() : merge(base, c.at("request")).dump();
            cases.push_back(std::move(one));
        }
    }
    return cases;
}

}  // namespace corpus
