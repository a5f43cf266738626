// Long rows, fed as the page's worker feeds them (1 MiB slices), through the JS API: the reader is
// linear in every piece size (docs/SECURITY.md, item 6; before: 1.3 MB of long rows took 60 s and a
// 100 MB one-line file 105 s). Reproduce: ./scripts/build && node --no-experimental-fetch tests/bench/long-rows.mjs
import { loadChecker } from '../js/checker.mjs';

const checker = await loadChecker();
const SLICE = 1 << 20;
function time(label, text) {
  const run = checker.batch('csv');
  const start = performance.now();
  let out = '';
  for (let at = 0; at < text.length; at += SLICE) out += run.feed(text.slice(at, at + SLICE));
  out += run.finish();
  const seconds = (performance.now() - start) / 1000;
  console.log(
    `${label}: ${(text.length / 1e6).toFixed(1)} MB in ${seconds.toFixed(2)} s, ` +
      `${out.split('\n').length - 2} rows answered`,
  );
}
let rows = 'id,notes\n';
for (let i = 0; i < 20; i++) rows += `${i},${'x'.repeat(65_000 + i)}\n`;
time('20 rows of about 65 KB', rows);
time('one row of 100 MB', `id,notes\n1,${'x'.repeat(100_000_000)}\n`);
