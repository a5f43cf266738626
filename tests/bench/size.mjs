// The downloads a browser makes, gzip -9: the core (evexport.wasm + its JS glue), the calculator
// page, the widget, and what each further language adds.
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

// The destination (issue 14), loaded when a destination is first named: the core's second build
// (its .wasm and glue) and the data.
const destinationsBuild =
  gz(join(root, 'build/wasm/evexport-destinations.wasm')) + gz(join(root, 'build/wasm/evexport-destinations.mjs'));
const destinationsData = gz(join(root, 'build/wasm/destinations.json'));

// The page in English: everything in assets/ but the other languages, which load when chosen, and
// the destination's build and data, which load when a destination is named.
const assets = join(root, 'build/site/assets');
const LANGUAGE = /^(zh|ru|es|pt-BR|ar)-[\w-]+\.(js|json)$/; // its strings (.js) and rule texts (.json)
const DESTINATION = /^(evexport-)?destinations-[\w-]+\.(js|json|wasm)$/;
// The printed report's facts and QR code (web/src/report.ts, with uqr): fetched after the first answer.
const REPORT = /^report-[\w-]+\.js$/;
let site = gz(join(root, 'build/site/index.html'));
let report = 0;
const language = {};
for (const f of readdirSync(assets)) {
  const lang = LANGUAGE.exec(f)?.[1];
  if (lang) language[lang] = (language[lang] ?? 0) + gz(join(assets, f));
  else if (REPORT.test(f)) report += gz(join(assets, f));
  else if (!DESTINATION.test(f)) site += gz(join(assets, f));
}

// The widget a portal page loads: the module (every language's strings inside) and the core; a
// translated language adds its rule texts.
const embed = join(root, 'build/site/embed/v1');
const widget = gz(join(embed, 'ev-export-check.js')) + gz(join(embed, 'evexport.wasm'));
const packs = Object.fromEntries(
  readdirSync(join(embed, 'translations')).map((f) => [f.replace('.json', ''), gz(join(embed, 'translations', f))]),
);

console.log(`core (evexport.wasm ${kib(wasm)} + glue ${kib(glue)}): ${kib(core)} gzip, budget ${kib(BUDGET)}`);
console.log(
  `calculator page in English (HTML, JS, CSS, wasm): ${kib(site)} gzip; another language adds ${Object.entries(language)
    .map(([l, n]) => `${l} ${kib(n)}`)
    .join(', ')}`,
);
console.log(
  `widget (ev-export-check.js + evexport.wasm): ${kib(widget)} gzip; a translated language adds ${Object.entries(packs)
    .map(([l, n]) => `${l} ${kib(n)}`)
    .join(', ')}`,
);
console.log(`the printed report's facts and QR code (report.ts, uqr), after the first answer: ${kib(report)} gzip`);
console.log(
  `destination, loaded when one is first named: the core's second build ${kib(destinationsBuild)}` +
    ` + data ${kib(destinationsData)} gzip`,
);
if (process.argv.includes('--check') && core > BUDGET) {
  console.error(`over budget by ${kib(core - BUDGET)}`);
  process.exit(1);
}
