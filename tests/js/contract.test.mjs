// The contract in the repository (docs/CONTRACT.md) and its two schemas: docs/request.schema.json is
// what `evexport schema` writes from the core's field table, every corpus request the core reads is
// valid under it and every answer on every path (JSON, fast path, CLI) under docs/result.schema.json;
// the raw module keeps contract v1's text calls (evaluate, vin, uscc, rulesetInfo).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Ajv2020 from 'ajv/dist/2020.js';
import { loadChecker, wasmDir } from './checker.mjs';
import { loadCases, root } from './corpus.mjs';

const cli = join(root, 'build', 'native', 'evexport');
const read = (name) => JSON.parse(readFileSync(join(root, 'docs', name), 'utf8'));
const requestSchema = read('request.schema.json');
const resultSchema = read('result.schema.json');
const ajv = new Ajv2020({ allErrors: true, strict: false });
const validRequest = ajv.compile(requestSchema);
const validResult = ajv.compile(resultSchema);
const cases = loadCases();
const checker = await loadChecker();
// The raw Emscripten module, as contract v1 describes it.
globalThis.__dirname = wasmDir;
const { default: createModule } = await import(join(wasmDir, 'evexport.mjs'));
const module = await createModule({ wasmBinary: readFileSync(join(wasmDir, 'evexport.wasm')) });

test('docs/request.schema.json is what the core writes from its field table', () => {
  const run = spawnSync(cli, ['schema'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(
    requestSchema,
    JSON.parse(run.stdout),
    'regenerate with: build/native/evexport schema > docs/request.schema.json',
  );
});

test('the schema has every field the fast path encodes, in the same types', () => {
  const fields = [];
  const walk = (node, prefix) => {
    for (const [name, sub] of Object.entries(node.properties)) {
      if (sub.properties) walk(sub, `${prefix}/${name}`);
      else fields.push([`${prefix}/${name}`, sub.type?.[0] === 'boolean']);
    }
  };
  walk(requestSchema, '');
  // The core's field table as the JS API's fast path reads it (tables_json, "fields").
  const tables = JSON.parse(module.tables('en'));
  assert.deepEqual(fields.sort(), tables.fields.sort());
});

test(
  'every corpus request the core reads is valid under the request schema, ' +
    'and every answer under the result schema',
  () => {
    let read = 0;
    for (const c of cases) {
      let request;
      try {
        request = JSON.parse(c.requestText);
      } catch {
        continue; // a case of malformed JSON
      }
      const json = JSON.parse(checker.evaluateJson(c.requestText));
      assert.ok(validResult(json), `${c.file} ${c.name} (JSON path): ${ajv.errorsText(validResult.errors)}`);
      const fast = checker.evaluate(request);
      assert.ok(validResult(fast), `${c.file} ${c.name} (fast path): ${ajv.errorsText(validResult.errors)}`);
      if (!json.error) {
        read++;
        assert.ok(validRequest(request), `${c.file} ${c.name}: ${ajv.errorsText(validRequest.errors)}`);
      }
    }
    assert.ok(read > 100, `only ${read} cases read`);
  },
);

test('a request the schema refuses for a type or value, the core refuses too, naming the field', () => {
  const bad = [
    [{ vehicle: { category: 'spaceship' } }, '/vehicle/category'],
    [{ vehicle: { modified: 'yes' } }, '/vehicle/modified'],
    [{ as_of: '2026/01/01' }, '/as_of'],
    [{ vehicle: { hs_code: '87038010' } }, '/vehicle/hs_code'],
    [{ shipment: { destination: 'kz' } }, '/shipment/destination'],
    [{ exporter: { role: 'broker' } }, '/exporter/role'],
  ];
  for (const [request, field] of bad) {
    assert.equal(validRequest(request), false, JSON.stringify(request));
    const answer = checker.evaluate(request);
    assert.equal(answer.error?.field, field, JSON.stringify(answer));
  }
});

test('the CLI answers under the result schema', () => {
  for (const c of cases.slice(0, 40)) {
    const run = spawnSync(cli, ['check', '-'], { input: c.requestText, encoding: 'utf8' });
    assert.ok(validResult(JSON.parse(run.stdout)), `${c.name}: ${ajv.errorsText(validResult.errors)}`);
  }
});

test('the raw module keeps contract v1: evaluate(requestJson) → resultJson, and vin, uscc, rulesetInfo', () => {
  const request = JSON.stringify({
    as_of: '2026-03-01',
    vehicle: { category: 'passenger_car', powertrain: 'bev', condition: 'new' },
  });
  const text = module.evaluate(request);
  assert.equal(typeof text, 'string');
  assert.deepEqual(JSON.parse(text), JSON.parse(checker.evaluateJson(request)));
  assert.equal(JSON.parse(module.vin('LGXCE4CB6T0123456')).vin, 'LGXCE4CB6T0123456');
  assert.equal(typeof JSON.parse(module.uscc('91110000100000000A')), 'object');
  assert.equal(JSON.parse(module.rulesetInfo('en')).id, JSON.parse(checker.evaluateJson(request)).ruleset.id);
});
