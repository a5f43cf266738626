// Packs a ruleset file for the WebAssembly build (core/src/packed.hpp): loads it, so the loader checks
// it as it checks every ruleset, and writes its packed form. Built natively; the wasm build runs it.
// Usage: pack-ruleset RULESET.json OUT
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>

#include "evexport/ruleset.hpp"
#include "packed.hpp"

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fputs("usage: pack-ruleset RULESET.json OUT\n", stderr);
        return 2;
    }
    std::ifstream in(argv[1], std::ios::binary);
    const std::string text{std::istreambuf_iterator<char>(in), {}};
    auto loaded = evexport::Ruleset::load(text);
    if (auto* error = std::get_if<evexport::Error>(&loaded)) {
        std::fprintf(stderr, "pack-ruleset: %s: invalid at %s: %s\n", argv[1], error->field.c_str(),
                     error->message.c_str());
        return 1;
    }
    const auto packed = evexport::detail::pack_ruleset(*std::get<std::shared_ptr<const evexport::Ruleset>>(loaded));
    if (!packed) {
        std::fprintf(stderr, "pack-ruleset: %s: a text holds a NUL character, which cannot be packed\n", argv[1]);
        return 1;
    }
    std::ofstream out(argv[2], std::ios::binary);
    out.write(packed->data(), std::streamsize(packed->size()));
    return out ? 0 : 1;
}
