// The request's JSON Schema, written from the field table (request_fields.hpp) that every reader
// of requests uses: docs/request.schema.json is this text, and tests/js/schema.test.mjs holds the
// two equal. The page and the widget read their field lists and enum values from it.
#include <algorithm>
#include <string>
#include <vector>

#include "evexport/api.hpp"
#include "json_writer.hpp"
#include "request_fields.hpp"

namespace evexport {

namespace {

using detail::FieldType;
using detail::JsonWriter;

// A JSON null is "not known", as an absent member is (CONTRACT.md).
void nullable(JsonWriter& w, std::string_view type) {
    w.key("type").begin_array().value(type).value("null").end_array();
}

template <typename E> void enum_values(JsonWriter& w) {
    w.key("enum").begin_array();
    for (std::size_t i = 0; i < request_value_count<E>(); ++i) w.value(EnumNames<E>::names[i]);
    w.null().end_array();
}

void field_schema(JsonWriter& w, const detail::Field& f) {
    w.begin_object();
    switch (f.type) {
        case FieldType::text: nullable(w, "string"); break;
        case FieldType::lang: nullable(w, "string"); break;
        case FieldType::version:
            nullable(w, "string");
            w.member("pattern", "^[0-9]+(\\.[0-9]+)*$");
            break;
        case FieldType::boolean: nullable(w, "boolean"); break;
        case FieldType::date:
            nullable(w, "string");
            w.member("format", "date").member("pattern", "^[0-9]{4}-[0-9]{2}-[0-9]{2}$");
            break;
        case FieldType::period:  // a date, or only its month or year (the answer reasons over every day)
            nullable(w, "string");
            w.member("pattern", "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$").member("x-period", true);
            break;
        case FieldType::hs_code:
            nullable(w, "string");
            w.member("pattern", "^[0-9]{10}$");
            break;
        case FieldType::country:
            nullable(w, "string");
            w.member("pattern", "^[A-Z]{2}$");
            break;
        case FieldType::category: enum_values<Category>(w); break;
        case FieldType::powertrain: enum_values<Powertrain>(w); break;
        case FieldType::condition: enum_values<Condition>(w); break;
        case FieldType::role: enum_values<Role>(w); break;
        case FieldType::trade_mode: enum_values<TradeMode>(w); break;
        case FieldType::drive_side: enum_values<DriveSide>(w); break;
        case FieldType::importer: enum_values<Importer>(w); break;
        // Lists: an array, or one text whose items are separated by commas, semicolons or line breaks.
        case FieldType::texts:
        case FieldType::countries:
        case FieldType::categories:
        case FieldType::outlets:
            w.key("type").begin_array().value("array").value("string").value("null").end_array();
            w.member("maxItems", int(kMaxListItems)).key("items").begin_object();
            if (f.type == FieldType::outlets) {
                w.member("type", "object").key("properties").begin_object();
                w.key("country").begin_object().member("type", "string").member("pattern", "^[A-Z]{2}$").end_object();
                for (auto name : {"address", "provider"})
                    w.key(name).begin_object().member("type", "string").end_object();
                w.end_object().member("additionalProperties", false);
            } else if (f.type == FieldType::categories) {
                w.key("enum").begin_array();
                for (auto name : EnumNames<Category>::names) w.value(name);
                w.end_array();
            } else {
                w.member("type", "string");
                if (f.type == FieldType::countries) w.member("pattern", "^[A-Z]{2}$");
            }
            w.end_object();
            break;
        case FieldType::amount:
            w.key("type").begin_array().value("number").value("string").value("null").end_array();
            w.member("pattern", "^[0-9]+(\\.[0-9]+)?$").member("minimum", 0);
            break;
        case FieldType::currency:
            nullable(w, "string");
            w.member("pattern", "^[A-Z]{3}$");
            break;
    }
    // Text is at most kMaxStringBytes bytes of UTF-8 (lang: 16), which JSON Schema cannot count.
    w.member("x-csv-column", f.column).end_object();
}

// The members under `prefix` ("" or "/vehicle/"), in the table's order of first appearance.
void properties(JsonWriter& w, std::string_view prefix) {
    w.key("properties").begin_object();
    std::vector<std::string_view> done;
    for (const auto& f : detail::kFields) {
        if (f.pointer.substr(0, prefix.size()) != prefix) continue;
        const auto rest = f.pointer.substr(prefix.size());
        const auto slash = rest.find('/');
        const auto name = rest.substr(0, slash);
        if (std::find(done.begin(), done.end(), name) != done.end()) continue;
        done.push_back(name);
        w.key(name);
        if (slash == std::string_view::npos) {
            field_schema(w, f);
        } else {
            w.begin_object();
            nullable(w, "object");
            properties(w, f.pointer.substr(0, prefix.size() + slash + 1));
            w.end_object();
        }
    }
    w.end_object();
}

}  // namespace

std::string request_schema_json() {
    JsonWriter w(8 * 1024);
    w.begin_object()
        .member("$schema", "https://json-schema.org/draft/2020-12/schema")
        .member("$id", "request.schema.json")
        .member("title", "EV Export Check request, contract v1 (docs/CONTRACT.md)")
        .member("description",
                "Every field is optional: absent means not known. Members not listed here are ignored. "
                "x-csv-column names the field's column in a batch CSV. Generated by `evexport schema`.")
        .member("type", "object");
    properties(w, "/");
    return w.end_object().take();
}

}  // namespace evexport
