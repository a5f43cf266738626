// Where a cold load's first verdict goes: a Chromium trace of one load, after two warm-up loads,
// printed as the page's main-thread and compiler events from navigation to the verdict (the calculator,
// or with --floor the blank page of first-verdict-floor.mjs, which must have been built by it).
// Reproduce: ./scripts/build && node tests/bench/first-verdict-trace.mjs [--floor] [min ms]
import { join } from 'node:path';
import { openSite } from '../e2e/browser.mjs';
import { root } from '../js/corpus.mjs';

const floor = process.argv.includes('--floor');
const min = Number(process.argv.find((a) => /^[0-9.]+$/.test(a)) ?? 1);
const site = await openSite(floor ? { dir: join(root, 'build', 'bench', 'floor') } : {});
const url = `${site.origin}/index.html`;
const load = async (page) => {
  await page.goto(url);
  await page.waitForSelector('[data-verdict]');
};
for (let i = 0; i < 2; i++) {
  const page = await site.page();
  await load(page);
  await page.context().close();
}
const page = await site.page();
const categories = ['devtools.timeline', 'v8', 'v8.wasm', 'blink.user_timing', 'loading'];
await site.browser.startTracing(page, { categories: [...categories, 'disabled-by-default-devtools.timeline'] });
await load(page);
const trace = JSON.parse((await site.browser.stopTracing()).toString());
await site.close();

const events = trace.traceEvents ?? trace;
const threads = new Map(events.filter((e) => e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args.name]));
const start = Math.min(...events.filter((e) => e.name === 'navigationStart').map((e) => e.ts));
const pid = events.find((e) => e.name.startsWith('evexport:')).pid; // the page's renderer
// To 80 ms after the last mark: the verdict's paint follows it.
const marked = events.filter((e) => e.pid === pid && e.name.startsWith('evexport:')).map((e) => e.ts);
const end = Math.max(...marked) + 80_000;
let lazy = 0;
let lazyCount = 0;
for (const e of events) {
  if (e.pid !== pid || e.ts > end) continue;
  if (e.name === 'wasm.CompileLazy') {
    lazy += e.dur / 1000;
    lazyCount++;
  }
  const mark = e.name.startsWith('evexport:');
  if (!mark && ((e.dur ?? 0) < min * 1000 || /RunTask|ThreadController|URLLoader/.test(e.name))) continue;
  const at = ((e.ts - start) / 1000).toFixed(1).padStart(6);
  const took = mark ? '' : `${((e.dur ?? 0) / 1000).toFixed(1)} ms`;
  const what = e.args?.data?.url ?? '';
  console.log(`${at}  ${took.padStart(8)}  ${(threads.get(`${e.pid}:${e.tid}`) ?? '').padEnd(22)} ${e.name} ${what}`);
}
console.log(`wasm functions compiled lazily on the main thread: ${lazyCount}, ${lazy.toFixed(1)} ms`);
