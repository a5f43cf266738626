# Shared by scripts/build, scripts/test and scripts/serve: install what is missing, then build.
# Everything comes from Debian's packages and the npm registry (see README, "Set-up").
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export NODE_PATH=/usr/share/nodejs   # emcc's JS optimiser needs Debian's node modules (TOOLCHAIN.md)
JOBS="${JOBS:-2}"

log() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# Debian packages the project needs, each with a file that shows it is there.
declare -A NEEDS=(
  [cmake]=/usr/bin/cmake
  [g++]=/usr/bin/g++
  [make]=/usr/bin/make
  [emscripten]=/usr/bin/em++
  [nlohmann-json3-dev]=/usr/include/nlohmann/json.hpp
  [googletest]=/usr/src/googletest/CMakeLists.txt
  [libgtest-dev]=/usr/include/gtest/gtest.h
  [libbenchmark-dev]=/usr/include/benchmark/benchmark.h
  [nodejs]=/usr/bin/node
  [npm]=/usr/bin/npm
  [chromium]=/usr/bin/chromium
  # Chinese glyphs for the browser tests: the printed report is measured with real characters, not boxes.
  [fonts-noto-cjk]=/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
  [clang]=/usr/bin/clang++
  [libclang-rt-14-dev]=/usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.fuzzer-x86_64.a
  [clang-format-14]=/usr/bin/clang-format-14
)

ensure_packages() {
  local missing=()
  for pkg in "${!NEEDS[@]}"; do [ -e "${NEEDS[$pkg]}" ] || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]} (apt-get)"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

ensure_node_modules() {
  # npm ci when node_modules is missing or older than the lock file.
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    log "npm ci"
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

build_all() {
  ensure_packages
  ensure_node_modules
  log "native build (build/native)"
  cmake --preset native >/dev/null
  cmake --build --preset native -j "$JOBS"
  log "wasm build (build/wasm)"
  cmake --preset wasm >/dev/null
  cmake --build --preset wasm -j "$JOBS"
  log "site (build/site)"
  npx tsc -p web/tsconfig.json --noEmit
  npx vite build --config web/vite.config.ts --logLevel warn
  log "widget (build/site/embed/v1) and package (build/package)"
  npx vite build --config web/widget.vite.config.ts --logLevel warn
  node scripts/package.mjs
}
