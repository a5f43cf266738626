// The registry hook through the JS API: a portal loads its copy of the list once.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadChecker } from './checker.mjs';
import { root } from './corpus.mjs';

const checker = await loadChecker();
const fictional = JSON.parse(readFileSync(join(root, 'tests', 'registry', 'fictional-2026.json'), 'utf8'));
const request = (exporter) => ({
  as_of: '2026-03-01',
  vehicle: { make: 'BYD', category: 'passenger_car', powertrain: 'bev', condition: 'new' },
  exporter,
});

test('without a registry the list status is asked for', () => {
  checker.clearRegistry();
  const r = checker.evaluate(request({ uscc: '91440300MA5FK00171', role: 'manufacturer' }));
  assert.deepEqual(
    r.missing.map((m) => m.field),
    ['/exporter/listed'],
  );
});

test('with the registry it is looked up, and a false claim is caught', () => {
  assert.deepEqual(checker.loadRegistry(fictional), { loaded: 4, years: [2026, 2025], source: fictional.source });
  assert.equal(checker.evaluate(request({ uscc: '91440300MA5FK00171' })).verdict, 'conditional');
  const claim = checker.evaluate(request({ uscc: '91350100M000100Y43', role: 'manufacturer', listed: true }));
  assert.equal(claim.verdict, 'not_permitted');
  assert.deepEqual(
    claim.warnings.map((w) => w.code),
    ['registry_mismatch'],
  );
});

test('a malformed registry is refused and the loaded one stays', () => {
  assert.equal(
    checker.loadRegistry('{"schema":1,"enterprises":[{"role":"trader","year":2026,"name":"x"}]}').error.code,
    'invalid_registry',
  );
  assert.equal(checker.loadRegistry('not json').error.code, 'invalid_registry');
  assert.equal(checker.evaluate(request({ uscc: '91440300MA5FK00171' })).verdict, 'conditional');
  checker.clearRegistry();
});
