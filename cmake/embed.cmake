# Writes a C++ source that holds a data file's bytes, so the library needs no file at run time.
# Run as: cmake -DINPUT=… -DOUTPUT=… -DSYMBOL=… -P embed.cmake
file(READ "${INPUT}" hex HEX)
file(SHA256 "${INPUT}" sha256)
string(LENGTH "${hex}" hex_length)
math(EXPR size "${hex_length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "(0x[0-9a-f][0-9a-f],){32}" "\\0\n" bytes "${bytes}")
file(WRITE "${OUTPUT}.tmp"
"// Generated from ${INPUT} by cmake/embed.cmake. Do not edit.\n"
"#include <string_view>\n"
"namespace evexport::embedded {\n"
"namespace { const unsigned char data[] = {\n${bytes}0};\n}\n"
"std::string_view ${SYMBOL}() { return {reinterpret_cast<const char*>(data), ${size}}; }\n"
"std::string_view ${SYMBOL}_sha256() { return \"${sha256}\"; }\n"
"}\n")
file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")
