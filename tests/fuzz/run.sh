#!/usr/bin/env bash
# Runs each fuzzer for SECONDS seconds (default 15; scripts/test uses 10 x 6 = 60 s), from the seeds.
# A crash leaves its input in build/fuzz/artifacts/ and fails the run; make it a case in tests/cases.
# Longer run: tests/fuzz/run.sh 3600
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-15}"
node tests/fuzz/seeds.mjs build/fuzz/seeds >/dev/null
mkdir -p build/fuzz/artifacts build/fuzz/corpus
for harness in request ruleset identifiers batch session destinations; do
  mkdir -p "build/fuzz/corpus/$harness"
  echo "fuzz_$harness: ${seconds}s"
  set +e
  build/fuzz/tests/fuzz/fuzz_$harness -max_total_time="$seconds" -max_len=70000 -print_final_stats=1 \
    -artifact_prefix=build/fuzz/artifacts/ "build/fuzz/corpus/$harness" "build/fuzz/seeds/${harness/session/batch}" \
    >"build/fuzz/$harness.log" 2>&1
  status=$?
  set -e
  grep -E "^stat::number_of_executed_units|ERROR|SUMMARY" "build/fuzz/$harness.log" || true
  if [ $status -ne 0 ]; then
    echo "fuzz_$harness failed (exit $status): input in build/fuzz/artifacts/, log in build/fuzz/$harness.log"
    exit 1
  fi
done
