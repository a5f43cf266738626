// The download a browser makes for the core: evexport.wasm + its JS glue, gzip -9.
// Budget (issue 3): 150 KiB. `--check` exits 1 when over it. Reproduce: node tests/bench/size.mjs
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET = 150 * 1024;
const root = join(import.meta.dirname, '..', '..');
const gz = (path) => gzipSync(readFileSync(path), { level: 9 }).length;
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;

const wasm = gz(join(root, 'build/wasm/evexport.wasm'));
const glue = gz(join(root, 'build/wasm/evexport.mjs'));
const core = wasm + glue;

const assets = join(root, 'build/site/assets');
let site = gz(join(root, 'build/site/index.html'));
for (const f of readdirSync(assets)) site += gz(join(assets, f));

console.log(`core (evexport.wasm ${kib(wasm)} + glue ${kib(glue)}): ${kib(core)} gzip, budget ${kib(BUDGET)}`);
console.log(`whole calculator page (HTML, JS, CSS, wasm): ${kib(site)} gzip`);
if (process.argv.includes('--check') && core > BUDGET) {
  console.error(`over budget by ${kib(core - BUDGET)}`);
  process.exit(1);
}
