// Typed reading of a JSON document that records the first problem with its JSON Pointer instead
// of throwing. Used for requests and for ruleset files alike.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

#include "evexport/date.hpp"
#include "evexport/enums.hpp"
#include "evexport/error.hpp"

namespace evexport::detail {

// One JSON type for reading and writing: each instantiation of nlohmann::basic_json costs the
// WebAssembly download tens of kilobytes. ordered_json keeps the result's keys in contract order.
using json = nlohmann::ordered_json;

// Parses JSON text; on a syntax error returns nothing and, if asked, the byte where it failed.
std::optional<json> parse_json(std::string_view text, std::size_t* error_at = nullptr);

// RFC 6901 escaping of one reference token.
std::string pointer_token(std::string_view key);

class Reader {
public:
    explicit Reader(std::string error_code) : code_(std::move(error_code)) {}

    bool ok() const { return !error_; }
    const Error& error() const { return *error_; }
    void fail(std::string field, std::string message, std::string code = {}) {
        if (!error_) error_ = Error{code.empty() ? code_ : std::move(code), std::move(field), std::move(message)};
    }

    // Each returns nothing when the member is absent or null, and records an error on a wrong type.
    const json* object(const json& parent, const std::string& at, std::string_view key);
    std::optional<std::string> string(const json& parent, const std::string& at, std::string_view key,
                                      std::size_t max_bytes = 0);
    std::optional<bool> boolean(const json& parent, const std::string& at, std::string_view key);
    std::optional<int> integer(const json& parent, const std::string& at, std::string_view key);
    std::optional<Date> date(const json& parent, const std::string& at, std::string_view key);
    template <typename E> std::optional<E> enumeration(const json& parent, const std::string& at, std::string_view key,
                                                       std::size_t allowed = EnumNames<E>::names.size()) {
        auto text = string(parent, at, key);
        if (!text) return std::nullopt;
        auto value = parse_enum<E>(*text);
        if (!value || std::size_t(*value) >= allowed) {
            std::string expected;
            for (std::size_t i = 0; i < allowed; ++i) expected += (i ? ", " : "") + std::string(EnumNames<E>::names[i]);
            fail(at + "/" + pointer_token(key), "unknown value \"" + *text + "\"; expected one of: " + expected);
            return std::nullopt;
        }
        return value;
    }

private:
    std::string code_;
    std::optional<Error> error_;
};

}  // namespace evexport::detail
