// JSON text → typed Request, with the contract's structured errors (a JSON Pointer for each field).
#include "evexport/api.hpp"
#include "json_reader.hpp"
#include "request_fields.hpp"

namespace evexport {

using detail::json;

namespace {

// The deepest nesting of arrays and objects and the number of object members, counted before
// parsing so that no input can make the parser or the document it builds grow without bound
// (members are kept in order, and finding one among n costs n). Stops counting past `depth_limit`.
struct Extent {
    int depth = 0;
    std::size_t members = 0;
};
Extent extent(std::string_view text, int depth_limit) {
    int depth = 0, deepest = 0;
    bool in_string = false, escaped = false;
    std::size_t members = 0;
    for (char c : text) {
        if (in_string) {
            if (escaped) escaped = false;
            else if (c == '\\') escaped = true;
            else if (c == '"') in_string = false;
            continue;
        }
        if (c == '"') in_string = true;
        else if (c == ':') ++members;
        else if (c == '{' || c == '[') {
            deepest = std::max(deepest, ++depth);
            if (deepest > depth_limit) break;
        } else if (c == '}' || c == ']') --depth;
    }
    return {deepest, members};
}

// The object a field's pointer lives in ("/exporter/authorization" for …/valid_until), or null
// when a parent is absent. A parent that is not an object is an error naming the parent.
const json* parent_of(const json& root, std::string_view pointer, std::optional<Error>& error) {
    const json* node = &root;
    std::size_t start = 1;
    for (std::size_t slash; (slash = pointer.find('/', start)) != std::string_view::npos; start = slash + 1) {
        const auto key = pointer.substr(start, slash - start);
        auto it = node->find(key);
        if (it == node->end() || it->is_null()) return nullptr;
        if (!it->is_object()) {
            error = Error{"invalid_field", std::string(pointer.substr(0, slash)), "must be an object"};
            return nullptr;
        }
        node = &*it;
    }
    return node;
}

// A list member given as a JSON array: strings, or for the confirmation's outlets, objects.
std::optional<Error> list(Request& request, std::size_t i, const json& array) {
    const std::string pointer(detail::kFields[i].pointer);
    if (array.size() > kMaxListItems)
        return Error{"too_large", pointer, "at most " + std::to_string(kMaxListItems) + " items"};
    if (detail::kFields[i].type == detail::FieldType::outlets) {
        std::vector<Outlet> outlets;
        for (std::size_t k = 0; k < array.size(); ++k) {
            const auto at = pointer + "/" + std::to_string(k);
            if (!array[k].is_object())
                return Error{"invalid_field", at, "must be an object {country, address, provider}"};
            detail::Reader in{"invalid_field"};
            Outlet outlet{in.string(array[k], at, "country", kMaxStringBytes),
                          in.string(array[k], at, "address", kMaxStringBytes),
                          in.string(array[k], at, "provider", kMaxStringBytes)};
            if (!in.ok()) return in.error();
            if (outlet.country && !detail::is_country(*outlet.country))
                return Error{"invalid_field", at + "/country",
                             "an ISO 3166-1 alpha-2 country code in capitals, such as KZ"};
            outlets.push_back(std::move(outlet));
        }
        detail::assign_outlets(request, std::move(outlets));
        return std::nullopt;
    }
    std::vector<std::string_view> items;
    for (std::size_t k = 0; k < array.size(); ++k) {
        if (!array[k].is_string()) return Error{"invalid_field", pointer + "/" + std::to_string(k), "must be a string"};
        items.push_back(array[k].get_ref<const std::string&>());
    }
    return detail::assign_list(request, i, items);
}

}  // namespace

std::variant<Request, Error> parse_request(std::string_view text, Date today) {
    return detail::parse_request(text, today, nullptr);
}

namespace detail {

std::variant<Request, Error> parse_request(std::string_view text, Date today, std::string* id, std::string_view lang) {
    if (text.size() > kMaxRequestBytes)
        return Error{"too_large", "", "a request may be at most " + std::to_string(kMaxRequestBytes) + " bytes"};
    const auto [depth, members] = extent(text, kMaxNestingDepth);
    if (depth > kMaxNestingDepth)
        return Error{"too_large", "", "a request may nest at most " + std::to_string(kMaxNestingDepth) + " levels"};
    if (members > kMaxRequestMembers)
        return Error{"too_large", "", "a request may have at most " + std::to_string(kMaxRequestMembers) + " members"};

    std::size_t error_at = 0;
    const auto parsed = detail::parse_json(text, &error_at);
    if (!parsed) return Error{"invalid_json", "", "not valid JSON (at byte " + std::to_string(error_at) + ")"};
    if (!parsed->is_object()) return Error{"invalid_field", "", "a request must be a JSON object"};
    if (id)  // batch lines may carry their own id (not a request field)
        if (auto it = parsed->find("id"); it != parsed->end()) {
            if (it->is_string()) *id = it->get<std::string>();
            else if (it->is_number_integer()) *id = std::to_string(it->get<long long>());
        }

    Request request;
    request.lang = std::string(lang);  // unless the request names its own
    for (std::size_t i = 0; i < detail::kFieldCount; ++i) {
        const auto pointer = detail::kFields[i].pointer;
        std::optional<Error> error;
        const json* parent = parent_of(*parsed, pointer, error);
        if (error) return *error;
        if (!parent) continue;
        auto it = parent->find(pointer.substr(pointer.rfind('/') + 1));
        if (it == parent->end() || it->is_null()) continue;
        const auto type = detail::kFields[i].type;
        if (type == detail::FieldType::boolean) {
            if (!it->is_boolean()) return Error{"invalid_field", std::string(pointer), "must be true or false"};
            detail::assign_bool(request, i, it->get<bool>());
        } else if (detail::is_list(type) && it->is_array()) {
            if (auto e = list(request, i, *it)) return *e;
        } else if (type == detail::FieldType::amount && it->is_number_unsigned()) {
            // Whole amounts as numbers; amounts with a decimal part come as text ("23800.50"), which
            // keeps them as written (and keeps number formatting out of the download).
            if (auto e = detail::assign_text(request, i, std::to_string(it->get<std::uint64_t>()))) return *e;
        } else {
            if (!it->is_string())
                return Error{"invalid_field", std::string(pointer),
                             detail::is_list(type) ? "must be a list of strings" : "must be a string"};
            if (auto e = detail::assign_text(request, i, it->get_ref<const std::string&>())) return *e;
        }
    }
    if (auto e = detail::complete(request, today)) return *e;
    return request;
}

}  // namespace detail
}  // namespace evexport
