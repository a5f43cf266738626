// The second security and reliability pass (docs/SECURITY.md), as the JS API's users meet it:
// nothing a caller passes makes a call throw, a batch keeps what it started with, the package
// leaves its node host alone, and no input grows the core's memory or caches without bound.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadChecker } from './checker.mjs';
import { root } from './corpus.mjs';

const ruleset = JSON.parse(readFileSync(join(root, 'core', 'rules', 'cn-vehicle-export.json'), 'utf8'));
const registry = readFileSync(join(root, 'tests', 'registry', 'fictional-2026.json'), 'utf8');
const versioned = (doc, version) => ({ ...doc, version, changes: [{ ...doc.changes[0], version }] });
const bev = { as_of: '2026-03-01', vehicle: { category: 'passenger_car', powertrain: 'bev', condition: 'new' } };

test('the package installs no process-wide handlers in its node host', async () => {
  const before = [process.listenerCount('uncaughtException'), process.listenerCount('unhandledRejection')];
  await loadChecker();
  await loadChecker();
  assert.deepEqual([process.listenerCount('uncaughtException'), process.listenerCount('unhandledRejection')], before);
});

test('no call throws, whatever it is given', async () => {
  const checker = await loadChecker();
  const cyclic = { vehicle: {} };
  cyclic.vehicle.self = cyclic;
  const getter = {
    get vehicle() {
      throw new Error('boom');
    },
  };
  const odd = [
    JSON.parse('{"__proto__":{"__proto__":{"a":1}}}'),
    JSON.parse('{"vehicle":{"__proto__":{"make":"BYD"}}}'),
    { toString: 1 },
    cyclic,
    getter,
    Object.create(null),
    [],
    1n,
    Symbol('x'),
    () => 1,
    new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('proxy');
        },
      },
    ),
  ];
  for (const request of odd) {
    const result = checker.evaluate(request);
    assert.ok(
      result && typeof result === 'object' && ('verdict' in result || 'error' in result),
      String(typeof request),
    );
  }
  assert.equal(checker.evaluate(JSON.parse('{"__proto__":{"__proto__":{"a":1}}}')).verdict, 'undetermined');
  for (const list of [null, undefined, 1, cyclic, getter, [getter, bev]])
    assert.ok(Array.isArray(checker.verdicts(list)));
  assert.deepEqual(checker.verdicts([getter, bev]), [null, 'undetermined']);
  for (const [value, options] of [
    [undefined, undefined],
    [null, null],
    [cyclic, {}],
    [ruleset, null],
    [ruleset, { sha256: getter }],
    [1n, 1],
  ]) {
    const out = checker.loadRuleset(value, options);
    assert.ok(out && typeof out === 'object');
  }
  for (const value of [undefined, cyclic, 1n]) {
    assert.ok(checker.loadRegistry(value).error);
    assert.ok(checker.loadTranslation(value).error);
  }
  assert.ok(
    checker.vin({
      toString() {
        throw new Error('x');
      },
    }).error,
  );
  assert.equal(await checker.loadLanguage({}), false);
  assert.equal(checker.rulesetInfo(cyclic).id, ruleset.id);
});

test('a batch keeps the ruleset and registry it started with, whatever is loaded meanwhile', async () => {
  const rows = ['id,as_of,category,powertrain,condition,make,exporter_uscc,exporter_role'];
  for (let i = 0; i < 300; i++)
    rows.push(
      `${i},2026-03-01,passenger_car,bev,new,BYD,${i % 2 ? '91440300MA5FK00171' : '91350100M000100Y43'},manufacturer`,
    );
  const csv = `${rows.join('\n')}\n`;
  const quiet = await loadChecker();
  quiet.loadRegistry(registry);
  const q = quiet.batch('csv');
  const expected = q.feed(csv) + q.finish();
  assert.match(expected, /,conditional,/);
  assert.match(expected, /,not_permitted,/);

  const busy = await loadChecker();
  busy.loadRegistry(registry);
  const run = busy.batch('csv');
  const other = busy.batch('csv'); // a second batch does not take over the first
  let out = '';
  let n = 0;
  const noLicence = structuredClone(ruleset);
  for (const rule of noLicence.rules)
    if (rule.id === 'cn.licence.bev-2026') Object.assign(rule, { licence: false, regime: 'none' });
  for (let at = 0; at < csv.length; at += 701, n++) {
    out += run.feed(csv.slice(at, at + 701));
    if (n % 4 === 0) busy.clearRegistry();
    if (n % 4 === 1) busy.loadRuleset(versioned(noLicence, `2030.1.${n}`));
    if (n % 4 === 2) busy.loadRegistry(registry);
    if (n % 4 === 3) await busy.loadLanguage('es');
  }
  out += run.finish();
  assert.equal(out, expected);
  // (with destination data loaded, as loadChecker does, three destination columns follow)
  assert.equal(
    other.feed('id\n'),
    'id,verdict,licence_required,warnings,missing,error,error_field,' +
      'destination_entry,destination_charges_percent,destination_total,vin,make,model,message\n',
  );
  assert.equal(run.feed('more'), '', 'a finished batch takes nothing more');
});

test('a replacement ruleset loaded without a pin is marked in every answer; a pinned one is not', async () => {
  const unpinned = await loadChecker();
  assert.equal(unpinned.loadRuleset(versioned(ruleset, '2031.1.1')).version, '2031.1.1');
  const marked = unpinned.evaluate(bev);
  assert.ok(
    marked.warnings.some((w) => w.code === 'ruleset_unpinned'),
    JSON.stringify(marked.warnings),
  );
  assert.equal(JSON.parse(unpinned.evaluateJson(JSON.stringify(bev))).warnings.at(-1).code, 'ruleset_unpinned');
  const pinned = await loadChecker();
  const text = JSON.stringify(versioned(ruleset, '2031.1.1'));
  const { createHash } = await import('node:crypto');
  assert.equal(
    pinned.loadRuleset(text, { sha256: createHash('sha256').update(text).digest('hex') }).version,
    '2031.1.1',
  );
  assert.ok(!pinned.evaluate(bev).warnings.some((w) => w.code === 'ruleset_unpinned'));
  // Versions compare the same as natively, however long their numbers.
  assert.equal(pinned.loadRuleset(versioned(ruleset, '4294967297.1')).version, '4294967297.1');
  assert.equal(pinned.loadRuleset(versioned(ruleset, '4294967296.9')).error.code, 'ruleset_older');
  // Source links are web addresses only.
  const js = versioned(structuredClone(ruleset), '4294967298');
  js.sources[0].url = 'javascript:alert(1)';
  assert.deepEqual(
    [pinned.loadRuleset(js).error.code, pinned.loadRuleset(js).error.field],
    ['invalid_ruleset', '/sources/0/url'],
  );
});

test('no input grows the core memory or the caches without bound', async () => {
  const checker = await loadChecker();
  checker.evaluate(bev);
  const memory = () => process.memoryUsage().arrayBuffers; // the wasm memory is one of them
  const start = memory();
  assert.equal(checker.vin('A'.repeat(50_000_000)).error.code, 'too_large');
  assert.equal(checker.uscc('9'.repeat(50_000_000)).error.code, 'too_large');
  assert.equal(checker.evaluate(JSON.stringify({ vehicle: { vin: 'A'.repeat(50_000_000) } })).error.code, 'too_large');
  assert.equal(JSON.parse(checker.evaluateJson(`{"a":"${'x'.repeat(50_000_000)}"}`)).error.code, 'too_large');
  assert.ok(memory() - start < 16 * 1024 * 1024, `memory grew by ${memory() - start} bytes`);
  // One text table per language the texts are in, not per `lang` string asked for.
  const heap = process.memoryUsage().heapUsed;
  for (let i = 0; i < 20_000; i++) checker.evaluate({ ...bev, lang: `x${i}` });
  global.gc?.();
  assert.ok(process.memoryUsage().heapUsed - heap < 64 * 1024 * 1024, 'the tables cache stays bounded');
  assert.deepEqual(checker.evaluate({ ...bev, lang: 'x1' }), checker.evaluate({ ...bev, lang: 'en' }));
  // A request with thousands of keys is refused at once, not parsed.
  const many = { ...bev };
  for (let i = 0; i < 8000; i++) many[`k${i}`] = i;
  assert.deepEqual(checker.evaluate(many).error.code, 'too_large');
  // A batch chunk of any size goes to the core in bounded pieces, never between the halves of a
  // character: the answers are those of the same text fed whole.
  const emoji = `id,notes\n1,${'x'.repeat((1 << 20) - 12)}\u{1F600},y\n2,\u{1F600}\n`;
  assert.equal(emoji.charCodeAt((1 << 20) - 1) & 0xfc00, 0xd800, 'the pair straddles the first piece boundary');
  const small = checker.batch('csv');
  let expected = '';
  for (let at = 0; at < emoji.length; at += 4096) {
    let end = Math.min(at + 4096, emoji.length);
    if ((emoji.charCodeAt(end - 1) & 0xfc00) === 0xd800) end++;
    expected += small.feed(emoji.slice(at, end));
    at = end - 4096;
  }
  expected += small.finish();
  const whole = checker.batch('csv');
  assert.equal(whole.feed(emoji) + whole.finish(), expected);
  assert.match(expected, /\n2,.*,\u{1F600}\n$/u);
  // A batch chunk of any size goes to the core in bounded pieces.
  const run = checker.batch('csv');
  const big = `id,notes\n${(`1,${'x'.repeat(100)}\n`).repeat(30_000)}`;
  const out = run.feed(big) + run.finish();
  assert.equal(out.split('\n').length, 30_002);
});

test('after the core memory grows, empty texts still get their answers (the input view is taken again)', async () => {
  const checker = await loadChecker();
  // A large pack: copying it in and parsing it makes the core's memory grow, which detaches the view
  // of the input buffer taken before the parse.
  checker.loadTranslation(JSON.stringify({ texts: { a: 'x'.repeat(9_000_000) } }));
  const vin = checker.vin('');
  assert.equal(vin.error, undefined, JSON.stringify(vin));
  assert.equal(vin.valid, false);
  assert.equal(checker.loadRuleset('').error.code, 'invalid_ruleset');
  assert.equal(checker.evaluate({ vehicle: { category: 'bus' } }).error, undefined);
});

test('a ruleset whose title lists Chinese first still answers in English for a language it lacks', async () => {
  const checker = await loadChecker();
  const doc = JSON.parse(readFileSync(join(root, 'core', 'rules', 'cn-vehicle-export.json'), 'utf8'));
  const reordered = versioned({ ...doc, title: { zh: doc.title.zh, en: doc.title.en } }, '2099.1.1');
  assert.equal(checker.loadRuleset(reordered).error, undefined);
  const request = {
    as_of: '2026-03-01',
    lang: 'fr',
    vehicle: { category: 'passenger_car', powertrain: 'bev', condition: 'new' },
    exporter: { role: 'manufacturer', listed: true },
  };
  const fast = checker.evaluate(request);
  assert.deepEqual(JSON.parse(checker.evaluateJson(JSON.stringify(request))), fast, 'both paths give the same');
  const english = checker.evaluate({ ...request, lang: 'en' });
  assert.deepEqual(fast.documents, english.documents);
  assert.deepEqual(fast.reasons, english.reasons);
});

// The WebAssembly core has no C++ exception handling (CMakeLists.txt): a defect traps. A trapped core's
// state cannot be trusted, so the module answers internal_error from then on, and never throws.
test('a core that traps answers internal_error, for that call and every later one, and throws nothing', async () => {
  const { wasmDir } = await import('./checker.mjs');
  globalThis.__dirname = wasmDir;
  const { default: createModule } = await import(join(wasmDir, 'evexport.mjs'));
  const module = await createModule({ wasmBinary: readFileSync(join(wasmDir, 'evexport.wasm')) });
  const request = JSON.stringify(bev);
  assert.equal(JSON.parse(module.evaluate(request)).verdict, 'undetermined');
  const evaluate = module._evexport_evaluate;
  module._evexport_evaluate = () => {
    throw new WebAssembly.RuntimeError('unreachable');
  };
  const trapped = JSON.parse(module.evaluate(request));
  assert.equal(trapped.error.code, 'internal_error');
  assert.match(trapped.error.message, /unreachable/);
  module._evexport_evaluate = evaluate; // the export is back, but the core's state is not to be trusted
  for (const answer of [module.evaluate(request), module.vin('LGXCE4CB6T0123456'), module.rulesetInfo('en')]) {
    const { error } = JSON.parse(answer);
    assert.equal(error.code, 'internal_error');
    assert.match(error.message, /stopped after an internal error \(unreachable\); create a new checker/);
  }
  assert.doesNotThrow(() => module.clearRegistry());
  // Another module (a new checker) is not affected.
  const fresh = await createModule({ wasmBinary: readFileSync(join(wasmDir, 'evexport.wasm')) });
  assert.equal(JSON.parse(fresh.evaluate(request)).verdict, 'undetermined');
});
