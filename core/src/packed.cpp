// One list of a ruleset's members, walked by the writer and by the reader alike, so the two cannot
// disagree on the order. Two streams: numbers (LEB128 varints: counts, enums, dates, and a source
// referred to as its position among the ruleset's sources plus one, 0 for none), then the strings,
// each ended by a NUL, which gzip as well as the JSON's texts. The packed form is a checksum of the
// rest (FNV-1a, 4 bytes, little-endian), the numbers' length, the numbers, the strings. Only the
// build's own bytes are read so, not a file anyone hands over: the checksum refuses damaged bytes,
// and no member is checked again as the loader checked it. A string holding a NUL cannot be packed.
#include "packed.hpp"

#include <cstdint>
#include <type_traits>

namespace evexport::detail {

namespace {

template <class Io> void members(Io& io, Source& s) {
    io(s.id, s.title, s.title_en, s.number, s.issued, s.effective, s.url, s.grade, s.note, s.translated_title);
}
template <class Io> void members(Io& io, VehiclePattern& p) { io(p.category, p.powertrains, p.condition); }
template <class Io> void members(Io& io, Rule& r) {
    io(r.id, r.kind, r.from, r.until, r.note, r.source, r.clause, r.dossier, r.confidence, r.text, r.documents,
       r.obligations, r.licence, r.regime, r.hs, r.vehicles, r.earlier_not_covered, r.categories,
       r.authorization_documents, r.trade_mode, r.roles, r.own_products_only, r.max_days, r.transferred_before);
}
template <class Io> void members(Io& io, HsCode& h) { io(h.hs, h.category, h.powertrains, h.condition, h.derive); }
template <class Io> void members(Io& io, Entry& e) { io(e.code, e.source, e.clause, e.dossier, e.text); }
template <class Io> void members(Io& io, PaperEntry::Verify& v) { io(v.how, v.url, v.source, v.text); }
template <class Io> void members(Io& io, PaperEntry& p) { io(p.code, p.label, p.verify); }
template <class Io> void members(Io& io, Change::Item& i) { io(i.rules, i.text); }
template <class Io> void members(Io& io, Change& c) { io(c.version, c.date, c.source, c.items); }
template <class Io> void members(Io& io, Text& t) { io(t.by_lang); }
// The ruleset's own members; its hash, languages, indexes and render cache are set by the load.
template <class Io> void members(Io& io, Ruleset& r) {
    io(r.id, r.version, r.compiled, r.title, r.sources, r.documents, r.obligations, r.rules, r.hs_codes, r.questions,
       r.messages, r.labels, r.papers, r.changes);
}

void put_number(std::string& out, std::uint32_t n) {
    for (; n >= 0x80; n >>= 7) out.push_back(char(n | 0x80));
    out.push_back(char(n));
}
bool take_number(std::string_view& in, std::uint32_t& n) {
    n = 0;
    for (int shift = 0; shift < 35 && !in.empty(); shift += 7) {
        const auto byte = std::uint8_t(in.front());
        in.remove_prefix(1);
        n |= std::uint32_t(byte & 0x7f) << shift;
        if (!(byte & 0x80)) return true;
    }
    n = 0;
    return false;
}

std::uint32_t fnv1a(std::string_view bytes) {
    std::uint32_t hash = 2166136261u;
    for (const char c : bytes) hash = (hash ^ std::uint8_t(c)) * 16777619u;
    return hash;
}

template <class T>
concept Scalar = std::is_enum_v<T> || std::is_same_v<T, bool> || std::is_same_v<T, int>;

// Writes (Write) or reads the members it is given; a read past the end clears `ok`.
template <bool Write> class Io {
public:
    Io(Ruleset& ruleset, std::string_view numbers, std::string_view strings)
        : ruleset_(ruleset), in_(numbers), strings_(strings) {}

    std::string out, strings_out;
    bool ok() const { return ok_; }
    bool at_end() const { return in_.empty() && strings_.empty(); }

    template <class... T> void operator()(T&... values) { (field(values), ...); }

private:
    Ruleset& ruleset_;
    std::string_view in_, strings_;
    bool ok_ = true;

    std::uint32_t number(std::uint32_t n = 0) {
        if constexpr (Write) put_number(out, n);
        else if (!take_number(in_, n)) ok_ = false;
        return n;
    }
    // A count: each thing counted takes a byte at least (a number, or a string's NUL), so none is
    // larger than what is left.
    std::size_t count(std::size_t n) {
        if constexpr (Write) {
            number(std::uint32_t(n));
            return n;
        } else {
            n = number();
            if (n > in_.size() + strings_.size()) ok_ = false;
            return ok_ ? n : 0;
        }
    }

    void field(std::string& s) {
        if constexpr (Write) {
            if (s.find('\0') != std::string::npos) ok_ = false;
            strings_out.append(s).push_back('\0');
        } else {
            const auto end = strings_.find('\0');
            if (end == std::string_view::npos) return void(ok_ = false);
            s.assign(strings_.substr(0, end));
            strings_.remove_prefix(end + 1);
        }
    }
    template <Scalar T> void field(T& value) {
        if constexpr (Write) number(std::uint32_t(value));
        else value = T(number());
    }
    void field(Date& date) {  // days since 1970 as a 32-bit two's complement number
        if constexpr (Write) number(std::uint32_t(date.days.time_since_epoch().count()));
        else date.days = std::chrono::sys_days(std::chrono::days(std::int32_t(number())));
    }
    template <class T> void field(std::optional<T>& value) {
        bool has = value.has_value();
        field(has);
        if (!has) return;
        if constexpr (!Write) value.emplace();
        field(*value);
    }
    template <class T> void field(std::vector<T>& list) {
        const auto n = count(list.size());
        if constexpr (Write) {
            for (auto& item : list) field(item);
        } else {
            // push_back, as the JSON loader appends: the download carries one way to grow each list.
            for (std::size_t i = 0; i < n && ok_; ++i) {
                T item{};
                field(item);
                list.push_back(std::move(item));
            }
        }
    }
    template <class A, class B> void field(std::pair<A, B>& pair) { (*this)(pair.first, pair.second); }
    void field(std::map<std::string, Text, std::less<>>& map) {
        const auto n = count(map.size());
        if constexpr (Write) {
            for (auto& [key, text] : map) (*this)(const_cast<std::string&>(key), text);
        } else {
            for (std::size_t i = 0; i < n && ok_; ++i) {
                std::string key;
                Text text;
                (*this)(key, text);
                map.emplace(std::move(key), std::move(text));
            }
        }
    }
    void field(std::unique_ptr<Source>& source) {
        if constexpr (!Write) source = std::make_unique<Source>();
        members(*this, *source);
    }
    void field(const Source*& source) {
        auto& sources = ruleset_.sources;
        if constexpr (Write) {
            std::uint32_t at = 0;
            for (std::size_t i = 0; i < sources.size(); ++i)
                if (sources[i].get() == source) at = std::uint32_t(i + 1);
            number(at);
        } else {
            const auto at = number();
            if (at > sources.size()) ok_ = false;
            source = at && ok_ ? sources[at - 1].get() : nullptr;
        }
    }
    template <class T>
    requires std::is_class_v<T>
    void field(T& value) { members(*this, value); }
};

}  // namespace

std::optional<std::string> pack_ruleset(const Ruleset& ruleset) {
    // The writer takes the members by reference, as the reader does, and only reads them.
    auto& members_of = const_cast<Ruleset&>(ruleset);
    Io<true> io(members_of, {}, {});
    members(io, members_of);
    if (!io.ok()) return std::nullopt;
    std::string body;
    put_number(body, std::uint32_t(io.out.size()));
    body += io.out + io.strings_out;
    std::string packed;
    for (auto hash = fnv1a(body); packed.size() < 4; hash >>= 8) packed.push_back(char(hash & 0xff));
    return packed + body;
}

bool unpack_ruleset(std::string_view bytes, Ruleset& into) {
    if (bytes.size() < 4) return false;
    std::uint32_t sum = 0;
    for (int i = 3; i >= 0; --i) sum = (sum << 8) | std::uint8_t(bytes[std::size_t(i)]);
    bytes.remove_prefix(4);
    std::uint32_t n = 0;
    if (sum != fnv1a(bytes) || !take_number(bytes, n) || n > bytes.size()) return false;
    Io<false> io(into, bytes.substr(0, n), bytes.substr(n));
    members(io, into);
    return io.ok() && io.at_end();
}

}  // namespace evexport::detail
