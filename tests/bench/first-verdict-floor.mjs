// The floor under the first verdict on this machine: a blank page whose only script loads the core
// (the same build, preloaded as the calculator preloads it) and draws one verdict. Whatever the page
// does beyond it shows as the difference from tests/bench/web.mjs (docs/BENCHMARKS.md).
// Reproduce: ./scripts/build && node tests/bench/first-verdict-floor.mjs [runs]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { preloadCore } from '../../web/preload-core.mjs';
import { openSite, paintedAt } from '../e2e/browser.mjs';
import { root } from '../js/corpus.mjs';

const runs = Number(process.argv[2] ?? 10);
// Built by Vite as the calculator is: one script with the JS API in it, the .wasm preloaded.
const core = process.env.EVEXPORT_CORE ?? join(root, 'build', 'wasm'); // another build of the core, to profile
const src = join(root, 'build', 'bench', 'floor-src');
const dir = join(root, 'build', 'bench', 'floor');
mkdirSync(src, { recursive: true });
writeFileSync(
  join(src, 'index.html'),
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>floor</title>
<link rel="icon" href="data:,">
<script type="module" src="./floor.js"></script></head><body><p id="verdict"></p></body></html>\n`,
);
writeFileSync(
  join(src, 'floor.js'),
  `import { createChecker } from '@core/index.mjs';
import wasmUrl from '@core/evexport.wasm?url';
performance.mark('evexport:core-requested');
createChecker({ wasmUrl }).then((checker) => {
  performance.mark('evexport:core-ready');
  const result = JSON.parse(checker.evaluateJson(JSON.stringify({ lang: 'en' })));
  const p = document.getElementById('verdict');
  p.setAttribute('elementtiming', 'verdict');
  p.textContent = result.verdict;
  p.dataset.verdict = result.verdict;
  performance.mark('evexport:first-verdict');
});
`,
);
await build({
  root: src,
  base: './',
  logLevel: 'error',
  configFile: false,
  resolve: { alias: { '@core': core } },
  build: { outDir: dir, emptyOutDir: true, target: 'es2022', assetsInlineLimit: 0, modulePreload: { polyfill: false } },
  plugins: [preloadCore()],
});

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const site = await openSite({ dir });
const marks = { 'evexport:core-requested': [], 'evexport:core-ready': [], 'evexport:first-verdict': [] };
const painted = []; // Element Timing: when the verdict's words were first painted
for (let i = 0; i < runs; i++) {
  const page = await site.page(); // a fresh context: nothing cached
  await page.goto(`${site.origin}/index.html`);
  await page.waitForSelector('#verdict[data-verdict]');
  for (const [name, times] of Object.entries(marks))
    times.push(await page.evaluate((n) => performance.getEntriesByName(n)[0].startTime, name));
  painted.push(await paintedAt(page, 'verdict'));
  if (page.errors.length) throw new Error(page.errors.join('\n'));
  await page.context().close();
}
await site.close();
const [requested, ready, verdict] = Object.values(marks).map(median);
console.log(
  `blank page, the core alone, medians of ${runs} cold loads: script runs ${requested.toFixed(0)} ms, ` +
    `core ready ${ready.toFixed(0)} ms, first verdict ${verdict.toFixed(0)} ms, ` +
    `painted ${median(painted).toFixed(0)} ms`,
);
