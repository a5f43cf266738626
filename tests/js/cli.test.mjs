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

// Files as spreadsheets save them (tests/cases/files/): each read in its encoding, giving its UTF-8
// twin's answers however it is fed (a file, or stdin in pieces); one in no known encoding is refused.
test('batch reads GBK, UTF-16, ";" and spreadsheet dates as their UTF-8 twin, and refuses what is not text', () => {
  const dir = join(root, 'tests', 'cases', 'files');
  const { files } = JSON.parse(readFileSync(join(dir, 'files.json'), 'utf8'));
  for (const f of files) {
    const bytes = readFileSync(join(dir, f.file));
    const r = run(['batch', '--format', 'csv', '-'], bytes);
    if (!f.encoding) {
      assert.equal(r.status, 2, f.file);
      assert.equal(r.stdout.length, 0, `${f.file}: nothing is answered from a misread file`);
      assert.match(r.stderr.toString(), /not text in UTF-8, UTF-16 .* or GBK/);
      continue;
    }
    const twin = run(['batch', '--format', 'csv', join(dir, f.twin)]);
    assert.equal(r.status, 0, `${f.file}: ${r.stderr}`);
    assert.equal(r.stdout.toString(), twin.stdout.toString(), f.file);
    if (f.encoding !== 'utf-8') assert.match(r.stderr.toString(), /read as (GBK|UTF-16)/, f.file);
  }
  // A malformed sequence after the first 64 KiB stops the reading there, with the rows before it answered.
  const gbk = readFileSync(join(dir, 'inventory-gbk.csv'));
  const row = gbk.subarray(gbk.indexOf(0x0a) + 1);
  const long = Buffer.concat([gbk, ...Array(200).fill(row), Buffer.from([0x31, 0x2c, 0x80, 0x0d, 0x0a])]);
  const r = run(['batch', '--format', 'csv', '-'], long);
  assert.equal(r.status, 2);
  assert.match(r.stderr.toString(), /byte \d+ is not GB18030 text/);
  assert.ok(r.stdout.toString().split('\n').length > 1000);
});

test("batch --lang and --link: each row's message in that language, and a link with its request", () => {
  const csv = Buffer.from(
    'id,as_of,make,category,powertrain,condition,exporter_role\n1,2026-03-01,BYD,passenger_car,bev,new,trader\n',
  );
  const r = run(['batch', '--format', 'csv', '--lang', 'ru', '--link', 'https://example.org/ev/', '-'], csv);
  assert.equal(r.status, 0, r.stderr.toString());
  const [header, row] = r.stdout.toString().trim().split('\n');
  assert.match(header, /,vin,make,model,message,link$/);
  assert.match(row, /,BYD,,Не разрешено: /);
  const link = new URL(row.slice(row.lastIndexOf(',') + 1));
  // The short form: the row's fields by their column names.
  assert.equal(
    link.hash,
    '#as_of=2026-03-01&make=BYD&category=passenger_car&powertrain=bev&condition=new&exporter_role=trader',
  );
  const bad = run(['batch', '--format', 'csv', '--link', 'javascript:alert(1)', '-'], csv);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr.toString(), /http:\/\/ or https:\/\//);
});
