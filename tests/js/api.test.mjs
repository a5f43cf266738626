// The JS API itself: objects in and out, no exception for any input.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadChecker } from './checker.mjs';

const checker = await loadChecker();

test('evaluate takes an object and returns the v1 result', () => {
  const result = checker.evaluate({
    as_of: '2026-03-01',
    vehicle: { vin: 'LGXCE4CB6T0123456', make: 'BYD', category: 'passenger_car', powertrain: 'bev', condition: 'new' },
    exporter: { role: 'manufacturer', listed: true },
  });
  assert.equal(result.verdict, 'conditional');
  assert.equal(result.licence_required, true);
  assert.equal(result.vehicle.hs_code, '8703801090');
  assert.equal(result.vehicle.manufacturer, 'BYD Auto Co., Ltd.');
  assert.match(result.ruleset.sha256, /^[0-9a-f]{64}$/);
});

test('bad input of every JS kind returns a structured error, never throws', () => {
  const circular = {};
  circular.self = circular;
  for (const input of [
    undefined,
    null,
    42,
    true,
    [],
    'not json',
    '{',
    circular,
    { as_of: 7 },
    { vehicle: { powertrain: 'steam' } },
    10n,
  ]) {
    const result = checker.evaluate(input);
    assert.ok(result.error, `no error for ${String(input)}`);
    assert.ok(['invalid_json', 'invalid_field', 'too_large'].includes(result.error.code), result.error.code);
    assert.equal(typeof result.error.message, 'string');
  }
  assert.equal(checker.evaluate({ vehicle: { powertrain: 'steam' } }).error.field, '/vehicle/powertrain');
});

test('a megabyte of input is refused as too large', () => {
  const result = checker.evaluate({ vehicle: { model: 'x'.repeat(1 << 20) } });
  assert.equal(result.error.code, 'too_large');
});

test('vin and uscc checks', () => {
  const good = checker.vin('LGXCE4CB6T0123456');
  assert.equal(good.valid, true);
  assert.equal(good.model_year, 2026);
  const bad = checker.vin('LGXCE4CB7T0123456');
  assert.equal(bad.valid, false);
  assert.deepEqual(bad.problems[0].positions, [9]);
  assert.equal(bad.problems[0].expected, '6');
  // A 2010-cycle year after the next one is read in the 1980 cycle (identifiers.md A.5 4).
  assert.equal(checker.vin('LGXCE4CB0W0123456', '2026-03-01').model_year, 1998);
  assert.equal(checker.vin('LVVDB12A86D193156', '2026-11-29').model_year, 2006);
  assert.equal(checker.vin('HE9XR1C40PS083871').valid, false); // China's H range holds the check digit
  const uscc = checker.uscc('91350100M000100Y43');
  assert.equal(uscc.valid, true);
  assert.equal(uscc.province, '福建省');
  assert.equal(checker.uscc('91350100M000100Y44').problems[0].code, 'uscc_check');
  assert.equal(checker.vin(undefined).valid, false);
});

test('rulesetInfo names the ruleset and its sources', () => {
  const info = checker.rulesetInfo();
  assert.equal(info.id, 'cn-vehicle-export');
  assert.ok(info.rules.some((r) => r.id === 'cn.licence.bev-2026' && r.from === '2026-01-01'));
  assert.ok(info.sources.some((s) => s.number.includes('2025年第54号')));
});

test('texts follow lang, with English as the fallback', () => {
  const request = {
    as_of: '2026-03-01',
    vehicle: { category: 'passenger_car', powertrain: 'bev', condition: 'new' },
    exporter: { role: 'trader' },
  };
  assert.match(checker.evaluate({ ...request, lang: 'zh' }).reasons[0].text, /自2026年1月1日起/);
  assert.match(checker.evaluate({ ...request, lang: 'ru' }).reasons[0].text, /^From 2026-01-01/);
});

// Another version of the ruleset names itself at the head of its change log (docs/RULESET.md).
const versioned = (doc, version) => ({ ...doc, version, changes: [{ ...doc.changes[0], version }] });

test('a ruleset is replaced only by a newer version of itself; otherwise the one in force stays', async () => {
  const { readFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { root } = await import('./corpus.mjs');
  const { createHash } = await import('node:crypto');
  const own = await loadChecker(); // a checker of its own: this test changes what is in force
  const text = readFileSync(join(root, 'core', 'rules', 'cn-vehicle-export.json'), 'utf8');
  const builtin = own.rulesetInfo();
  const doc = JSON.parse(text);

  assert.equal(own.loadRuleset('{ tampered').error.code, 'invalid_ruleset');
  assert.equal(own.loadRuleset(versioned(doc, '2020.1.1')).error.code, 'ruleset_older');
  assert.equal(own.loadRuleset(text, { sha256: '0'.repeat(64) }).error.code, 'ruleset_sha256_mismatch');
  assert.deepEqual(own.rulesetInfo(), builtin);

  // A newer version, pinned by its hash, decides from then on, and results name it.
  const newer = JSON.stringify(versioned(doc, '2027.1.1'));
  const sha256 = createHash('sha256').update(newer).digest('hex');
  assert.equal(own.loadRuleset(newer, { sha256 }).version, '2027.1.1');
  const result = own.evaluate({ as_of: '2026-03-01' });
  assert.deepEqual(result.ruleset, { id: 'cn-vehicle-export', version: '2027.1.1', sha256 });
  assert.equal(own.loadRuleset(text).error.code, 'ruleset_older');
});

test('batch through the JS API: the same answers as the native CLI, however the text is cut', async () => {
  const { execFileSync } = await import('node:child_process');
  const { join } = await import('node:path');
  const { root } = await import('./corpus.mjs');
  const csv =
    '\uFEFFid,as_of,category,powertrain,condition,exporter_role,exporter_listed,make,note\r\n' +
    '1,2026-03-01,passenger_car,bev,new,manufacturer,true,比亚迪,"a, b"\r\n' +
    '2,2026-03-01,passenger_car,steam,new,,,BYD,x\r\n' +
    '3,2025-12-31,passenger_car,bev,new,trader,,BYD,"line\nbreak"';
  const native = execFileSync(join(root, 'build', 'native', 'evexport'), ['batch', '--format', 'csv', '-'], {
    input: csv,
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  // As text, and as UTF-8 bytes (a file read in slices) cut anywhere, inside a character too.
  const bytes = new TextEncoder().encode(csv);
  const inputs = [
    ...[1, 3, 1000].map((size) => [`text in chunks of ${size}`, size, csv, (i) => csv.slice(i, i + size)]),
    ...[1, 2, 5, 1000].map((size) => [`bytes in chunks of ${size}`, size, bytes, (i) => bytes.subarray(i, i + size)]),
  ];
  for (const [what, size, input, piece] of inputs) {
    const run = checker.batch('csv');
    let out = '';
    for (let i = 0; i < input.length; i += size) out += run.feed(piece(i));
    out += run.finish();
    assert.equal(out, native, what);
    assert.deepEqual(run.counts(), {
      rows: 3,
      errors: 1,
      permitted: 1,
      conditional: 1,
      not_permitted: 0,
      undetermined: 0,
      renamed: [],
      read: { separator: ',', date_forms: [], unknown_columns: ['note'] },
      part_done: false,
    });
  }
  assert.throws(() => checker.batch('xml'), TypeError);
  // Each row's message in the reader's language and a link to the calculator: as the CLI's --lang and --link.
  const options = ['--lang', 'ru', '--link', 'https://example.org/ev/'];
  const styled = execFileSync(
    join(root, 'build', 'native', 'evexport'),
    ['batch', '--format', 'csv', ...options, '-'],
    {
      input: csv,
      encoding: 'utf8',
      stdio: ['pipe', 'pipe', 'ignore'],
    },
  );
  const ru = await loadChecker();
  await ru.loadLanguage('ru');
  const run = ru.batch('csv', { lang: 'ru', link: 'https://example.org/ev/' });
  assert.equal(run.feed(csv) + run.finish(), styled);
  // The same answers as their UTF-8 bytes (output 'bytes', as the page's worker hands them on), byte
  // for byte the CLI's, fed as bytes cut inside a character and as text; each answer a buffer of its own.
  const styledBytes = execFileSync(
    join(root, 'build', 'native', 'evexport'),
    ['batch', '--format', 'csv', ...options, '-'],
    {
      input: csv,
      stdio: ['pipe', 'pipe', 'ignore'],
    },
  );
  const cut = bytes.findIndex((b) => b >= 0xc0) + 1; // after the first byte of a multi-byte character
  assert.ok(cut > 0);
  for (const [input, at] of [
    [bytes, cut],
    [csv, 7],
  ]) {
    const raw = ru.batch('csv', { lang: 'ru', link: 'https://example.org/ev/', output: 'bytes' });
    const parts = [raw.feed(input.slice(0, at)), raw.feed(input.slice(at)), raw.finish(), raw.feed('x,y\n')];
    assert.ok(parts.every((p) => p instanceof Uint8Array && p.byteOffset === 0 && p.buffer.byteLength === p.length));
    assert.deepEqual(Buffer.concat(parts), styledBytes);
    assert.equal(parts.at(-1).length, 0); // nothing after finish()
  }
  assert.throws(() => checker.batch('csv', { output: 'json' }), TypeError);
  // A file in two parts, as the page's two workers run it: each reads it whole and answers the rows
  // whose line break falls in its part; joined, they are the whole file's answers, with the counts
  // adding up, wherever it is cut (inside a character, a quoted line break, or a header).
  const whole = { lang: 'ru', link: 'https://example.org/ev/', output: 'bytes' };
  const counted = (c) => [c.rows, c.errors, c.permitted, c.conditional, c.not_permitted, c.undetermined];
  const all = ru.batch('csv', whole);
  all.feed(bytes);
  all.finish();
  for (const at of [1, cut, Math.floor(bytes.length / 2), bytes.length - 1]) {
    const first = ru.batch('csv', { ...whole, part: { until: at } });
    const second = ru.batch('csv', { ...whole, part: { from: at } });
    const answers = [first, second].flatMap((p) => [p.feed(bytes), p.finish()]);
    assert.deepEqual(Buffer.concat(answers), styledBytes, `split at ${at}`);
    const [a, b] = [first.counts(), second.counts()];
    assert.deepEqual(
      counted(a).map((n, i) => n + counted(b)[i]),
      counted(all.counts()),
    );
    assert.equal(a.part_done, true);
    assert.equal(b.part_done, false);
  }
  for (const part of [{ from: -1 }, { until: 1.5 }, { from: 2 ** 32 }, { from: '1' }])
    assert.throws(() => ru.batch('csv', { part }), TypeError, JSON.stringify(part));
  assert.throws(() => ru.batch('csv', { part: { from: 5, until: 4 } }), /part/);
  // A batch the core closed to make room (more than 16 open) throws, as bytes as in text: its error
  // is never handed on as answers.
  const closed = [ru.batch('csv', { output: 'bytes' }), ru.batch('csv')];
  for (let i = 0; i < 16; i++) ru.batch('csv');
  for (const b of closed) assert.throws(() => b.feed('id\n1\n'), /no open batch/);
  assert.match(styled, /Разрешено при условиях/);
  assert.throws(() => checker.batch('csv', { link: 'javascript:alert(1)' }), TypeError);
  assert.throws(() => checker.batch('csv', { lang: 'ru\n' }), TypeError);
});

test(
  'the object fast path gives exactly what the JSON path gives, ' + 'for every corpus case and its variants',
  async () => {
    const { loadCases } = await import('./corpus.mjs');
    const requests = loadCases()
      .map((c) => {
        try {
          return JSON.parse(c.requestText);
        } catch {
          return undefined;
        }
      })
      .filter((r) => r !== undefined);
    const variants = [];
    for (const r of requests) {
      variants.push(r);
      if (r && typeof r === 'object' && !Array.isArray(r)) {
        variants.push({ ...r, lang: 'zh' }, { ...r, lang: 'pt-BR' }, { ...r, extra: 1 }, { ...r, as_of: 20260301 });
        if (r.vehicle)
          variants.push({
            ...r,
            vehicle: { ...r.vehicle, make: 'B"Y\\D\n\t</x>' },
            exporter: {
              ...r.exporter,
              authorization: { brand: '"quoted" \\ brand', valid_from: '2026-01-01', valid_until: '2026-12-31' },
            },
          });
        if (r.vehicle)
          variants.push(
            { ...r, vehicle: { ...r.vehicle, vin: '\u00e9\u{1F600}' } },
            { ...r, vehicle: { ...r.vehicle, modified: 'no' } },
            { ...r, vehicle: [r.vehicle] },
            // Text as the fast path sends it, with no prefix: "t" and "f" in text fields (the fast
            // path), and "" (the JSON path, which reads it as given).
            { ...r, vehicle: { ...r.vehicle, make: 't', model: 'f' } },
            { ...r, vehicle: { ...r.vehicle, category: 'f' } },
            { ...r, vehicle: { ...r.vehicle, model: '' } },
            { ...r, lang: '' },
          );
        if (r.exporter)
          variants.push(
            { ...r, exporter: { ...r.exporter, listed: undefined, name: '\ud800' } },
            { ...r, exporter: null },
          );
      }
    }
    variants.push(
      Object.create({ as_of: '2026-03-01' }),
      new Date(0),
      { vehicle: { vin: 'a\u0000b' } },
      { lang: 'x'.repeat(20) },
    );
    for (const v of variants) {
      if (typeof v === 'string') continue; // evaluate(string) reads the string as JSON text, by design
      let text;
      try {
        text = JSON.stringify(v);
      } catch {
        continue;
      }
      if (typeof text !== 'string') continue;
      assert.deepEqual(checker.evaluate(v), JSON.parse(checker.evaluateJson(text)), text);
    }
    assert.ok(variants.length > 900, `${variants.length} variants`);
  },
);
