// Writes the fuzzers' seed corpora from tests/cases (requests), core/rules (rulesets) and the
// identifiers in the corpus and the registry test file. Usage: node tests/fuzz/seeds.mjs OUTDIR
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCases, root } from '../js/corpus.mjs';

const out = process.argv[2] ?? join(root, 'build', 'fuzz', 'seeds');
const put = (dir, name, text) => {
  mkdirSync(join(out, dir), { recursive: true });
  writeFileSync(join(out, dir, name), text);
};

const ids = new Set([
  'LGXCE4CB6T0123456',
  '1M8GDM9AXKP042788',
  '91350100M000100Y43',
  '91350211M00013FA1N',
  'LVVDC2IB1PD196O21',
]);
loadCases().forEach((c, i) => {
  put('request', `case-${i}.json`, c.requestText);
  let request;
  try {
    request = JSON.parse(c.requestText);
  } catch {
    return; // the bad-input cases are seeds too, but hold no identifiers
  }
  if (request?.vehicle?.vin) ids.add(request.vehicle.vin);
  if (request?.exporter?.uscc) ids.add(request.exporter.uscc);
});
put('ruleset', 'builtin.json', readFileSync(join(root, 'core', 'rules', 'cn-vehicle-export.json')));
// The destination data, cut to three markets (and the sources they cite) to fit the fuzzer's input length.
{
  const data = JSON.parse(readFileSync(join(root, 'core', 'rules', 'destinations.json'), 'utf8'));
  data.markets = data.markets.filter((m) => ['BR', 'CA', 'MX'].includes(m.country));
  const cited = new Set(data.markets.flatMap((m) => [...m.entry, ...m.charges].flatMap((i) => i.sources)));
  data.sources = data.sources.filter((s) => cited.has(s.id));
  put('destinations', 'three-markets.json', JSON.stringify(data));
}
for (const [i, id] of [...ids].entries()) put('identifiers', `id-${i}.txt`, String(id));
put('identifiers', 'registry.json', readFileSync(join(root, 'tests', 'registry', 'fictional-2026.json')));
// Batch seeds: the first byte picks the chunk size the harness cuts the rest into.
put('batch', 'template.csv', `\x05${readFileSync(join(root, 'public', 'template.csv'), 'utf8')}`);
put('batch', 'quoted.csv', '\x02\uFEFFid,make,note\r\n"a,1",BYD,"x ""y"" z"\r\n"b\nc",,\r\n"open');
put(
  'batch',
  'lines.jsonl',
  '\x03' +
    loadCases()
      .slice(0, 20)
      .map((c) => c.requestText.replace(/\n/g, ' '))
      .join('\n'),
);
console.log(`seeds in ${out}`);
