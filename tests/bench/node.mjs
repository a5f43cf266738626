// One evaluation, JSON text in and out: the wasm module under node, and the native core
// (build/native/tests/bench_eval, from tests/bench/native_eval.cpp).
// Reproduce: ./scripts/build && node tests/bench/node.mjs
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { loadChecker } from '../js/checker.mjs';
import { root } from '../js/corpus.mjs';

const request = JSON.stringify({
  as_of: '2026-03-01',
  lang: 'en',
  vehicle: { vin: 'LGXCE4CB6T0123456', make: 'BYD', category: 'passenger_car', powertrain: 'bev', condition: 'new' },
  exporter: {
    role: 'authorized_exporter',
    listed: true,
    authorization: { brand: 'BYD', valid_from: '2026-01-01', valid_until: '2026-12-31' },
  },
});

const checker = await loadChecker();
const time = (n, f) => {
  for (let i = 0; i < n / 10; i++) f();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) f();
  return ((performance.now() - t0) / n) * 1000;
};
console.log(`wasm: evaluateJson ${time(20000, () => checker.evaluateJson(request)).toFixed(1)} µs per request`);
console.log(
  `wasm: evaluate (object in, object out) ${time(20000, () => checker.evaluate(JSON.parse(request))).toFixed(1)} ` +
    'µs per request',
);

// Native: the bench binary built by CMake (tests/bench/native_eval.cpp).
const native = join(root, 'build', 'native', 'tests', 'bench_eval');
console.log(execFileSync(native, [request], { encoding: 'utf8' }).trim());
