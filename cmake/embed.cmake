# Writes a C++ source that holds a data file's bytes, so the library needs no file at run time.
# Run as: cmake -DINPUT=… -DOUTPUT=… -DSYMBOL=… -P embed.cmake
# With -DSLIM_RULESET=ON (the WebAssembly build, whose download the size budget counts), the members
# that only people read in the file — "dossier" section references and the notes of sources and
# customs codes — are left out of the embedded copy; the hash stays that of the file itself.
file(SHA256 "${INPUT}" sha256)
if(SLIM_RULESET)
  get_filename_component(slim "${OUTPUT}" DIRECTORY)
  set(slim "${slim}/${SYMBOL}.slim.json")
  execute_process(COMMAND node "${CMAKE_CURRENT_LIST_DIR}/slim-ruleset.mjs" "${INPUT}" "${slim}" RESULT_VARIABLE failed)
  if(failed)
    message(FATAL_ERROR "cmake/slim-ruleset.mjs failed on ${INPUT}")
  endif()
  set(INPUT "${slim}")
endif()
# With -DPACK=<tool> (the WebAssembly build's ruleset), what is embedded is the tool's packed form of
# it (core/src/packed.hpp), which a page's start reads without parsing JSON.
if(PACK)
  get_filename_component(packed "${OUTPUT}" DIRECTORY)
  set(packed "${packed}/${SYMBOL}.packed")
  execute_process(COMMAND "${PACK}" "${INPUT}" "${packed}" RESULT_VARIABLE failed)
  if(failed)
    message(FATAL_ERROR "${PACK} failed on ${INPUT}")
  endif()
  set(INPUT "${packed}")
endif()
file(READ "${INPUT}" hex HEX)
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
