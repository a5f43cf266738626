#include "json_reader.hpp"

namespace evexport::detail {

std::string pointer_token(std::string_view key) {
    std::string out;
    for (char c : key) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

namespace {

// The DOM builder, keeping the position of a syntax error instead of throwing it.
struct DomWithPosition : nlohmann::detail::json_sax_dom_parser<json> {
    using nlohmann::detail::json_sax_dom_parser<json>::json_sax_dom_parser;
    std::size_t error_at = 0;
    bool failed = false;
    template <typename Exception> bool parse_error(std::size_t position, const std::string&, const Exception&) {
        failed = true;
        error_at = position;
        return false;
    }
};

const json* member(const json& parent, std::string_view key) {
    auto it = parent.find(key);
    if (it == parent.end() || it->is_null()) return nullptr;
    return &*it;
}
}  // namespace

std::optional<json> parse_json(std::string_view text, std::size_t* error_at) {
    json root;
    DomWithPosition dom(root, false);
    const bool parsed = json::sax_parse(text.begin(), text.end(), &dom, nlohmann::detail::input_format_t::json, true);
    if (!parsed || dom.failed) {
        if (error_at) *error_at = dom.error_at;
        return std::nullopt;
    }
    return root;
}

const json* Reader::object(const json& parent, const std::string& at, std::string_view key) {
    const json* value = member(parent, key);
    if (!value) return nullptr;
    if (!value->is_object()) {
        fail(at + "/" + pointer_token(key), "must be an object");
        return nullptr;
    }
    return value;
}

std::optional<std::string> Reader::string(const json& parent, const std::string& at, std::string_view key,
                                          std::size_t max_bytes) {
    const json* value = member(parent, key);
    if (!value) return std::nullopt;
    if (!value->is_string()) {
        fail(at + "/" + pointer_token(key), "must be a string");
        return std::nullopt;
    }
    const auto& text = value->get_ref<const std::string&>();
    if (max_bytes && text.size() > max_bytes) {
        fail(at + "/" + pointer_token(key), "longer than " + std::to_string(max_bytes) + " bytes", "too_large");
        return std::nullopt;
    }
    return text;
}

std::optional<bool> Reader::boolean(const json& parent, const std::string& at, std::string_view key) {
    const json* value = member(parent, key);
    if (!value) return std::nullopt;
    if (!value->is_boolean()) {
        fail(at + "/" + pointer_token(key), "must be true or false");
        return std::nullopt;
    }
    return value->get<bool>();
}

std::optional<int> Reader::integer(const json& parent, const std::string& at, std::string_view key) {
    const json* value = member(parent, key);
    if (!value) return std::nullopt;
    if (!value->is_number_integer() || value->get<long long>() < 0 || value->get<long long>() > 100000) {
        fail(at + "/" + pointer_token(key), "must be a whole number from 0 to 100000");
        return std::nullopt;
    }
    return int(value->get<long long>());
}

std::optional<Date> Reader::date(const json& parent, const std::string& at, std::string_view key) {
    auto text = string(parent, at, key);
    if (!text) return std::nullopt;
    auto date = parse_date(*text);
    if (!date)
        fail(at + "/" + pointer_token(key), "\"" + *text + "\" is not a date in YYYY-MM-DD form between 1900 and 2100");
    return date;
}

}  // namespace evexport::detail
