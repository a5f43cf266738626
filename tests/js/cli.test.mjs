// The native CLI never crashes: every bad input ends in exit 2 with the contract's structured error
// (or a usage message for bad arguments), never a signal.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { root } from './corpus.mjs';

const cli = join(root, 'build', 'native', 'evexport');
const run = (args, input) => spawnSync(cli, args, { input, encoding: 'buffer', maxBuffer: 1 << 24 });

test('bad request bodies exit 2 with a structured error', () => {
  const inputs = [
    Buffer.from(''),
    Buffer.from('null'),
    Buffer.from('[]'),
    Buffer.from('{"as_of":"2026-02-30"}'),
    Buffer.from(`{"vehicle":{"vin":${'['.repeat(100000)}`),
    Buffer.from(`{"a":"${'x'.repeat(200000)}"}`),
    Buffer.from([0xff, 0xfe, 0x00, 0x7b]),
    Buffer.from('{"vehicle":{"make":"\u0000"}}'),
  ];
  for (let i = 0; i < 200; i++) inputs.push(randomBytes(1 + ((i * 37) % 3000)));
  for (const input of inputs) {
    const r = run(['check', '-'], input);
    assert.equal(r.signal, null);
    const out = r.stdout.toString();
    assert.equal(r.status, 2, out);
    assert.ok(['invalid_json', 'invalid_field', 'too_large'].includes(JSON.parse(out).error.code), out);
  }
});

test('bad arguments exit 2 with a usage message', () => {
  for (const args of [
    [],
    ['nonsense'],
    ['check', '/no/such/file'],
    ['vin'],
    ['uscc', 'a', 'b'],
    ['vin', 'X', '--as-of', '2026-02-30'],
    ['rules', '--ruleset', '/no/such/file'],
  ]) {
    const r = run(args);
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr.toString(), /usage: evexport/);
  }
});

test('identifiers of any bytes give JSON', () => {
  for (const arg of ['', 'x', '\u00e9'.repeat(30), 'LGXCE4CB6T0123456'.repeat(40), '"\\']) {
    for (const command of ['vin', 'uscc']) {
      const r = run([command, arg]);
      assert.equal(r.signal, null);
      assert.ok([0, 2].includes(r.status));
      JSON.parse(r.stdout.toString());
    }
  }
});

test('a malformed ruleset file is refused and names the place', () => {
  const r = run(['rules', '--ruleset', join(root, 'package.json')]);
  assert.equal(r.status, 2);
  assert.equal(JSON.parse(r.stdout.toString()).error.code, 'invalid_ruleset');
});

test('--translation adds a language; a pack that does not fit exits 2 with invalid_translation', () => {
  const dir = mkdtempSync(join(tmpdir(), 'evexport-translation-'));
  try {
    const pack = JSON.parse(readFileSync(join(root, 'core', 'rules', 'translations', 'es.json'), 'utf8'));
    const request = Buffer.from(
      '{"as_of":"2026-03-01","lang":"fr","vehicle":{"category":"passenger_car","powertrain":"bev","condition":"new"},' +
        '"exporter":{"role":"trader"}}',
    );
    // An invented French pack (the Spanish texts under another tag): the CLI takes it as given.
    writeFileSync(join(dir, 'fr.json'), JSON.stringify({ ...pack, lang: 'fr' }));
    const ok = run(['check', '-', '--translation', join(dir, 'fr.json')], request);
    assert.equal(ok.status, 0);
    assert.equal(JSON.parse(ok.stdout.toString()).reasons[0].text, pack.texts['rules/cn.licence.bev-2026/text']);
    writeFileSync(join(dir, 'short.json'), JSON.stringify({ ...pack, lang: 'fr', texts: {} }));
    const refused = run(['check', '-', '--translation', join(dir, 'short.json')], request);
    assert.equal(refused.status, 2);
    assert.equal(JSON.parse(refused.stdout.toString()).error.code, 'invalid_translation');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a directory is refused, never read as an empty input', () => {
  for (const args of [
    ['check', root],
    ['batch', '--format', 'csv', root],
    ['check', '-', '--registry', root],
  ]) {
    const r = run(args, Buffer.from('{}'));
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr.toString(), /cannot read/);
  }
});
