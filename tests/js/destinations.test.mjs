// The destination data (issue 14): its schema and its loader say the same, every surface has it, and
// nothing about a destination changes China's verdict.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import Ajv2020 from 'ajv/dist/2020.js';
import { loadChecker } from './checker.mjs';
import { root } from './corpus.mjs';

const cli = join(root, 'build', 'native', 'evexport');
const text = readFileSync(join(root, 'core', 'rules', 'destinations.json'), 'utf8');
const data = JSON.parse(text);
const schema = JSON.parse(readFileSync(join(root, 'core', 'rules', 'destinations.schema.json'), 'utf8'));
const validate = new Ajv2020({ allErrors: true }).compile(schema);
const dir = mkdtempSync(join(tmpdir(), 'evexport-destinations-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const checker = await loadChecker();

// What the CLI's loader says of a file: its exit status and, when refused, the error.
function load(doc, name) {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, typeof doc === 'string' ? doc : JSON.stringify(doc));
  const run = spawnSync(cli, ['destinations', '--destinations', file], { encoding: 'utf8' });
  return { status: run.status, out: JSON.parse(run.stdout) };
}

test('the built-in data is valid by the schema and by the loader', () => {
  assert.ok(validate(data), JSON.stringify(validate.errors, null, 2));
  const { status, out } = load(data, 'builtin');
  assert.equal(status, 0, JSON.stringify(out));
  assert.equal(out.version, data.version);
});

test('the 17 markets of the dossier and the addendum’s are there, each verified and cited', () => {
  const countries = new Set(data.markets.map((m) => m.country));
  for (const c of [
    'EU',
    'US',
    'CA',
    'MX',
    'BR',
    'TR',
    'RU',
    'GB',
    'AU',
    'IN',
    'ID',
    'TH',
    'KZ',
    'AE',
    'SA',
    'IL',
    'CL',
  ])
    assert.ok(countries.has(c), c);
  for (const c of ['KG', 'UZ', 'NZ', 'PK', 'NG', 'EG', 'JO']) assert.ok(countries.has(c), c);
  const eu = data.markets.find((m) => m.country === 'EU');
  assert.equal(eu.members.length, 27);
  const listed = JSON.parse(execFileSync(cli, ['destinations'], { encoding: 'utf8' }));
  for (const m of listed.markets) {
    assert.match(m.verified, /^\d{4}-\d{2}-\d{2}$/, m.country);
    assert.ok(m.sources.length > 0, `${m.country} cites nothing`);
  }
});

test('a key out of place, a missing one or a broken reference is refused by both, naming it', () => {
  const refusals = [
    ['stray key', (d) => (d.markets[0].charges[0].rates = 1), '/markets/0/charges/0/rates'],
    ['unknown fact', (d) => (d.markets[0].entry[0].when = { colour: 'red' }), '/markets/0/entry/0/when/colour'],
    ['no source', (d) => (d.markets[1].charges[0].sources = ['nowhere']), '/markets/1/charges/0/sources/0'],
    ['no effect', (d) => delete d.markets[0].entry[0].effect, '/markets/0/entry/0/effect'],
    ['no rate nor amount', (d) => delete d.markets[1].charges[0].rate_percent, '/markets/1/charges/0'],
  ];
  for (const [what, change, field] of refusals) {
    const doc = structuredClone(data);
    change(doc);
    const { status, out } = load(doc, what.replace(/ /g, '-'));
    assert.equal(status, 2, what);
    assert.equal(out.error.code, 'invalid_destinations', what);
    assert.ok(out.error.field.startsWith(field), `${what}: ${out.error.field}`);
    if (what !== 'no source' && what !== 'no rate nor amount') assert.equal(validate(doc), false, `${what}: schema`);
  }
});

test('the JS API loads the file beside the .wasm, refuses bad data and keeps what it had', async () => {
  const info = checker.destinations('en');
  assert.equal(info.version, data.version);
  const refused = await checker.loadDestinations({ schema: 'evexport-destinations/1' });
  assert.equal(refused.error.code, 'invalid_destinations');
  assert.equal(checker.destinations().version, data.version);
});

test('China’s verdict is the same whatever the destination; the destination is its own answer', () => {
  const base = {
    as_of: '2026-11-29',
    vehicle: { category: 'passenger_car', powertrain: 'bev', condition: 'used', registration_date: '2026-01-10' },
    exporter: { role: 'used_car_exporter', listed: true, registered_owner: true },
    evidence: { quality_report: true },
  };
  const verdicts = new Set();
  for (const m of data.markets) {
    const r = checker.evaluate({ ...base, shipment: { destination: m.members?.[0] ?? m.country } });
    verdicts.add(r.verdict);
    assert.ok(r.destination, m.country);
  }
  assert.equal(verdicts.size, 1);
  const none = checker.evaluate({ ...base, shipment: {} });
  assert.equal(none.destination, undefined);
  assert.equal(none.verdict, [...verdicts][0]);
});

test('the generated date cases are those the data gives (run tests/cases/destinations-generate.mjs)', async () => {
  const { generate } = await import('../cases/destinations-generate.mjs');
  const onFile = JSON.parse(readFileSync(join(root, 'tests', 'cases', 'destinations-dates.json'), 'utf8'));
  assert.deepEqual(onFile, JSON.parse(JSON.stringify(generate(data))));
});

test('every destination text has its translation in every language, placeholders kept', () => {
  const { languages } = JSON.parse(execFileSync(cli, ['destinations'], { encoding: 'utf8' }));
  for (const lang of ['zh', 'ru', 'es', 'pt-BR', 'ar']) {
    const pack = JSON.parse(readFileSync(join(root, 'core', 'rules', 'destinations', `${lang}.json`), 'utf8'));
    assert.equal(pack.version, data.version, lang);
    assert.ok(languages.includes(lang), lang);
    for (const m of data.markets)
      for (const item of [...m.entry, ...m.charges]) {
        const text = pack.texts[`items/${item.id}/text`];
        assert.ok(text, `${lang}: ${item.id}`);
        for (const p of item.text.en.match(/\{\w+\}/g) ?? []) assert.ok(text.includes(p), `${lang}: ${item.id} ${p}`);
      }
  }
});
