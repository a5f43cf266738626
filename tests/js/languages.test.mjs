// Six languages: every interface string in every language, every rule text translated (the packs
// are checked complete by the core, tests/core/translation_test.cpp), and the same answers on every
// surface in each language.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadChecker } from './checker.mjs';
import { loadCases, root } from './corpus.mjs';

const LANGS = ['en', 'zh', 'ru', 'es', 'pt-BR', 'ar'];
const TRANSLATED = ['ru', 'es', 'pt-BR', 'ar'];
const locales = Object.fromEntries(
  LANGS.map((lang) => [lang, JSON.parse(readFileSync(join(root, 'web', 'locales', `${lang}.json`), 'utf8'))]),
);
const packDir = join(root, 'core', 'rules', 'translations');
const ruleset = JSON.parse(readFileSync(join(root, 'core', 'rules', 'cn-vehicle-export.json'), 'utf8'));

test('the interface has a locale file for each language and no other', () => {
  assert.deepEqual(readdirSync(join(root, 'web', 'locales')).sort(), LANGS.map((l) => `${l}.json`).sort());
});

for (const lang of LANGS.slice(1)) {
  test(`${lang}: every interface string, none missing, none extra, none empty`, () => {
    const keys = Object.keys(locales.en);
    assert.deepEqual(
      keys.filter((k) => !(k in locales[lang])),
      [],
      'missing keys',
    );
    assert.deepEqual(
      Object.keys(locales[lang]).filter((k) => !(k in locales.en)),
      [],
      'keys English does not have',
    );
    // translationNote speaks of translated texts: English and Chinese are the ruleset's own.
    const empty = keys.filter((k) => locales[lang][k].trim() === '' && !(k === 'translationNote' && lang === 'zh'));
    assert.deepEqual(empty, [], 'empty strings');
  });
}

test('every value the core accepts for an enumerated field has a label in every language', async () => {
  // The core names the values it accepts when it refuses one: the labels must cover them all.
  const core = await loadChecker();
  for (const [name, pointer] of [
    ['category', '/vehicle/category'],
    ['powertrain', '/vehicle/powertrain'],
    ['condition', '/vehicle/condition'],
    ['role', '/exporter/role'],
    ['trade_mode', '/shipment/trade_mode'],
  ]) {
    const request = {};
    const keys = pointer.slice(1).split('/');
    keys.slice(0, -1).reduce((node, key) => (node[key] = {}), request)[keys.at(-1)] = '?';
    const { error } = core.evaluate(request);
    assert.equal(error.field, pointer);
    const values = error.message.split('expected one of: ')[1].split(', ');
    assert.ok(values.length >= 2, `${name}: ${error.message}`);
    for (const value of values)
      for (const lang of LANGS) assert.ok(locales[lang][`enum.${name}.${value}`], `${lang}: enum.${name}.${value}`);
  }
});

test('each ruleset translation names its language in its file name and the ruleset version it translates', () => {
  assert.deepEqual(readdirSync(packDir).sort(), TRANSLATED.map((l) => `${l}.json`).sort());
  for (const lang of TRANSLATED) {
    const pack = JSON.parse(readFileSync(join(packDir, `${lang}.json`), 'utf8'));
    assert.equal(pack.lang, lang);
    assert.equal(pack.ruleset, ruleset.id);
    assert.equal(pack.version, ruleset.version);
    assert.equal(pack.reviewed, false, 'the packs say they are not yet reviewed, and the page says so');
  }
});

// The same answer on every surface in every language: the native CLI (translations built in),
// the wasm through the JSON path (translations fetched), and the JS fast path.
const checker = await loadChecker();
const cases = loadCases().filter(
  (c) => c.requestText.includes('"as_of"') && !('request_text' in c) && c.requestText.startsWith('{'),
);
for (const lang of TRANSLATED) {
  test(`${lang}: native, wasm and the fast path agree on every case`, async () => {
    assert.equal(await checker.loadLanguage(lang), true);
    const requests = cases.map((c) => JSON.stringify({ ...JSON.parse(c.requestText), lang }));
    const native = execFileSync(join(root, 'build', 'native', 'evexport'), ['batch', '--format', 'jsonl', '-'], {
      input: `${requests.join('\n')}\n`,
      encoding: 'utf8',
      stdio: ['pipe', 'pipe', 'ignore'],
      maxBuffer: 1 << 26, // every corpus answer in one language, the papers' checklists included
    })
      .trim()
      .split('\n');
    assert.equal(native.length, requests.length);
    let translated = 0;
    requests.forEach((text, i) => {
      const json = checker.evaluateJson(text);
      assert.equal(json, native[i], cases[i].name);
      assert.deepEqual(checker.evaluate(JSON.parse(text)), JSON.parse(json), `fast path: ${cases[i].name}`);
      const result = JSON.parse(json);
      if (result.reasons?.some((r) => r.source.title_translated)) translated++;
    });
    assert.ok(translated > requests.length / 2, `translated source titles in ${translated} of ${requests.length}`);
  });
}

// One language per answer: every text an answer carries (reasons and their notes, documents,
// obligations, warnings with their details, questions) is in the request's language. What may stay
// in Latin letters: what the request itself said (a make, a name, a VIN), makers' names from the
// WMI table, and abbreviations in capitals (VIN, CCC, MIIT, WM/T, PHEV …).
const ENGLISH_ONLY = [
  'the',
  'and',
  'of',
  'is',
  'are',
  'with',
  'for',
  'this',
  'that',
  'from',
  'which',
  'not',
  'has',
  'have',
  'was',
  'by',
  'on',
  'to',
  'or',
  'vehicle',
  'vehicles',
  'licence',
  'license',
  'export',
  'exporter',
  'days',
  'code',
  'needs',
  'used',
  'new',
  'car',
  'cars',
  'position',
  'check',
  'digit',
  'passenger',
  'truck',
  'bus',
  'motorcycle',
  'role',
  'trader',
  'manufacturer',
  'powertrain',
  'should',
  'but',
];
const identifiers = JSON.parse(readFileSync(join(root, 'core', 'rules', 'identifiers.json'), 'utf8'));
const makerNames = JSON.stringify(identifiers);
function texts(result) {
  const out = [];
  for (const r of result.reasons ?? []) out.push(r.text, r.note);
  for (const e of [...(result.documents ?? []), ...(result.obligations ?? [])]) out.push(e.text);
  for (const w of result.warnings ?? []) out.push(w.text);
  for (const m of result.missing ?? []) out.push(m.question);
  for (const p of result.papers ?? []) out.push(p.label, ...p.verify.map((v) => v.text));
  return out.filter((t) => typeof t === 'string');
}
function strings(value, into = []) {
  if (typeof value === 'string') into.push(value);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) strings(v, into);
  return into;
}
for (const lang of ['zh', ...TRANSLATED]) {
  test(`${lang}: no English word is left in any answer to any case`, async () => {
    assert.equal(await checker.loadLanguage(lang), true);
    const latinScript = lang === 'es' || lang === 'pt-BR';
    let checked = 0;
    for (const c of cases) {
      const request = { ...JSON.parse(c.requestText), lang };
      const result = checker.evaluate(request);
      if (result.error) continue;
      const given = strings(request).join(' ');
      for (const text of texts(result)) {
        checked++;
        // Web addresses (ecomp.licence.org.cn, gsxt.gov.cn) are written as they are in every language.
        const words = text.replace(/\b[\w-]+(\.[\w-]+)*\.(cn|com|org)\b/g, '').match(/[A-Za-z][A-Za-z'-]*/g);
        for (const word of words ?? []) {
          if (given.includes(word) || makerNames.includes(word) || !/[a-z]/.test(word)) continue;
          if (latinScript && !ENGLISH_ONLY.includes(word.toLowerCase())) continue;
          assert.fail(`${lang}, ${c.name}: "${word}" in: ${text}`);
        }
      }
    }
    assert.ok(checked > cases.length * 3, `${checked} texts checked`);
  });
}

test('loadTranslation refuses a pack that does not fit, and the texts stay as they were', async () => {
  const fresh = await loadChecker();
  const pack = JSON.parse(readFileSync(join(packDir, 'es.json'), 'utf8'));
  delete pack.texts['messages/exporter_trader'];
  const refused = fresh.loadTranslation(pack);
  assert.equal(refused.error.code, 'invalid_translation');
  assert.equal(refused.error.field, '/texts/messages~1exporter_trader');
  assert.deepEqual(fresh.rulesetInfo().languages, ['en', 'zh']);
  assert.equal(await fresh.loadLanguage('fr'), false, 'no French: English texts');
  assert.equal(await fresh.loadLanguage('../x'), false);
});
